import Foundation

/// The deployer's own change sets: naming them, waiting for them, and removing what a run leaves behind.
extension StackDeployer {
    /// A fresh name under the tool's prefix, so a later run recognises it as ours.
    func changeSetName() -> String {
        let stamp = Timestamp.amzDate(environment.clock()).replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: "Z", with: "")
        let suffix = String(UInt32(environment.random() * Double(UInt32.max)), radix: 16)
        return "\(options.changeSetPrefix)\(stamp)-\(suffix)"
    }

    /// Deletes change sets an earlier, interrupted run of this tool left behind.
    func deleteStaleChangeSets(stackName: String) async throws {
        let lister = try sessions.changeSets(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        for summary in try await lister.list(stackName: stackName) where summary.name.hasPrefix(options.changeSetPrefix) && !summary.isExecuted {
            await say("deleting change set \(summary.name) left by an earlier run")
            try await cfn.deleteChangeSet(name: summary.name, stackName: stackName)
        }
    }

    /// Best effort: deletes our unexecuted change set (and, for a CREATE, the empty REVIEW_IN_PROGRESS
    /// stack it made), in a fresh task so an interrupt does not stop it. The next run cleans up otherwise.
    func removeChangeSet(_ cfn: CloudFormationClient, name: String, stackID: String, stackToo: Bool) async {
        let outcome = await Task.detached { () -> String? in
            do {
                if stackToo { try await cfn.deleteStack(name: stackID) } else { try await cfn.deleteChangeSet(name: name, stackName: stackID) }
                return nil
            } catch {
                return "\(error)"
            }
        }.value
        let what = stackToo ? "change set \(name) and the empty stack it created" : "change set \(name)"
        if let outcome { await say("could not delete \(what) (the next run does): \(outcome)") }
        else { await say("deleted \(what)") }
    }

    /// Polls until CloudFormation has computed the change set (or failed to), up to `maxWait`.
    func waitForChangeSet(_ cfn: CloudFormationClient, name: String, stackID: String) async throws -> ChangeSetDescription {
        let deadline = environment.clock().addingTimeInterval(seconds(options.maxWait))
        while true {
            let changeSet = try await cfn.describeChangeSet(name: name, stackName: stackID)
            if !changeSet.isPending { return changeSet }
            guard environment.clock() < deadline else {
                throw RolloutError(.deployment, "change set \(name) was still \(changeSet.status) after \(Int(seconds(options.maxWait))) s", context: context, remedy: "run again later")
            }
            try await environment.sleep(options.pollInterval)
        }
    }
}
