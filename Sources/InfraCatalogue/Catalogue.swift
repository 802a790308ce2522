import Foundation
import InfraArtifact

/// The registry schemas as cfn-lint ships them (`cfnlint/data/schemas`): a provider list per
/// region mapping each type name to a content-addressed schema file.
public struct SchemaStore: Sendable {
    /// The `schemas` folder.
    public let root: URL
    /// Type name → schema file hash, over the union of every region's provider list. A type offered
    /// in only some regions (DeviceFarm in us-west-2, OpsWorks outside us-east-1) is still a type.
    public let types: [String: String]
    /// Type name → the regions whose provider lists offer it, in name order (`us-east-1`, …).
    public let regions: [String: [String]]
    /// Type name → the date AWS shut its service down, from the schema's `lifecycle`. CloudFormation
    /// no longer creates these types, so they are not shipped (docs/catalogue.md lists them).
    public let shutDown: [String: String]
    /// The schema snapshot's date (`version.json`), for provenance.
    public let date: String

    /// Provider lists that are not regions: `sam.json` lists the Serverless transform's macro types,
    /// which CloudFormation expands before it sees them, so they are no resources of their own.
    static let nonRegionProviders: Set<String> = ["sam.json"]

    /// Opens the store; fails naming the file that is missing or malformed.
    public init(root: URL) throws {
        self.root = root
        let folder = root.appendingPathComponent("providers")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !Self.nonRegionProviders.contains($0) }.sorted()
        guard !names.isEmpty else { throw GeneratorError("\(folder.path): no provider lists") }
        var types: [String: String] = [:]
        var regions: [String: [String]] = [:]
        for name in names {
            let region = String(name.dropLast(".json".count))
            let providers = folder.appendingPathComponent(name)
            guard let members = try Self.read(providers).members else { throw GeneratorError("\(providers.path): not a JSON object") }
            for member in members {
                guard let hash = member.value.string else { throw GeneratorError("\(providers.path): \(member.key) has no schema hash") }
                // Schema files are content-addressed, so regions that share a type share its hash;
                // should they ever differ, the first region in name order wins, for determinism.
                if types[member.key] == nil { types[member.key] = hash }
                regions[member.key, default: []].append(region)
            }
        }
        self.types = types
        self.regions = regions
        var shutDown: [String: String] = [:]
        for (name, hash) in types {
            let text = try String(contentsOf: root.appendingPathComponent("resources/\(hash).json"), encoding: .utf8)
            // Most schemas have no lifecycle; the substring test spares parsing them here.
            guard text.contains("\"lifecycle\"") else { continue }
            let lifecycle = try JSONValue.parse(text)["lifecycle"]
            if lifecycle?["status"]?.string == "shutdown" { shutDown[name] = lifecycle?["date"]?.string ?? "an unknown date" }
        }
        self.shutDown = shutDown
        let version = root.appendingPathComponent("version.json")
        date = FileManager.default.fileExists(atPath: version.path) ? (try Self.read(version))["schema_date"]?.string ?? "unknown" : "unknown"
    }

    static func read(_ url: URL) throws -> JSONValue {
        let data = try Data(contentsOf: url)
        return try JSONValue.parse(String(decoding: data, as: UTF8.self))
    }

    /// The service names (`IAM`, `EC2` …) of every shipped `AWS::` type.
    public var services: [String] {
        Array(Set(shipped.filter { $0.hasPrefix("AWS::") }.map { $0.components(separatedBy: "::")[1] })).sorted()
    }

    /// Every type but those of shut-down services.
    var shipped: [String] { types.keys.filter { shutDown[$0] == nil } }

    /// The shipped type names of one service, sorted.
    public func typeNames(service: String) -> [String] {
        shipped.filter { $0.hasPrefix("AWS::\(service)::") && $0.components(separatedBy: "::").count == 3 }.sorted()
    }

    /// One type's schema.
    public func schema(_ typeName: String) throws -> JSONValue {
        guard let hash = types[typeName] else { throw GeneratorError("no schema for \(typeName) in any region's provider list") }
        return try Self.read(root.appendingPathComponent("resources/\(hash).json"))
    }
}

/// Generates the Swift module of one or more services.
public struct Catalogue: Sendable {
    /// The schemas.
    public let store: SchemaStore
    /// The cfn-lint version the schemas come from, for provenance.
    public let toolVersion: String

    /// A catalogue over `store`.
    public init(store: SchemaStore, toolVersion: String) {
        self.store = store
        self.toolVersion = toolVersion
    }

    /// The models of one service's types.
    public func models(service: String) throws -> [ResourceModel] {
        let names = store.typeNames(service: service)
        guard !names.isEmpty else { throw GeneratorError("no AWS::\(service)::* types in the schemas; services are named as in AWS::<Service>::<Type>, such as EC2 or ElasticLoadBalancingV2") }
        return try names.map { name in
            var builder = try ResourceBuilder(schema: try store.schema(name))
            return try builder.build()
        }
    }

    /// The provenance line of generated files.
    var provenance: String { "cfn-lint \(toolVersion) schemas of \(store.date), all regions" }

    /// The sweep files for `services`: one per service and the index, by file name.
    public func sweepFiles(services: [String]) throws -> [(path: String, contents: String)] {
        let emitter = SweepEmitter(provenance: provenance)
        var files: [(path: String, contents: String)] = []
        for service in services {
            files.append((path: "Sweep\(service).swift", contents: emitter.file(service: service, models: try models(service: service))))
        }
        // The sweep lints each type in a region that offers it: us-east-1 where it can.
        var elsewhere: [String: String] = [:]
        for service in services {
            for name in store.typeNames(service: service) {
                let offered = store.regions[name] ?? []
                if !offered.contains(SweepEmitter.defaultRegion), let first = offered.first { elsewhere[name] = first }
            }
        }
        files.append((path: "Sweeps.swift", contents: emitter.index(services: services, regions: elsewhere)))
        return files
    }

    /// `docs/catalogue.md`: which module and Swift type hold each CloudFormation type of `services`.
    public func index(services: [String]) -> String {
        var out = "# The resource catalogue\n\n"
        out += "Generated by `scripts/generate-catalogue.sh` from the \(provenance); do not edit.\n"
        out += "`AWS::<Service>::<Type>` is `<Service>.<Type>` in the library product `InfraAWS<Service>`.\n\n"
        let counts = services.map { store.typeNames(service: $0).count }
        out += "\(services.count) services, \(counts.reduce(0, +)) resource types.\n\n"
        out += "| module | types |\n|---|---|\n"
        for service in services {
            let types = store.typeNames(service: service).map { "`\(service).\(ResourceBuilder.swiftName(typeName: $0))`" }
            out += "| `InfraAWS\(service)` | \(types.joined(separator: ", ")) |\n"
        }
        out += "\n## Not shipped: services AWS has shut down\n\n"
        out += "Their schemas carry `lifecycle.status: shutdown`; CloudFormation no longer creates them, and cfn-lint rejects them (E3710).\n\n"
        out += "| type | shut down on |\n|---|---|\n"
        for name in store.shutDown.keys.sorted() { out += "| `\(name)` | \(store.shutDown[name]!) |\n" }
        return out
    }

    /// The files of one service's module, relative to the module folder, with their contents.
    public func files(service: String) throws -> [(path: String, contents: String)] {
        try files(service: service, models: try models(service: service))
    }

    /// The schema facts of every type of `models` for validating raw resources, one line each
    /// (`typeName TAB primary identifiers TAB create-only properties TAB constraints`), sorted: what
    /// InfraDSL reads for a `RawResource` whose module the user does not import.
    public static func registryLines(_ models: [ResourceModel]) -> [String] {
        models.map { "\($0.typeName)\t\($0.primaryIdentifier.joined(separator: ","))\t\($0.createOnly.joined(separator: ","))\t\($0.constraints)" }
    }

    /// The files of one service's module from its models: the namespace, one file per type, and
    /// the grant helpers and `Grantee` conformances of the types that have them (``Grants``).
    public func files(service: String, models: [ResourceModel]) throws -> [(path: String, contents: String)] {
        let emitter = Emitter(provenance: provenance)
        var files = [(path: "\(service).swift", contents: emitter.namespaceFile(service: service, typeNames: models.map(\.typeName)))]
        var used: Set<String> = [service.lowercased()]
        for model in models {
            var fileName = model.name
            while used.contains(fileName.lowercased()) { fileName += "_" }
            used.insert(fileName.lowercased())
            files.append((path: "\(fileName).swift", contents: emitter.resourceFile(model)))
            files += try Grants.files(model, fileName: fileName, header: emitter.header(model.typeName))
        }
        return files
    }
}
