/// `stacks.out/manifest.json`: everything the deployer needs to roll the stacks out, and nothing it
/// would have to learn from Swift. The DSL's synthesis writes it, the deployer reads it; this one
/// model is both. The format is versioned (`docs/manifest.md`); readers refuse a version they do not know.
public struct Manifest: Sendable, Equatable {
    /// The newest format version. Version 2 is version 1 plus what an older reader must not ignore:
    /// code assets and stack settings; version 3 adds StackSets. A manifest is written in the oldest
    /// version that holds it (``writtenVersion``), so one without them stays byte for byte as before.
    public static let version = 3
    /// The versions this reads.
    public static let readableVersions = 1...3

    /// The rollout stages in order; stacks without a stage roll out before the first.
    public var stages: [String]
    /// The stacks in declaration order.
    public var stacks: [Stack]
    /// The StackSets in declaration order (ManifestStackSets.swift); empty before version 3.
    public var stackSets: [StackSet]
    /// The zipped code assets, by SHA-256 (ManifestAssets.swift); empty in version 1.
    public var assets: [Asset]
    /// The app's name (`App(name:)`); every stack then carries the tag ``appTagKey`` with it, which is
    /// how `infra` finds stacks of this app that are no longer declared (prune). `nil`: no app name.
    public var app: String?

    /// The stack tag naming the app a stack belongs to; stacks without it are never pruned.
    public static let appTagKey = "infradsl:app"

    /// A manifest from its parts.
    public init(stages: [String], stacks: [Stack], stackSets: [StackSet] = [], assets: [Asset] = [], app: String? = nil) {
        self.stages = stages
        self.stacks = stacks
        self.stackSets = stackSets
        self.assets = assets
        self.app = app
    }

    /// One stack's deployment facts.
    public struct Stack: Sendable, Equatable {
        /// The stack name.
        public var name: String
        /// The 12-digit account it deploys to.
        public var account: String
        /// The account's name, when declared with an `Account`.
        public var accountName: String?
        /// Its region.
        public var region: String
        /// Its rollout stage; `nil` rolls out before the first stage.
        public var stage: String?
        /// How the deployer reaches the account.
        public var access: Access
        /// The template's file name inside the artifact folder.
        public var templateFile: String
        /// The SHA-256 of the template file's bytes, lowercase hex.
        public var templateSHA256: String
        /// The stacks that must be deployed first, because this one uses their outputs.
        public var dependencies: [String]
        /// Parameter values to pass, sorted by name.
        public var parameters: [Parameter]
        /// Capabilities to acknowledge (`CAPABILITY_NAMED_IAM` …).
        public var capabilities: [String]
        /// Stack tags, sorted by key.
        public var tags: [StackTag]
        /// The S3 bucket (placeholders expanded) a template over `Limits.templateBodyBytes` is uploaded
        /// to, in the stack's account and region; `nil` when none is named, and then left out of the JSON.
        public var templateBucket: String?
        /// Termination protection, stack policy, notifications and service role (``StackSettings``).
        public var settings = StackSettings()

        /// A stack entry from its parts.
        public init(
            name: String, account: String, accountName: String? = nil, region: String, stage: String? = nil,
            access: Access = .currentCredentials, templateFile: String, templateSHA256: String, dependencies: [String] = [],
            parameters: [Parameter] = [], capabilities: [String] = [], tags: [StackTag] = [], templateBucket: String? = nil
        ) {
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

        /// Declared dependencies plus the producers of `fromOutput` parameters, without duplicates.
        public var allDependencies: [String] {
            var result: [String] = []
            for name in dependencies + parameters.compactMap(\.producer) where !result.contains(name) {
                result.append(name)
            }
            return result
        }

        /// `222222222222` or `222222222222 (development)` when the account has a name.
        public var accountLabel: String { accountName.map { "\(account) (\($0))" } ?? account }
    }

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
        /// A literal value written in the Swift code.
        case value(name: String, value: String)
        /// Another stack's output, read by the deployer from that stack (in its own account) first.
        case fromOutput(name: String, stack: String, output: String)

        /// The parameter's name in the template.
        public var name: String {
            switch self {
            case .value(let name, _), .fromOutput(let name, _, _): name
            }
        }

        /// The stack whose output this reads, if it reads one.
        public var producer: String? {
            if case .fromOutput(_, let stack, _) = self { return stack }
            return nil
        }
    }

    /// The position of `stage` in the rollout order; `nil` (no stage) comes first.
    public func stageIndex(_ stage: String?) -> Int {
        guard let stage else { return -1 }
        return stages.firstIndex(of: stage) ?? stages.count
    }
}

/// A stack tag: the key and value CloudFormation puts on the stack and all its resources.
public struct StackTag: Sendable, Equatable {
    /// The tag key.
    public var key: String
    /// The tag value.
    public var value: String

    /// A tag from its key and value.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
