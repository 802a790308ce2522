import Foundation

/// What `infra destroy` deletes and how.
public struct DestroyOptions: Sendable {
    /// Only these stages (`nil`: all); deleted in reverse manifest order.
    public var stages: [String]?
    /// Only these stacks (empty: all of the selected stages).
    public var stacks: [String]
    /// How many stacks (in different accounts) are deleted at the same time.
    public var concurrency: Int
    /// The pause between two status polls of a deletion.
    public var pollInterval: Duration
    /// How long to wait for one deletion before giving up.
    public var maxWait: Duration

    /// Options with the CLI's defaults.
    public init(stages: [String]? = nil, stacks: [String] = [], concurrency: Int = 4, pollInterval: Duration = .seconds(5), maxWait: Duration = .seconds(3 * 3600)) {
        self.stages = stages
        self.stacks = stacks
        self.concurrency = max(1, concurrency)
        self.pollInterval = pollInterval
        self.maxWait = maxWait
    }
}

/// A selected stack as found before anything is deleted.
public struct DestroyTarget: Sendable {
    /// The stack as the manifest lists it.
    public let stack: Manifest.Stack
    /// What `DescribeStacks` says (`nil`: there is no such stack, so nothing to delete).
    public let deployed: StackDescription?
    /// Deployed stacks of the manifest, not selected, that depend on this one (they may break once it is gone).
    public var unselectedDependents: [String] = []
}

/// One stack's end in `infra destroy`.
public struct DestroyResult: Sendable {
    /// The result in the rollout's terms: `deleted`, `FAILED` or `skipped`.
    public let result: StackResult
    /// There was nothing to delete: the stack was already gone.
    public let alreadyGone: Bool
    /// Resources CloudFormation kept (`DELETE_SKIPPED`, from `DeletionPolicy: Retain`), as `LogicalId (Type) physical-id`.
    public let retained: [String]
}

/// The whole destroy's result, in deletion order.
public struct DestroyReport: Sendable {
    /// One entry per selected stack.
    public let results: [DestroyResult]
    /// A report of `results`, in deletion order.
    public init(results: [DestroyResult]) { self.results = results }
    /// Whether every selected stack is gone.
    public var succeeded: Bool { results.allSatisfy { $0.result.outcome == .deleted } }
    /// The first failure, which stopped the deletion of the producers after it.
    public var firstError: RolloutError? { results.first { $0.result.outcome == .failed }?.result.error }
}
