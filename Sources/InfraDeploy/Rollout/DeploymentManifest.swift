import Foundation
import InfraCrypto

/// `stacks.out/manifest.json` as the deployer reads it: the only input besides the templates.
///
/// Written by the DSL's synthesizer; this module does not know the DSL, so it has its own reader,
/// which refuses versions it does not know.
public struct DeploymentManifest: Sendable, Equatable {
    /// The only format version this reader understands.
    public static let supportedVersion = 1

    /// The rollout stages in order; stacks without a stage roll out before the first.
    public var stages: [String]
    /// The stacks in declaration order.
    public var stacks: [Stack]

    /// How the deployer reaches a stack's account.
    public enum Access: Sendable, Equatable {
        /// Assume this role (with the deployer's own credentials), optionally with an external id.
        case assumeRole(roleARN: String, externalID: String?)
        /// Use this named profile of the shared AWS files.
        case profile(String)
        /// Use the deployer's own credentials as they are.
        case currentCredentials
    }

    /// Where a parameter's value comes from.
    public enum Parameter: Sendable, Equatable {
        /// A literal value.
        case value(name: String, value: String)
        /// Another stack's output, read from that stack in its own account.
        case fromOutput(name: String, stack: String, output: String)

        /// The parameter's name in the template.
        public var name: String {
            switch self {
            case .value(let name, _), .fromOutput(let name, _, _): name
            }
        }
    }

    /// One stack's deployment facts.
    public struct Stack: Sendable, Equatable {
        /// The stack name.
        public var name: String
        /// The 12-digit account id.
        public var account: String
        /// The account's human name, if declared.
        public var accountName: String?
        /// The region.
        public var region: String
        /// The rollout stage; `nil` rolls out before the first stage.
        public var stage: String?
        /// How to reach the account.
        public var access: Access
        /// The template's file name inside the artifact folder.
        public var templateFile: String
        /// The SHA-256 of the template file's bytes, lowercase hex.
        public var templateSHA256: String
        /// Stacks that must be deployed first.
        public var dependencies: [String]
        /// Parameter values.
        public var parameters: [Parameter]
        /// Capabilities to acknowledge.
        public var capabilities: [String]
        /// Stack tags.
        public var tags: [StackTag]
        /// The S3 bucket a template over 51,200 bytes is uploaded to (in the stack's account and region); `nil` when none is named.
        public var templateBucket: String?

        /// A stack entry from its parts.
        public init(name: String, account: String, accountName: String? = nil, region: String, stage: String? = nil, access: Access = .currentCredentials, templateFile: String, templateSHA256: String, dependencies: [String] = [], parameters: [Parameter] = [], capabilities: [String] = [], tags: [StackTag] = [], templateBucket: String? = nil) {
            self.name = name
            self.account = account
            self.accountName = accountName
            self.region = region
            self.stage = stage
            self.access = access
            self.templateFile = templateFile
            self.templateSHA256 = templateSHA256
            self.dependencies = dependencies
            self.parameters = parameters
            self.capabilities = capabilities
            self.tags = tags
            self.templateBucket = templateBucket
        }
    }

    /// A manifest from its parts.
    public init(stages: [String], stacks: [Stack]) {
        self.stages = stages
        self.stacks = stacks
    }

    /// Parses manifest JSON; `file` names it in errors.
    public static func parse(_ data: Data, file: String = "manifest.json") throws -> DeploymentManifest {
        func invalid(_ message: String) -> RolloutError {
            RolloutError(.input, message, context: .init(file: file), remedy: "regenerate it with `swift package --allow-writing-to-package-directory generate-stacks`")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw invalid("is not valid JSON")
        }
        guard let object = root as? [String: Any] else { throw invalid("is not a JSON object") }
        guard let version = object["version"] as? Int else { throw invalid("has no numeric \"version\"") }
        guard version == supportedVersion else {
            throw RolloutError(.input, "has version \(version), but this infra reads only version \(supportedVersion)", context: .init(file: file),
                               remedy: version > supportedVersion ? "update infra to a release that reads version \(version)" : "regenerate it with this package's generate-stacks")
        }
        let reader = JSONFields(file: file)
        let stages = try reader.strings(object, "stages", at: "manifest", optional: true)
        guard let stackObjects = object["stacks"] as? [Any] else { throw invalid("has no \"stacks\" list") }
        var stacks: [Stack] = []
        for (index, element) in stackObjects.enumerated() {
            guard let entry = element as? [String: Any] else { throw invalid("stacks[\(index)] is not an object") }
            let at = "stacks[\(index)]"
            let name = try reader.string(entry, "name", at: at)
            let here = "stack '\(name)'"
            let accessObject = try reader.object(entry, "access", at: here, optional: true)
            let access: Access
            switch accessObject.flatMap({ $0["type"] as? String }) {
            case nil where accessObject == nil: access = .currentCredentials
            case "assumeRole"?: access = .assumeRole(roleARN: try reader.string(accessObject!, "roleArn", at: here + " access"), externalID: try reader.optionalString(accessObject!, "externalId", at: here + " access"))
            case "profile"?: access = .profile(try reader.string(accessObject!, "profile", at: here + " access"))
            case "currentCredentials"?: access = .currentCredentials
            case let other: throw invalid("\(here): access type \(other.map { "'\($0)'" } ?? "(missing)") is not assumeRole, profile or currentCredentials")
            }
            var parameters: [Parameter] = []
            for (position, parameter) in ((entry["parameters"] as? [Any]) ?? []).enumerated() {
                guard let parameter = parameter as? [String: Any] else { throw invalid("\(here): parameters[\(position)] is not an object") }
                let parameterName = try reader.string(parameter, "name", at: "\(here) parameters[\(position)]")
                if let source = parameter["fromOutput"] as? [String: Any] {
                    parameters.append(.fromOutput(name: parameterName, stack: try reader.string(source, "stack", at: "\(here) parameter \(parameterName)"), output: try reader.string(source, "output", at: "\(here) parameter \(parameterName)")))
                } else {
                    parameters.append(.value(name: parameterName, value: try reader.string(parameter, "value", at: "\(here) parameter \(parameterName)")))
                }
            }
            var tags: [StackTag] = []
            for (position, tag) in ((entry["tags"] as? [Any]) ?? []).enumerated() {
                guard let tag = tag as? [String: Any] else { throw invalid("\(here): tags[\(position)] is not an object") }
                tags.append(StackTag(key: try reader.string(tag, "key", at: "\(here) tags[\(position)]"), value: try reader.string(tag, "value", at: "\(here) tags[\(position)]")))
            }
            let stage: String?
            if entry["stage"] == nil || entry["stage"] is NSNull { stage = nil } else { stage = try reader.string(entry, "stage", at: here) }
            stacks.append(Stack(
                name: name, account: try reader.string(entry, "account", at: here), accountName: try reader.optionalString(entry, "accountName", at: here),
                region: try reader.string(entry, "region", at: here), stage: stage, access: access,
                templateFile: try reader.string(entry, "templateFile", at: here), templateSHA256: try reader.string(entry, "templateSHA256", at: here).lowercased(),
                dependencies: try reader.strings(entry, "dependencies", at: here, optional: true), parameters: parameters,
                capabilities: try reader.strings(entry, "capabilities", at: here, optional: true), tags: tags,
                templateBucket: try reader.optionalString(entry, "templateBucket", at: here)
            ))
        }
        let manifest = DeploymentManifest(stages: stages, stacks: stacks)
        try manifest.validate(file: file)
        return manifest
    }

    /// Checks what a rollout relies on: unique names, known stages and dependencies, no cycles,
    /// dependencies never in a later stage, templates inside the folder.
    func validate(file: String) throws {
        func invalid(_ message: String, stack: String? = nil) -> RolloutError {
            RolloutError(.input, message, context: .init(stack: stack, file: file), remedy: "fix the Swift source and regenerate stacks.out")
        }
        var seen: Set<String> = []
        for stack in stacks {
            guard seen.insert(stack.name).inserted else { throw invalid("stack '\(stack.name)' is listed twice") }
            guard stack.account.count == 12, stack.account.allSatisfy(\.isNumber) else { throw invalid("account '\(stack.account)' is not a 12-digit account id", stack: stack.name) }
            if let stage = stack.stage, !stages.contains(stage) { throw invalid("stage '\(stage)' is not in the manifest's stages \(stages)", stack: stack.name) }
            guard !stack.templateFile.contains("/"), !stack.templateFile.hasPrefix(".") else { throw invalid("templateFile '\(stack.templateFile)' must be a plain file name inside the folder", stack: stack.name) }
            if let bucket = stack.templateBucket, !S3BucketName.isValid(bucket) {
                throw invalid("templateBucket '\(bucket)' is not a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit)", stack: stack.name)
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: stacks.map { ($0.name, $0) })
        for stack in stacks {
            let producers = stack.dependencies + stack.parameters.compactMap { if case .fromOutput(_, let producer, _) = $0 { producer } else { nil } }
            for dependency in producers {
                guard let producer = byName[dependency] else { throw invalid("depends on '\(dependency)', which is not in the manifest", stack: stack.name) }
                guard stageIndex(producer.stage) <= stageIndex(stack.stage) else {
                    throw invalid("depends on '\(dependency)' of the later stage \(producer.stage ?? "-")", stack: stack.name)
                }
            }
        }
        // Depth-first search for a dependency cycle.
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ name: String, _ path: [String]) throws {
            if state[name] == 2 { return }
            if state[name] == 1 { throw invalid("dependency cycle: \((path + [name]).joined(separator: " → "))") }
            state[name] = 1
            for dependency in byName[name]?.allDependencies ?? [] { try visit(dependency, path + [name]) }
            state[name] = 2
        }
        for stack in stacks { try visit(stack.name, []) }
    }

    /// The position of `stage` in the rollout order; `nil` (no stage) comes first.
    public func stageIndex(_ stage: String?) -> Int {
        guard let stage else { return -1 }
        return stages.firstIndex(of: stage) ?? stages.count
    }
}

extension DeploymentManifest.Stack {
    /// Declared dependencies plus the producers of `fromOutput` parameters, without duplicates.
    public var allDependencies: [String] {
        var result: [String] = []
        for name in dependencies + parameters.compactMap({ if case .fromOutput(_, let producer, _) = $0 { producer } else { nil } }) where !result.contains(name) {
            result.append(name)
        }
        return result
    }

    /// `222222222222` or `222222222222 (development)` when the account has a name.
    public var accountLabel: String { accountName.map { "\(account) (\($0))" } ?? account }
}

/// Typed field access with errors that name the file and the field.
private struct JSONFields {
    let file: String

    func error(_ message: String) -> RolloutError {
        RolloutError(.input, message, context: .init(file: file), remedy: "regenerate it with `swift package --allow-writing-to-package-directory generate-stacks`")
    }

    func string(_ object: [String: Any], _ key: String, at place: String) throws -> String {
        guard let value = object[key] as? String, !value.isEmpty else { throw error("\(place): \"\(key)\" must be a non-empty string") }
        return value
    }

    func optionalString(_ object: [String: Any], _ key: String, at place: String) throws -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw error("\(place): \"\(key)\" must be a string") }
        return text
    }

    func strings(_ object: [String: Any], _ key: String, at place: String, optional: Bool) throws -> [String] {
        guard let value = object[key], !(value is NSNull) else {
            if optional { return [] }
            throw error("\(place): \"\(key)\" is missing")
        }
        guard let list = value as? [Any], let strings = list as? [String] else { throw error("\(place): \"\(key)\" must be a list of strings") }
        return strings
    }

    func object(_ object: [String: Any], _ key: String, at place: String, optional: Bool) throws -> [String: Any]? {
        guard let value = object[key], !(value is NSNull) else {
            if optional { return nil }
            throw error("\(place): \"\(key)\" is missing")
        }
        guard let result = value as? [String: Any] else { throw error("\(place): \"\(key)\" must be an object") }
        return result
    }
}

/// A loaded artifact folder: the manifest and every template, each checked against its SHA-256.
public struct ArtifactFolder: Sendable {
    /// The folder's path as given.
    public let path: String
    /// The manifest.
    public let manifest: DeploymentManifest
    /// Template bodies by stack name.
    public let templates: [String: String]

    /// An artifact set from its parts (for tests and callers that hold the files in memory).
    public init(path: String, manifest: DeploymentManifest, templates: [String: String]) {
        self.path = path
        self.manifest = manifest
        self.templates = templates
    }

    /// Reads `path/manifest.json` and the templates it lists; a template whose bytes do not match
    /// its `templateSHA256` is an input error naming the file.
    public static func load(path: String) throws -> ArtifactFolder {
        let folder = URL(fileURLWithPath: path)
        let manifestPath = folder.appendingPathComponent("manifest.json").path
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw RolloutError(.input, "no manifest.json in \(path)", context: .init(file: manifestPath),
                               remedy: "generate the stacks first (`swift package --allow-writing-to-package-directory generate-stacks`) or pass --dir")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
        } catch {
            throw RolloutError(.input, "cannot be read", context: .init(file: manifestPath), cause: SecretFreeError(error))
        }
        let manifest = try DeploymentManifest.parse(data, file: manifestPath)
        var templates: [String: String] = [:]
        for stack in manifest.stacks {
            let templatePath = folder.appendingPathComponent(stack.templateFile).path
            guard let bytes = FileManager.default.contents(atPath: templatePath) else {
                throw RolloutError(.input, "template of stack '\(stack.name)' is missing", context: .init(file: templatePath), remedy: "regenerate stacks.out")
            }
            let digest = SHA256.hexDigest(Array(bytes))
            guard digest == stack.templateSHA256 else {
                throw RolloutError(.input, "SHA-256 \(digest) does not match the manifest's \(stack.templateSHA256) for stack '\(stack.name)'; the template was changed after generation",
                                   context: .init(file: templatePath), remedy: "regenerate stacks.out instead of editing templates by hand")
            }
            guard let text = String(data: bytes, encoding: .utf8) else {
                throw RolloutError(.input, "is not UTF-8 text", context: .init(file: templatePath))
            }
            templates[stack.name] = text
        }
        return ArtifactFolder(path: path, manifest: manifest, templates: templates)
    }
}
