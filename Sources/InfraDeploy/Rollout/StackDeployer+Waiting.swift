import Foundation

/// Waiting for stack operations and reading their events.
extension StackDeployer {
    /// The id of the stack's newest event: where streaming the events of the next operation starts.
    func newestEventID(_ cfn: CloudFormationClient, _ stackID: String) async throws -> String? {
        try await cfn.describeStackEvents(stackName: stackID, maxPages: 1).first?.id
    }

    /// Polls until no operation is running on the stack, streaming its new events; returns the final
    /// description and the failure events seen, oldest first.
    func waitForStack(_ cfn: CloudFormationClient, id: String, marker: String?) async throws -> (stack: StackDescription, failures: [String]) {
        let deadline = environment.clock().addingTimeInterval(seconds(options.maxWait))
        var marker = marker
        var failures: [String] = []
        while true {
            try Task.checkCancellation()
            let current = try await cfn.describeStacks(stackName: id).first
            let events = try await cfn.describeStackEvents(stackName: id, stopAtEventID: marker)
            for event in events.reversed() {
                await observe(.stackEvent(stack, event))
                if event.isFailure { failures.append(Self.describe(event)) }
            }
            if let newest = events.first { marker = newest.id }
            guard let current else {
                throw RolloutError(.deployment, "disappeared while waiting", context: context)
            }
            if !current.status.isOperationRunning { return (current, failures) }
            guard environment.clock() < deadline else {
                throw RolloutError(.deployment, "was still \(current.status) after \(Int(seconds(options.maxWait))) s", context: context,
                                   remedy: "the operation continues in CloudFormation; run again to wait for it")
            }
            try await environment.sleep(options.pollInterval)
        }
    }

    /// The failure events of the stack's latest operation, oldest first (at most ten).
    func failureEvents(_ cfn: CloudFormationClient, id: String) async throws -> [String] {
        let events = try await cfn.describeStackEvents(stackName: id, maxPages: 1)
        var failures: [String] = []
        for event in events {
            // The operation's own start event: anything older belongs to an earlier operation.
            if event.logicalResourceID == stack.name, event.resourceType == "AWS::CloudFormation::Stack", event.statusReason == "User Initiated" { break }
            if event.isFailure { failures.append(Self.describe(event)) }
        }
        return Array(failures.prefix(10).reversed())
    }

    /// One event as a line of an error's event list.
    static func describe(_ event: StackEvent) -> String {
        "\(event.logicalResourceID) (\(event.resourceType)) \(event.status)\(event.statusReason.map { ": \($0)" } ?? "")"
    }

    /// `duration` in seconds.
    func seconds(_ duration: Duration) -> Double { Self.seconds(duration) }

    /// `duration` in seconds (for the StackSet deployer's waiting too).
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
