import Foundation
import InfraCrypto

/// Deletes one stack and waits until it is gone, streaming its events; a stack already gone is
/// deleted. Termination protection is checked before (``RolloutEngine/destroy(_:confirm:observe:)``).
struct StackDestroyer: Sendable {
    let stack: Manifest.Stack
    let sessions: AccountSessions
    let options: DestroyOptions
    let observe: @Sendable (RolloutEvent) async -> Void
    /// Tags the deployed stack must carry to be deleted (prune: the app's tag); empty for `infra destroy`.
    var requiredTags: [StackTag] = []

    var environment: AWSEnvironment { sessions.environment }
    var context: RolloutError.Context { .init(stack: stack.name, account: stack.account, region: stack.region) }

    /// Deletes the stack and reports how it went; never throws.
    func destroy() async -> DestroyResult {
        let started = environment.clock()
        func result(_ outcome: StackOutcome, _ status: String?, error: RolloutError? = nil, gone: Bool = false, retained: [String] = []) -> DestroyResult {
            DestroyResult(result: StackResult(stack: stack, outcome: outcome, status: status, seconds: environment.clock().timeIntervalSince(started), error: error),
                          alreadyGone: gone, retained: retained)
        }
        do {
            let (gone, retained) = try await run()
            return result(.deleted, gone ? nil : StackStatus.deleteComplete.rawValue, gone: gone, retained: retained)
        } catch let error as RolloutError {
            return result(.failed, nil, error: error)
        } catch {
            if error is CancellationError || Task.isCancelled {
                return result(.failed, nil, error: RolloutError(.cancelled, "interrupted", context: context,
                                                               remedy: "run the same command again; a deletion CloudFormation started continues there"))
            }
            return result(.failed, nil, error: RolloutError(.deployment, "AWS call failed", context: context, cause: SecretFreeError(error)))
        }
    }

    /// Whether the stack was already gone, and the resources CloudFormation retained.
    private func run() async throws -> (alreadyGone: Bool, retained: [String]) {
        try await sessions.verifyAccount(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        guard var current = try await cfn.describeStack(named: stack.name), current.status != .deleteComplete else {
            await say("already gone (nothing to delete)")
            return (true, [])
        }
        var retained: [String] = []
        if current.status.isOperationRunning {
            // A deletion already running is waited for; any other operation must end before DeleteStack.
            await say("\(current.status) in progress; waiting for it to finish")
            let waited = try await wait(cfn, id: current.id, marker: try await newestEventID(cfn, current.id))
            retained = waited.retained
            guard let ended = waited.stack, ended.status != .deleteComplete else { return (false, retained) }
            current = ended
        }
        if current.terminationProtection { throw TerminationProtection.refusal([stack]) }
        // Checked on the stack about to be deleted: one re-created without the tag since the listing stays.
        if let missing = requiredTags.first(where: { !current.tags.contains($0) }) {
            throw RolloutError(.deployment, "does not carry the tag \(missing.key)=\(missing.value) any more; not deleted", context: context,
                               remedy: "a stack without the app's tag is never pruned; delete it yourself if it should go")
        }
        let marker = try await newestEventID(cfn, current.id)
        try Task.checkCancellation()
        await say("deleting (DeleteStack)")
        // Time, randomness and the stack's name: one token per deletion, also for stacks deleted in the same second.
        let random = String(UInt32(environment.random() * Double(UInt32.max)), radix: 16)
        let token = "infra-destroy-\(Int(environment.clock().timeIntervalSince1970))-\(random)-\(SHA256.hexDigest(Array(stack.name.utf8)).prefix(12))"
        // Shielded: a deletion that started must be known as started (it goes on in CloudFormation).
        let id = current.id
        try await StackDeployer.shielded { try await cfn.deleteStack(name: id, clientRequestToken: token) }
        let waited = try await wait(cfn, id: current.id, marker: marker)
        retained += waited.retained
        if let ended = waited.stack, ended.status != .deleteComplete {
            throw RolloutError(.deployment, "could not be deleted: \(ended.status)\(ended.statusReason.map { " (\($0))" } ?? "")", context: context,
                               remedy: "fix the cause shown by the events (say, empty a bucket or remove what else uses the resource) and run infra destroy again; "
                                   + "or keep the resources that fail: aws cloudformation delete-stack --stack-name \(stack.name) --region \(stack.region) --retain-resources LOGICAL_ID",
                               events: waited.failures)
        }
        for resource in retained { await say("retained by CloudFormation: \(resource)") }
        return (false, retained)
    }

    /// Polls until the operation ends, streaming new events; `stack` is `nil` once the stack cannot be described any more (gone).
    private func wait(_ cfn: CloudFormationClient, id: String, marker: String?) async throws -> (stack: StackDescription?, failures: [String], retained: [String]) {
        let deadline = environment.clock().addingTimeInterval(seconds(options.maxWait))
        var marker = marker
        var failures: [String] = []
        var retained: [String] = []
        while true {
            try Task.checkCancellation()
            let current = try await cfn.describeStack(named: id)
            let events: [StackEvent]
            do {
                events = try await cfn.describeStackEvents(stackName: id, stopAtEventID: marker)
            } catch let error as AWSClientError where error.isStackNotFound {
                events = []
            }
            for event in events.reversed() {
                await observe(.stackEvent(stack, event))
                if event.isFailure { failures.append(StackDeployer.describe(event)) }
                if event.status == "DELETE_SKIPPED" {
                    retained.append("\(event.logicalResourceID) (\(event.resourceType))\(event.physicalResourceID.map { $0.isEmpty ? "" : " \($0)" } ?? "")")
                }
            }
            if let newest = events.first { marker = newest.id }
            guard let current, current.status.isOperationRunning else { return (current, failures, retained) }
            guard environment.clock() < deadline else {
                throw RolloutError(.deployment, "was still \(current.status) after \(Int(seconds(options.maxWait))) s", context: context,
                                   remedy: "the deletion continues in CloudFormation; run infra destroy again to wait for it")
            }
            try await environment.sleep(options.pollInterval)
        }
    }

    private func newestEventID(_ cfn: CloudFormationClient, _ stackID: String) async throws -> String? {
        try await cfn.describeStackEvents(stackName: stackID, maxPages: 1).first?.id
    }

    private func say(_ text: String) async { await observe(.progress(stack, text)) }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The refusal for stacks with termination protection, saying how to lift it.
enum TerminationProtection {
    /// The error for `stacks` (protected, so nothing was deleted), with the command that lifts it per stack.
    static func refusal(_ stacks: [Manifest.Stack]) -> RolloutError {
        let names = stacks.map { "'\($0.name)' (account \($0.account), region \($0.region))" }.joined(separator: ", ")
        let commands = stacks.map { "aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name \($0.name) --region \($0.region)" }
        let context = stacks.count == 1 ? RolloutError.Context(stack: stacks[0].name, account: stacks[0].account, region: stacks[0].region) : RolloutError.Context()
        return RolloutError(.deployment, stacks.count == 1 ? "has termination protection; nothing was deleted" : "termination protection is on for \(names); nothing was deleted",
                            context: context,
                            remedy: "if the stack\(stacks.count == 1 ? "" : "s") should go, lift the protection with the credentials of \(stacks.count == 1 ? "its account" : "each account") — "
                                + commands.joined(separator: "; ") + " — then run infra destroy again")
    }
}
