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

    /// Runs a write call to its answer even when the caller is cancelled (Ctrl-C): CloudFormation may
    /// act on a request whose answer never arrives, and only the answer says what now exists.
    static func shielded<Value: Sendable>(_ call: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await Task.detached(operation: call).value
    }

    /// Best effort: deletes our unexecuted change set (and, for a CREATE, the empty REVIEW_IN_PROGRESS
    /// stack it made), in a fresh task so an interrupt does not stop it. The next run cleans up otherwise.
    ///
    /// It first reads what is there: a change set that is executing, or a stack that left
    /// REVIEW_IN_PROGRESS, belongs to CloudFormation now and is never deleted.
    func removeChangeSet(_ cfn: CloudFormationClient, name: String, stackID: String, stackToo: Bool) async {
        let outcome = await Task.detached { () -> Result<String, any Error> in
            do {
                let changeSet = try await cfn.describeChangeSet(name: name, stackName: stackID)
                guard !changeSet.isExecuted else { return .success("left change set \(name) alone: it is \(changeSet.executionStatus)") }
                if stackToo {
                    let holder = try await cfn.describeStacks(stackName: stackID).first
                    guard let holder, holder.status == .reviewInProgress else {
                        return .success("left stack \(stackID) alone: it is \(holder.map(\.status.rawValue) ?? "gone")")
                    }
                    try await cfn.deleteStack(name: stackID)
                    return .success("deleted change set \(name) and the empty stack it created")
                }
                try await cfn.deleteChangeSet(name: name, stackName: stackID)
                return .success("deleted change set \(name)")
            } catch let error as AWSClientError where error.isStackNotFound || error.awsCode == "ChangeSetNotFound" {
                return .success("change set \(name) is already gone")
            } catch {
                return .failure(error)
            }
        }.value
        switch outcome {
        case .success(let done): await say(done)
        case .failure(let error): await say("could not delete change set \(name)\(stackToo ? " and the empty stack it created" : "") (the next run does): \(error)")
        }
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
