/// `stacks.out/manifest.json`: everything the deployer needs to roll the stacks out, and nothing
/// it would have to learn from Swift.
public struct Manifest: Sendable, Equatable {
    /// The format version; readers refuse versions they do not know.
    public static let version = 1

    /// One stack's deployment facts.
    public struct Entry: Sendable, Equatable {
        /// The stack name.
        public var name: String
        /// The 12-digit account it deploys to.
        public var account: String
        /// Its region.
        public var region: String
        /// The template's file name inside the output folder.
        public var templateFile: String
        /// The SHA-256 of the template file's bytes, lowercase hex.
        public var templateSHA256: String
        /// Parameter values to pass, by name, sorted.
        public var parameters: [(name: String, value: String)]
        /// Capabilities to acknowledge (`CAPABILITY_NAMED_IAM` …).
        public var capabilities: [String]
        /// Stack tags, by key, sorted.
        public var tags: [(key: String, value: String)]

        /// Entries are equal when every field is.
        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.name == rhs.name && lhs.account == rhs.account && lhs.region == rhs.region
                && lhs.templateFile == rhs.templateFile && lhs.templateSHA256 == rhs.templateSHA256
                && lhs.parameters.elementsEqual(rhs.parameters, by: ==) && lhs.capabilities == rhs.capabilities
                && lhs.tags.elementsEqual(rhs.tags, by: ==)
        }
    }

    /// The stacks in declaration order.
    public var stacks: [Entry]

    /// The manifest as JSON, in a fixed key order.
    public var cfValue: CFValue {
        .object([
            CFValue.Member("version", .int(Self.version)),
            CFValue.Member("stacks", .list(stacks.map { entry in
                [
                    "name": .string(entry.name),
                    "account": .string(entry.account),
                    "region": .string(entry.region),
                    "templateFile": .string(entry.templateFile),
                    "templateSHA256": .string(entry.templateSHA256),
                    "parameters": .list(entry.parameters.map { ["name": .string($0.name), "value": .string($0.value)] }),
                    "capabilities": .list(entry.capabilities.map(CFValue.string)),
                    "tags": .list(entry.tags.map { ["key": .string($0.key), "value": .string($0.value)] }),
                ]
            })),
        ])
    }
}
