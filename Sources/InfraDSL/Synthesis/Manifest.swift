/// `stacks.out/manifest.json`: everything the deployer needs to roll the stacks out, and nothing
/// it would have to learn from Swift.
public struct Manifest: Sendable, Equatable {
    /// The format version; readers refuse versions they do not know.
    public static let version = 1

    /// The rollout stages in order; stacks without a stage roll out before the first.
    public var stages: [String]
    /// The stacks in declaration order.
    public var stacks: [Entry]

    /// One stack's deployment facts.
    public struct Entry: Sendable, Equatable {
        /// The stack name.
        public var name: String
        /// The 12-digit account it deploys to.
        public var account: String
        /// The account's name, when declared with an `Account`.
        public var accountName: String?
        /// Its region.
        public var region: String
        /// Its rollout stage, if any.
        public var stage: String?
        /// How the deployer reaches the account.
        public var access: AccountAccess
        /// The template's file name inside the output folder.
        public var templateFile: String
        /// The SHA-256 of the template file's bytes, lowercase hex.
        public var templateSHA256: String
        /// The stacks that must be deployed first, because this one uses their outputs.
        public var dependencies: [String]
        /// Parameter values to pass, sorted by name.
        public var parameters: [ParameterSource]
        /// Capabilities to acknowledge (`CAPABILITY_NAMED_IAM` …).
        public var capabilities: [String]
        /// Stack tags, sorted by key.
        public var tags: [Tag]
        /// The S3 bucket (placeholders expanded) the deployer uploads the template to when it is over
        /// 51,200 bytes; `nil` when none is named, and then left out of the JSON.
        public var templateBucket: String? = nil

        /// A stack tag.
        public struct Tag: Sendable, Equatable {
            /// The key.
            public var key: String
            /// The value.
            public var value: String
        }
    }

    /// Where a parameter's value comes from.
    public enum ParameterSource: Sendable, Equatable {
        /// A literal value written in the Swift code.
        case value(name: String, value: String)
        /// Another stack's output, read by the deployer from that stack (in its own account) first.
        case fromOutput(name: String, stack: String, output: String)

        var name: String {
            switch self {
            case .value(let name, _), .fromOutput(let name, _, _): name
            }
        }
    }

    /// The manifest as JSON, in a fixed key order.
    public var cfValue: CFValue {
        .object([
            CFValue.Member("version", .int(Self.version)),
            CFValue.Member("stages", .list(stages.map(CFValue.string))),
            CFValue.Member("stacks", .list(stacks.map(\.cfValue))),
        ])
    }
}

extension Manifest.Entry {
    var cfValue: CFValue {
        var members: [CFValue.Member] = [CFValue.Member("name", .string(name)), CFValue.Member("account", .string(account))]
        if let accountName { members.append(CFValue.Member("accountName", .string(accountName))) }
        members += [
            CFValue.Member("region", .string(region)),
            CFValue.Member("stage", stage.map(CFValue.string) ?? .null),
            CFValue.Member("access", access.manifestValue(accountId: account, region: region)),
            CFValue.Member("templateFile", .string(templateFile)),
            CFValue.Member("templateSHA256", .string(templateSHA256)),
        ]
        if let templateBucket { members.append(CFValue.Member("templateBucket", .string(templateBucket))) }
        members += [
            CFValue.Member("dependencies", .list(dependencies.map(CFValue.string))),
            CFValue.Member("parameters", .list(parameters.map { source in
                switch source {
                case .value(let name, let value): ["name": .string(name), "value": .string(value)]
                case .fromOutput(let name, let stack, let output):
                    ["name": .string(name), "fromOutput": ["stack": .string(stack), "output": .string(output)]]
                }
            })),
            CFValue.Member("capabilities", .list(capabilities.map(CFValue.string))),
            CFValue.Member("tags", .list(tags.map { ["key": .string($0.key), "value": .string($0.value)] })),
        ]
        return .object(members)
    }
}
