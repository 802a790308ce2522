/// Code assets in the manifest (format version 2): the ZIP files `generate-stacks` wrote into
/// `assets/`, which `infra deploy` uploads to each using stack's template bucket before that stack.
extension Manifest {
    /// One zipped asset: a folder or file of the user's package, content-addressed by its SHA-256.
    public struct Asset: Sendable, Equatable {
        /// The SHA-256 of the ZIP file's bytes, lowercase hex.
        public var sha256: String
        /// The ZIP file inside the artifact folder: `assets/<sha256>.zip`.
        public var file: String
        /// The object key the templates name: `assets/<sha256>.zip`.
        public var key: String
        /// The path the Swift code named (for messages only).
        public var source: String
        /// The stacks whose templates reference it, in manifest order; each uploads it to its own template bucket.
        public var stacks: [String]

        /// An asset from its parts; `file` and `key` default to `assets/<sha256>.zip`.
        public init(sha256: String, source: String, stacks: [String], file: String? = nil, key: String? = nil) {
            self.sha256 = sha256
            self.source = source
            self.stacks = stacks
            self.file = file ?? Self.path(sha256: sha256)
            self.key = key ?? Self.path(sha256: sha256)
        }

        /// `assets/<sha256>.zip`: the file's place in the folder and the object's key in the bucket.
        public static func path(sha256: String) -> String { "assets/\(sha256).zip" }
    }

    /// The assets `stack` needs uploaded before it deploys.
    public func assets(of stack: String) -> [Asset] { assets.filter { $0.stacks.contains(stack) } }
}

extension Manifest.Asset {
    /// `{"sha256": …, "file": …, "key": …, "source": …, "stacks": [...]}`.
    public var json: JSONValue {
        .object([
            JSONValue.Member("sha256", .string(sha256)), JSONValue.Member("file", .string(file)), JSONValue.Member("key", .string(key)),
            JSONValue.Member("source", .string(source)), JSONValue.Member("stacks", .list(stacks.map(JSONValue.string))),
        ])
    }

    init(json: JSONValue, position: Int, reader: FieldReader) throws(ArtifactError) {
        let here = "assets[\(position)]"
        guard case .object = json else { throw reader.error("\(here) is not an object") }
        self.init(
            sha256: try reader.string(json, "sha256", at: here).lowercased(), source: try reader.string(json, "source", at: here, nonEmpty: false),
            stacks: try reader.strings(json, "stacks", at: here, optional: false),
            file: try reader.string(json, "file", at: here), key: try reader.string(json, "key", at: here))
    }

    /// What a rollout relies on: a SHA-256, a file inside `assets/`, a key S3 takes, stacks in the manifest.
    func validate(stacks known: Set<String>, invalid: (String, String?) -> ArtifactError) throws(ArtifactError) {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ ASCII.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            throw invalid("asset '\(source)': sha256 '\(sha256)' is not 64 lowercase hex digits", nil)
        }
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "assets", !parts[1].isEmpty, !parts[1].hasPrefix(".") else {
            throw invalid("asset '\(source)': file '\(file)' must be a plain file name inside assets/", nil)
        }
        guard !key.isEmpty, key.utf8.count <= 1024, !key.hasPrefix("/") else { throw invalid("asset '\(source)': key '\(key)' is not an S3 object key", nil) }
        guard !stacks.isEmpty else { throw invalid("asset '\(source)' is used by no stack", nil) }
        for stack in stacks where !known.contains(stack) {
            throw invalid("asset '\(source)' names the stack '\(stack)', which is not in the manifest", stack)
        }
    }
}

extension Manifest {
    /// Every asset valid, listed once, and every stack that uses one has a template bucket to upload it to.
    func validateAssets(_ stacks: [String: Stack], invalid: (String, String?) -> ArtifactError) throws(ArtifactError) {
        var seen: Set<String> = []
        for asset in assets {
            try asset.validate(stacks: Set(stacks.keys), invalid: invalid)
            guard seen.insert(asset.sha256).inserted else { throw invalid("asset \(asset.sha256) is listed twice", nil) }
            for name in asset.stacks where stacks[name]?.templateBucket == nil {
                throw invalid("uses the asset '\(asset.source)' but has no templateBucket to upload it to", name)
            }
        }
    }
}
