import Foundation

/// How `infra drift` polls a running detection: the wait between two `DescribeStackDriftDetectionStatus`
/// calls starts at `firstDelay` and doubles up to `maxDelay`; after `maxWait` the stack is reported unfinished.
public struct DriftOptions: Sendable {
    /// The first wait (detection of a small stack takes a few seconds).
    public var firstDelay: Duration
    /// The longest wait between two polls.
    public var maxDelay: Duration
    /// How long one stack's detection may take in all.
    public var maxWait: Duration

    /// The defaults: 2 s, doubling to 30 s, at most 15 minutes.
    public init(firstDelay: Duration = .seconds(2), maxDelay: Duration = .seconds(30), maxWait: Duration = .seconds(900)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.maxWait = maxWait
    }

    /// The wait before poll number `attempt` (1-based).
    func delay(beforePoll attempt: Int) -> Duration {
        var delay = firstDelay
        for _ in 1..<max(attempt, 1) where delay < maxDelay { delay = min(delay * 2, maxDelay) }
        return delay
    }
}

/// What `infra drift` found for one stack.
public struct StackDrift: Sendable {
    /// The stack.
    public let stack: Manifest.Stack
    /// `IN_SYNC`, `DRIFTED`, `UNKNOWN`, `NOT_CHECKED` as CloudFormation says, or `NOT_DEPLOYED`.
    public let driftStatus: String
    /// `DETECTION_COMPLETE`, `DETECTION_FAILED`, or `nil` when no detection ran.
    public let detectionStatus: String?
    /// Why detection failed or did not run, when it did not simply complete.
    public let note: String?
    /// The resources that drifted (`MODIFIED`, `DELETED`), with their property differences.
    public let resources: [StackResourceDrift]

    /// Detection completed and found nothing: the only result `infra drift` exits 0 for.
    public var inSync: Bool { driftStatus == "IN_SYNC" && detectionStatus == "DETECTION_COMPLETE" }
}

extension RolloutEngine {
    /// Detects drift on the selected deployed stacks, concurrently per stack, and waits for each;
    /// writes nothing but the detection itself.
    public func drift(stages: [String]?, stacks: [String], options: DriftOptions = DriftOptions()) async throws -> [StackDrift] {
        let selected = try selection(stages: stages, stacks: stacks).flatMap(\.stacks)
        return try await forEach(selected) { stack in try await drift(of: stack, options: options) }
    }

    private func drift(of stack: Manifest.Stack, options: DriftOptions) async throws -> StackDrift {
        try await sessions.verifyAccount(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        func result(_ status: String, detection: String? = nil, note: String? = nil, resources: [StackResourceDrift] = []) -> StackDrift {
            StackDrift(stack: stack, driftStatus: status, detectionStatus: detection, note: note, resources: resources)
        }
        guard let current = try await cfn.describeStack(named: stack.name), current.status != .reviewInProgress else {
            return result("NOT_DEPLOYED", note: "the stack is not deployed")
        }
        // CloudFormation refuses detection during an operation and on a stack whose creation failed.
        if current.status.isOperationRunning || current.status.isFailedCreation {
            return result("NOT_CHECKED", note: "the stack is \(current.status); drift is detected only on a stack at rest")
        }
        let id = try await cfn.detectStackDrift(stackName: current.id.isEmpty ? stack.name : current.id)
        let clock = sessions.environment.clock
        let deadline = clock().addingTimeInterval(Double(options.maxWait.components.seconds))
        var attempt = 0
        var status: DriftDetectionStatus
        repeat {
            attempt += 1
            try await sessions.environment.sleep(options.delay(beforePoll: attempt))
            status = try await cfn.describeStackDriftDetectionStatus(detectionID: id)
            guard status.isInProgress else { break }
            guard clock() < deadline else {
                return result("UNKNOWN", detection: status.detectionStatus, note: "detection \(id) was still running after \(options.maxWait.components.seconds) s; run infra drift again later")
            }
        } while true
        // A failed detection still reports the resources it could check.
        let resources = try await cfn.describeStackResourceDrifts(stackName: current.id.isEmpty ? stack.name : current.id, statuses: ["MODIFIED", "DELETED"])
        let note = status.detectionStatus == "DETECTION_COMPLETE" ? nil : "detection ended \(status.detectionStatus)\(status.reason.map { ": \($0)" } ?? "")"
        return result(status.stackDriftStatus ?? "UNKNOWN", detection: status.detectionStatus, note: note, resources: resources)
    }
}
