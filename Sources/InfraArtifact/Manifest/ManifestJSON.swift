/// The manifest's JSON form, both ways. Writing uses a fixed key order, so the same manifest is the
/// same bytes; reading names the field and the stack of every mistake.
extension Manifest {
    /// The manifest as JSON, in its fixed key order.
    public var json: JSONValue {
        var members = [JSONValue.Member("version", .int(writtenVersion))]
        // Optional (left out when unset), so manifests of apps without a name stay byte-identical.
        if let app { members.append(JSONValue.Member("app", .string(app))) }
        members += [
            JSONValue.Member("stages", .list(stages.map(JSONValue.string))),
            JSONValue.Member("stacks", .list(stacks.map(\.json))),
        ]
        if !stackSets.isEmpty { members.append(JSONValue.Member("stackSets", .list(stackSets.map(\.json)))) }
        if !assets.isEmpty { members.append(JSONValue.Member("assets", .list(assets.map(\.json)))) }
        return .object(members)
    }

    /// Reads manifest JSON; `file` names it in errors. Refuses other versions, wrong types and
    /// inconsistent stacks (`validate`).
    public static func parse(_ bytes: some Collection<UInt8>, file: String = "manifest.json") throws(ArtifactError) -> Manifest {
        let regenerate = "regenerate it with `swift package --allow-writing-to-package-directory generate-stacks`"
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw ArtifactError("is not valid JSON (\(error))", file: file, remedy: regenerate)
        }
        guard case .object = root else { throw ArtifactError("is not a JSON object", file: file, remedy: regenerate) }
        guard case .int(let version)? = root["version"] else { throw ArtifactError("has no integer \"version\"", file: file, remedy: regenerate) }
        guard Self.readableVersions.contains(version) else {
            throw ArtifactError(
                "has version \(version), but this infra reads only versions \(Self.readableVersions.lowerBound) to \(Self.readableVersions.upperBound)", file: file,
                remedy: version > Self.version ? "update infra to a release that reads version \(version)" : "regenerate it with this package's generate-stacks")
        }
        let reader = FieldReader(file: file, remedy: regenerate)
        let stages = try reader.strings(root, "stages", at: "manifest", optional: true)
        guard case .list(let entries)? = root["stacks"] else { throw reader.error("has no \"stacks\" list") }
        var stacks: [Stack] = []
        for (index, entry) in entries.enumerated() {
            guard case .object = entry else { throw reader.error("stacks[\(index)] is not an object") }
            stacks.append(try Stack(json: entry, at: "stacks[\(index)]", reader: reader))
        }
        var stackSets: [StackSet] = []
        for (index, entry) in try reader.list(root, "stackSets", at: "manifest").enumerated() {
            guard version >= 3 else { throw reader.error("has \"stackSets\", which version \(version) does not have (they came with version 3)") }
            guard case .object = entry else { throw reader.error("stackSets[\(index)] is not an object") }
            stackSets.append(try StackSet(json: entry, at: "stackSets[\(index)]", reader: reader))
        }
        var assets: [Asset] = []
        for (index, entry) in try reader.list(root, "assets", at: "manifest").enumerated() {
            guard version >= 2 else { throw reader.error("has \"assets\", which version \(version) does not have (they came with version 2)") }
            assets.append(try Asset(json: entry, position: index, reader: reader))
        }
        let manifest = Manifest(stages: stages, stacks: stacks, stackSets: stackSets, assets: assets, app: try reader.optionalString(root, "app", at: "manifest", nonEmpty: true))
        // Version 1 readers ignore settings; a version 1 file holding them was not written by generate-stacks.
        if version < 2, let stack = stacks.first(where: { !$0.settings.isEmpty }) {
            throw reader.error("stack '\(stack.name)' has stack settings (terminationProtection, stackPolicy, notificationArns, serviceRoleArn), which need version 2")
        }
        try manifest.validate(file: file)
        return manifest
    }
}

extension Manifest.Stack {
    /// The entry as JSON: optional fields are left out when unset, except `stage`, which is `null`.
    public var json: JSONValue {
        var members = [JSONValue.Member("name", .string(name)), JSONValue.Member("account", .string(account))]
        if let accountName { members.append(JSONValue.Member("accountName", .string(accountName))) }
        members += [
            JSONValue.Member("region", .string(region)),
            JSONValue.Member("stage", stage.map(JSONValue.string) ?? .null),
            JSONValue.Member("access", access.json),
            JSONValue.Member("templateFile", .string(templateFile)),
            JSONValue.Member("templateSHA256", .string(templateSHA256)),
        ]
        if let templateBucket { members.append(JSONValue.Member("templateBucket", .string(templateBucket))) }
        members += [
            JSONValue.Member("dependencies", .list(dependencies.map(JSONValue.string))),
            JSONValue.Member("parameters", .list(parameters.map(\.json))),
            JSONValue.Member("capabilities", .list(capabilities.map(JSONValue.string))),
            JSONValue.Member("tags", .list(tags.map { ["key": .string($0.key), "value": .string($0.value)] })),
        ]
        return .object(members + settings.jsonMembers)
    }

    init(json entry: JSONValue, at place: String, reader: FieldReader) throws(ArtifactError) {
        let name = try reader.string(entry, "name", at: place)
        let here = "stack '\(name)'"
        var parameters: [Manifest.Parameter] = []
        for (position, parameter) in try reader.list(entry, "parameters", at: here).enumerated() {
            parameters.append(try Manifest.Parameter(json: parameter, stack: here, position: position, reader: reader))
        }
        var tags: [StackTag] = []
        for (position, tag) in try reader.list(entry, "tags", at: here).enumerated() {
            let at = "\(here) tags[\(position)]"
            tags.append(StackTag(key: try reader.string(tag, "key", at: at), value: try reader.string(tag, "value", at: at)))
        }
        self.init(
            name: name, account: try reader.string(entry, "account", at: here),
            accountName: try reader.optionalString(entry, "accountName", at: here), region: try reader.string(entry, "region", at: here),
            stage: try reader.optionalString(entry, "stage", at: here, nonEmpty: true),
            access: try Manifest.Access(json: entry["access"], at: here, reader: reader),
            templateFile: try reader.string(entry, "templateFile", at: here),
            templateSHA256: try reader.string(entry, "templateSHA256", at: here).lowercased(),
            dependencies: try reader.strings(entry, "dependencies", at: here, optional: true), parameters: parameters,
            capabilities: try reader.strings(entry, "capabilities", at: here, optional: true), tags: tags,
            templateBucket: try reader.optionalString(entry, "templateBucket", at: here))
        settings = try Manifest.StackSettings(json: entry, at: here, reader: reader)
    }
}

extension Manifest.Access {
    /// `{"type": "assumeRole", "roleArn": …, "externalId": …}`, `{"type": "profile", "profile": …}` or `{"type": "currentCredentials"}`.
    public var json: JSONValue {
        switch self {
        case .assumeRole(let roleARN, let externalID):
            var members = [JSONValue.Member("type", "assumeRole"), JSONValue.Member("roleArn", .string(roleARN))]
            if let externalID { members.append(JSONValue.Member("externalId", .string(externalID))) }
            return .object(members)
        case .profile(let profile): return ["type": "profile", "profile": .string(profile)]
        case .currentCredentials: return ["type": "currentCredentials"]
        }
    }

    /// A missing or `null` access means the deployer's own credentials.
    init(json: JSONValue?, at place: String, reader: FieldReader) throws(ArtifactError) {
        guard let json, json != .null else {
            self = .currentCredentials
            return
        }
        guard case .object = json else { throw reader.error("\(place): \"access\" must be an object") }
        let here = place + " access"
        switch json["type"] {
        case .string("assumeRole"):
            self = .assumeRole(roleARN: try reader.string(json, "roleArn", at: here), externalID: try reader.optionalString(json, "externalId", at: here))
        case .string("profile"): self = .profile(try reader.string(json, "profile", at: here))
        case .string("currentCredentials"): self = .currentCredentials
        case .string(let other): throw reader.error("\(place): access type '\(other)' is not assumeRole, profile or currentCredentials")
        default: throw reader.error("\(place): access type (missing) is not assumeRole, profile or currentCredentials")
        }
    }
}

extension Manifest.Parameter {
    /// `{"name": …, "value": …}` or `{"name": …, "fromOutput": {"stack": …, "output": …}}`.
    public var json: JSONValue {
        switch self {
        case .value(let name, let value): ["name": .string(name), "value": .string(value)]
        case .fromOutput(let name, let stack, let output): ["name": .string(name), "fromOutput": ["stack": .string(stack), "output": .string(output)]]
        }
    }

    init(json: JSONValue, stack: String, position: Int, reader: FieldReader) throws(ArtifactError) {
        guard case .object = json else { throw reader.error("\(stack): parameters[\(position)] is not an object") }
        let name = try reader.string(json, "name", at: "\(stack) parameters[\(position)]")
        let here = "\(stack) parameter \(name)"
        if let source = json["fromOutput"], source != .null {
            guard case .object = source else { throw reader.error("\(here): \"fromOutput\" must be an object") }
            self = .fromOutput(name: name, stack: try reader.string(source, "stack", at: here), output: try reader.string(source, "output", at: here))
        } else {
            self = .value(name: name, value: try reader.string(json, "value", at: here))
        }
    }
}

/// Typed field access with errors that name the file, the place and the field.
struct FieldReader {
    let file: String
    let remedy: String

    func error(_ message: String) -> ArtifactError { ArtifactError(message, file: file, remedy: remedy) }

    func string(_ object: JSONValue, _ key: String, at place: String, nonEmpty: Bool = true) throws(ArtifactError) -> String {
        guard case .string(let value)? = object[key], !nonEmpty || !value.isEmpty else {
            throw error("\(place): \"\(key)\" must be a\(nonEmpty ? " non-empty" : "") string")
        }
        return value
    }

    func optionalString(_ object: JSONValue, _ key: String, at place: String, nonEmpty: Bool = false) throws(ArtifactError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard case .string(let text) = value, !nonEmpty || !text.isEmpty else {
            throw error("\(place): \"\(key)\" must be a\(nonEmpty ? " non-empty" : "") string")
        }
        return text
    }

    func strings(_ object: JSONValue, _ key: String, at place: String, optional: Bool) throws(ArtifactError) -> [String] {
        guard let value = object[key], value != .null else {
            if optional { return [] }
            throw error("\(place): \"\(key)\" is missing")
        }
        guard case .list(let items) = value else { throw error("\(place): \"\(key)\" must be a list of strings") }
        var strings: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw error("\(place): \"\(key)\" must be a list of strings") }
            strings.append(text)
        }
        return strings
    }

    /// The list under `key`; missing or `null` is empty.
    func list(_ object: JSONValue, _ key: String, at place: String) throws(ArtifactError) -> [JSONValue] {
        guard let value = object[key], value != .null else { return [] }
        guard case .list(let items) = value else { throw error("\(place): \"\(key)\" must be a list") }
        return items
    }
}
