import Foundation

/// When a change set must be approved before it is executed.
public enum ApprovalPolicy: String, Sendable, CaseIterable {
    /// Never ask.
    case never
    /// Ask when the change widens IAM permissions, trust, resource policies or security-group rules.
    case broadening
    /// Ask for every change.
    case anyChange = "any-change"
}

/// How `deploy` changes a stack.
public enum DeployMethod: String, Sendable, CaseIterable {
    /// A change set per stack: created, reviewed (approval), executed.
    case changeSet = "change-set"
    /// `CreateStack`/`UpdateStack` without a change set (CDK's `--method=direct`); approval is judged
    /// from the templates, and emulators that give change-set stacks no outputs give these theirs.
    case direct
}

/// What a rollout does and how.
public struct RolloutOptions: Sendable {
    /// Only these stages (`nil`: all, in manifest order; stacks without a stage come first).
    public var stages: [String]?
    /// Only these stacks (empty: all of the selected stages).
    public var stacks: [String]
    /// How many stacks (in different accounts) deploy at the same time.
    public var concurrency: Int
    /// When to ask for approval.
    public var approval: ApprovalPolicy
    /// Delete and re-create stacks whose first creation failed (`ROLLBACK_COMPLETE`).
    public var recreateFailed: Bool
    /// The pause between two status polls of a running operation.
    public var pollInterval: Duration
    /// How long to wait for one stack operation before giving up.
    public var maxWait: Duration
    /// Change sets this tool creates start with this; left-over ones are deleted on the next run.
    public var changeSetPrefix: String
    /// Through change sets (the default) or directly.
    public var method: DeployMethod
    /// Delete the stack instances of StackSets that the manifest no longer declares (`deploy --prune`).
    public var pruneStackInstances = false

    /// Options with the CLI's defaults.
    public init(stages: [String]? = nil, stacks: [String] = [], concurrency: Int = 4, approval: ApprovalPolicy = .broadening, recreateFailed: Bool = false,
                pollInterval: Duration = .seconds(5), maxWait: Duration = .seconds(3 * 3600), changeSetPrefix: String = "infra-", method: DeployMethod = .changeSet) {
        self.stages = stages
        self.stacks = stacks
        self.concurrency = max(1, concurrency)
        self.approval = approval
        self.recreateFailed = recreateFailed
        self.pollInterval = pollInterval
        self.maxWait = maxWait
        self.changeSetPrefix = changeSetPrefix
        self.method = method
    }
}

/// What happened to one stack.
public enum StackOutcome: Sendable, Equatable {
    /// The stack was created.
    case created
    /// The stack was updated.
    case updated
    /// Deployed template, parameters and tags already equal the local ones (or the change set was empty).
    case unchanged
    /// The operation failed; the error says why.
    case failed
    /// Approval was needed and not given; the change set was deleted.
    case notApproved
    /// Not attempted, because an earlier stack or stage failed.
    case skipped
    /// `infra destroy` deleted the stack, or found it already gone.
    case deleted

    /// A word for tables: `created`, `updated`, `unchanged`, `FAILED`, `not approved`, `skipped`.
    public var label: String {
        switch self {
        case .created: "created"
        case .updated: "updated"
        case .unchanged: "unchanged"
        case .failed: "FAILED"
        case .notApproved: "not approved"
        case .skipped: "skipped"
        case .deleted: "deleted"
        }
    }

    /// Whether the stack ended where the manifest wants it.
    public var isSuccess: Bool { [.created, .updated, .unchanged].contains(self) }
}

/// One stack's result.
public struct StackResult: Sendable {
    /// The stack as the manifest lists it.
    public let stack: Manifest.Stack
    /// What happened.
    public let outcome: StackOutcome
    /// The stack status at the end, when known (`CREATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, …).
    public let status: String?
    /// Wall time spent on the stack, in seconds.
    public let seconds: Double
    /// The error, for `failed`, `notApproved` and `skipped`.
    public let error: RolloutError?
    /// For a StackSet: its instances and what this run did in each; `nil` for a stack.
    public var stackSet: StackSetReport? = nil
}

/// The whole rollout's result, in rollout order.
public struct RolloutReport: Sendable {
    /// One result per selected stack.
    public let results: [StackResult]
    /// Whether every stack ended where the manifest wants it.
    public var succeeded: Bool { results.allSatisfy { $0.outcome.isSuccess } }
    /// The first failure, which stopped the rollout.
    public var firstError: RolloutError? { results.first { $0.outcome == .failed || $0.outcome == .notApproved }?.error }
}

/// Progress the engine reports while it works; the CLI prints it, tests record it.
public enum RolloutEvent: Sendable {
    /// A stage begins (`nil`: the stacks without a stage).
    case stageStarted(String?)
    /// A step of a stack's deployment, in words (`creating change set infra-…`).
    case progress(Manifest.Stack, String)
    /// A change set is ready: its resource changes (before approval and execution).
    case changeSet(Manifest.Stack, name: String, changes: [ResourceChange])
    /// A CloudFormation stack event observed while waiting.
    case stackEvent(Manifest.Stack, StackEvent)
    /// A stack is done.
    case finished(StackResult)
}

/// A change set waiting for approval.
public struct ApprovalRequest: Sendable {
    /// The stack.
    public let stack: Manifest.Stack
    /// The change set's name.
    public let changeSetName: String
    /// Its resource changes.
    public let changes: [ResourceChange]
    /// The IAM and security-group facts it adds (empty when it adds none).
    public let broadening: [String]
    /// Why approval is asked (`the change widens IAM or security-group access`).
    public let reason: String
    /// A direct deploy: `changeSetName` names the operation, and `changes` come from the templates.
    public var direct = false
}

/// The answer to an ``ApprovalRequest``.
public enum ApprovalDecision: Sendable, Equatable {
    /// Execute the change set.
    case approved
    /// Do not execute it.
    case declined
    /// Nobody can answer (no terminal, no `--yes`); the text says how to proceed.
    case unavailable(String)
}

/// Decides on change sets that need approval: `--yes`, a terminal prompt, or a test's answer.
public protocol ApprovalProvider: Sendable {
    /// The decision for `request`.
    func decide(_ request: ApprovalRequest) async -> ApprovalDecision
}

/// Answers every request the same way.
public struct FixedApproval: ApprovalProvider {
    /// The answer.
    public let decision: ApprovalDecision
    /// A provider answering `decision`.
    public init(_ decision: ApprovalDecision) { self.decision = decision }
    /// Returns the fixed answer.
    public func decide(_ request: ApprovalRequest) async -> ApprovalDecision { decision }
}
