import Foundation

/// Resolves `fromOutput` parameters by reading the producer stack in its own account, once per run
/// (again after the producer was deployed in this run).
final class OutputResolver: Sendable {
    private let manifest: Manifest
    private let sessions: AccountSessions
    private let cache = LockedDictionary<String, Task<[String: String]?, any Error>>()

    init(manifest: Manifest, sessions: AccountSessions) {
        self.manifest = manifest
        self.sessions = sessions
    }

    /// Forgets what was read about `stack`, after it changed.
    func invalidate(_ stack: String) { cache.set(nil, forKey: stack) }

    /// The outputs of `producer`; `nil` when the stack does not exist (or never completed).
    func outputs(of producer: String) async throws -> [String: String]? {
        guard let entry = manifest.stacks.first(where: { $0.name == producer }) else { return nil }
        let sessions = sessions
        let task = cache.value(forKey: producer) {
            Task {
                try await sessions.verifyAccount(for: entry)
                guard let stack = try await sessions.cloudFormation(for: entry).describeStack(named: producer),
                      stack.status != .reviewInProgress, stack.status != .rollbackComplete else { return nil }
                return Dictionary(stack.outputs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
        }
        return try await task.value
    }

    /// The parameters of `stack` with every `fromOutput` replaced by the producer's value.
    /// With `allowUnknown`, a producer that is not deployed yet yields `nil` instead of an error (for plans).
    func parameters(for stack: Manifest.Stack, allowUnknown: Bool = false) async throws -> [StackParameter]? {
        var result: [StackParameter] = []
        for parameter in stack.parameters {
            switch parameter {
            case .value(let name, let value):
                result.append(StackParameter(key: name, value: value))
            case .fromOutput(let name, let producerName, let output):
                let producer = manifest.stacks.first { $0.name == producerName }
                let place = producer.map { "stack '\(producerName)' (account \($0.account), region \($0.region))" } ?? "stack '\(producerName)'"
                guard let outputs = try await outputs(of: producerName) else {
                    if allowUnknown { return nil }
                    throw RolloutError(.deployment, "parameter \(name) takes output \(output) of \(place), which is not deployed",
                                       context: .init(stack: stack.name, account: stack.account, region: stack.region),
                                       remedy: "deploy '\(producerName)' first (include it in --stage/--stack)")
                }
                guard let value = outputs[output] else {
                    throw RolloutError(.deployment, "parameter \(name) takes output \(output) of \(place), which has no such output (it has: \(outputs.keys.sorted().joined(separator: ", ")))",
                                       context: .init(stack: stack.name, account: stack.account, region: stack.region),
                                       remedy: "deploy '\(producerName)' with its current template first, or fix the output name")
                }
                result.append(StackParameter(key: name, value: value))
            }
        }
        return result
    }
}

/// Deploys one stack: settle → compare → change set → approval → execute → wait.
struct StackDeployer: Sendable {
    let stack: Manifest.Stack
    let template: String
    let sessions: AccountSessions
    let outputs: OutputResolver
    let options: RolloutOptions
    let approver: any ApprovalProvider
    let observe: @Sendable (RolloutEvent) async -> Void

    private var environment: AWSEnvironment { sessions.environment }
    private var context: RolloutError.Context { .init(stack: stack.name, account: stack.account, region: stack.region) }

    /// Statuses of a stack that was never created successfully and can only be deleted.
    static let neverCreated: Set<String> = ["ROLLBACK_COMPLETE", "CREATE_FAILED", "ROLLBACK_FAILED"]
    /// Statuses that need a person (or `continue-update-rollback`) before any deployment.
    static let stuck: Set<String> = ["UPDATE_ROLLBACK_FAILED", "DELETE_FAILED", "IMPORT_ROLLBACK_FAILED"]
    /// Final statuses that mean the operation did what was asked.
    static let successes: Set<String> = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"]

    func deploy() async -> StackResult {
        let started = environment.clock()
        func result(_ outcome: StackOutcome, status: String?, error: RolloutError? = nil) -> StackResult {
            StackResult(stack: stack, outcome: outcome, status: status, seconds: environment.clock().timeIntervalSince(started), error: error)
        }
        do {
            let (outcome, status) = try await run()
            return result(outcome, status: status)
        } catch let error as RolloutError {
            return result(error.code == .approval ? .notApproved : .failed, status: nil, error: error)
        } catch {
            if error is CancellationError || Task.isCancelled {
                return result(.failed, status: nil, error: RolloutError(.cancelled, "interrupted", context: context, remedy: "run the same command again; it continues where this run stopped"))
            }
            return result(.failed, status: nil, error: wrap(error))
        }
    }

    private func wrap(_ error: any Error) -> RolloutError {
        if let error = error as? RolloutError { return error }
        let remedy: String?
        if let client = error as? AWSClientError {
            switch client.code {
            case .credentials: remedy = "check the credentials for account \(stack.account): \(accessHint)"
            case .throttled, .server, .transport: remedy = "AWS could not be reached reliably; run the same command again"
            default: remedy = nil
            }
        } else {
            remedy = nil
        }
        return RolloutError(.deployment, "AWS call failed", context: context, remedy: remedy, cause: SecretFreeError(error))
    }

    private var accessHint: String {
        switch sessions.access(for: stack) {
        case .assumeRole(let role, _): "the deployer's credentials must be allowed to assume \(role)"
        case .profile(let profile): "profile '\(profile)' in ~/.aws/config"
        case .currentCredentials: "AWS_PROFILE, AWS_ACCESS_KEY_ID or the container/instance credentials"
        }
    }

    private func say(_ text: String) async { await observe(.progress(stack, text)) }

    private func run() async throws -> (StackOutcome, String?) {
        let upload = TemplateUpload(stack: stack, template: template, sessions: sessions)
        try upload.checkSize()
        try await sessions.verifyAccount(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        var existing = try await cfn.describeStack(named: stack.name)
        if let current = existing, current.status.isInProgress, current.status != .reviewInProgress {
            await say("\(current.status) in progress; waiting for it to finish")
            existing = try await waitForStack(cfn, id: current.id, marker: try await newestEventID(cfn, current.id)).stack
        }

        var type = ChangeSetType.update
        if let current = existing {
            let status = current.status.rawValue
            if status == "DELETE_COMPLETE" {
                type = .create
            } else if current.status == .reviewInProgress {
                // Only an unexecuted CREATE change set (from an interrupted or unapproved run): the stack
                // holds no resources. Deleting it first behaves the same on AWS and on emulators.
                await say("REVIEW_IN_PROGRESS (an unexecuted CREATE change set, no resources): deleting it to create the stack afresh")
                try await cfn.deleteStack(name: current.id)
                let deleted = try await waitForStack(cfn, id: current.id, marker: try await newestEventID(cfn, current.id))
                guard deleted.stack.status.rawValue == "DELETE_COMPLETE" else {
                    throw RolloutError(.deployment, "the REVIEW_IN_PROGRESS stack could not be deleted: \(deleted.stack.status)", context: context, events: deleted.failures)
                }
                type = .create
            } else if Self.neverCreated.contains(status) {
                let explaining = try await failureEvents(cfn, id: current.id)
                guard options.recreateFailed else {
                    throw RolloutError(.deployment, "is in \(status): its first creation failed, and such a stack can only be deleted", context: context,
                                       remedy: "fix the cause (events below), then rerun with --recreate-failed to delete and re-create it", events: explaining)
                }
                await say("\(status): deleting it to re-create it (--recreate-failed)")
                try await cfn.deleteStack(name: current.id)
                let deleted = try await waitForStack(cfn, id: current.id, marker: try await newestEventID(cfn, current.id))
                guard deleted.stack.status.rawValue == "DELETE_COMPLETE" else {
                    throw RolloutError(.deployment, "could not be deleted for re-creation: \(deleted.stack.status)", context: context, events: deleted.failures)
                }
                type = .create
            } else if Self.stuck.contains(status) {
                let explaining = try await failureEvents(cfn, id: current.id)
                let remedy = status == "UPDATE_ROLLBACK_FAILED"
                    ? "fix the cause, then `aws cloudformation continue-update-rollback --stack-name \(stack.name)` in account \(stack.account), and rerun"
                    : "resolve it in the CloudFormation console of account \(stack.account) (\(stack.region)), then rerun"
                throw RolloutError(.deployment, "is in \(status) and cannot be deployed until that is resolved", context: context, remedy: remedy, events: explaining)
            }
        } else {
            type = .create
        }

        guard let parameters = try await outputs.parameters(for: stack) else {
            throw RolloutError(.deployment, "parameters from other stacks' outputs could not be resolved", context: context)
        }

        var deployedTemplate: String?
        if type == .update, let current = existing {
            let body = try await cfn.getTemplate(stackName: stack.name)
            deployedTemplate = body
            if TemplateComparison.templatesEqual(deployed: body, local: template),
               TemplateComparison.parametersEqual(deployed: current.parameters, wanted: parameters, template: template),
               TemplateComparison.tagsEqual(deployed: current.tags, wanted: stack.tags) {
                await say("no change (deployed template, parameters and tags equal the local ones)")
                return (.unchanged, current.status.rawValue)
            }
        }

        // Only a live stack keeps change sets; a deleted one (just now, or earlier) has none to clean up.
        if type == .update, let current = existing {
            try await deleteStaleChangeSets(stackName: current.id)
        }
        try Task.checkCancellation()
        // Only now, when a change set follows: a run without changes uploads nothing.
        let source = try await upload.source { await say($0) }
        let name = changeSetName()
        await say("creating \(type == .create ? "CREATE" : "UPDATE") change set \(name)")
        let created: CreatedChangeSet
        do {
            created = try await cfn.createChangeSet(CreateChangeSetInput(
                stackName: stack.name, changeSetName: name, type: type, template: source, parameters: parameters,
                capabilities: stack.capabilities, tags: stack.tags, description: "infra deploy", clientToken: name))
        } catch let error as AWSClientError where error.isNoUpdatesToPerform {
            await say("no change (CloudFormation: No updates are to be performed)")
            return (.unchanged, existing?.status.rawValue)
        }

        // From here on, a failure before execution deletes the change set, so nothing stale stays.
        var executed = false
        do {
            let changeSet = try await waitForChangeSet(cfn, name: name, stackID: created.stackID)
            if changeSet.isEmpty {
                try await cfn.deleteChangeSet(name: name, stackName: created.stackID)
                await say("no change (the change set is empty)")
                return (.unchanged, existing?.status.rawValue)
            }
            guard changeSet.status == "CREATE_COMPLETE" else {
                throw RolloutError(.deployment, "change set \(name) failed: \(changeSet.statusReason ?? changeSet.status)", context: context,
                                   remedy: "fix the template or parameters; CloudFormation's reason is above")
            }
            await observe(.changeSet(stack, name: name, changes: changeSet.changes))
            try await approve(changeSet, deployedTemplate: deployedTemplate)
            let marker = try await newestEventID(cfn, created.stackID)
            // The point of no return: an interrupt before it leaves nothing behind.
            try Task.checkCancellation()
            await say("executing change set \(name)")
            try await cfn.executeChangeSet(name: name, stackName: created.stackID, clientRequestToken: name)
            executed = true
            let finished = try await waitForStack(cfn, id: created.stackID, marker: marker)
            let status = finished.stack.status.rawValue
            guard Self.successes.contains(status) else {
                var remedy = "fix the cause shown by the events and run again"
                if status == "ROLLBACK_COMPLETE" { remedy += " with --recreate-failed (a stack whose creation failed can only be deleted)" }
                throw RolloutError(.deployment, "ended in \(status)\(finished.stack.statusReason.map { " (\($0))" } ?? "")", context: context, remedy: remedy, events: finished.failures)
            }
            outputs.invalidate(stack.name)
            return (type == .create ? .created : .updated, status)
        } catch {
            // An executed change set is consumed; an unexecuted one is ours to remove.
            if !executed { await removeChangeSet(cfn, name: name, stackID: created.stackID, stackToo: type == .create) }
            throw error
        }
    }

    /// Best effort: deletes our unexecuted change set (and, for a CREATE, the empty REVIEW_IN_PROGRESS
    /// stack it made), in a fresh task so an interrupt does not stop it. The next run cleans up otherwise.
    private func removeChangeSet(_ cfn: CloudFormationClient, name: String, stackID: String, stackToo: Bool) async {
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

    private func approve(_ changeSet: ChangeSetDescription, deployedTemplate: String?) async throws {
        let broadening = TemplateComparison.broadening(deployed: deployedTemplate, local: template)
        let reason: String
        switch options.approval {
        case .never: return
        case .broadening:
            guard !broadening.isEmpty else { return }
            reason = "the change widens IAM or security-group access (--require-approval broadening)"
        case .anyChange:
            reason = "every change needs approval (--require-approval any-change)"
        }
        let request = ApprovalRequest(stack: stack, changeSetName: changeSet.name, changes: changeSet.changes, broadening: broadening, reason: reason)
        switch await approver.decide(request) {
        case .approved:
            await say("approved")
        case .declined:
            throw RolloutError(.approval, "change set \(changeSet.name) was not approved; nothing was changed", context: context,
                               remedy: "review the change and run again")
        case .unavailable(let why):
            throw RolloutError(.approval, "needs approval: \(reason); \(why)", context: context,
                               remedy: "run in a terminal to answer the prompt, or pass --yes (or --require-approval never) after reviewing `infra plan`")
        }
    }

    private func changeSetName() -> String {
        let stamp = Timestamp.amzDate(environment.clock()).replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: "Z", with: "")
        let suffix = String(UInt32(environment.random() * Double(UInt32.max)), radix: 16)
        return "\(options.changeSetPrefix)\(stamp)-\(suffix)"
    }

    /// Deletes change sets an earlier, interrupted run of this tool left behind.
    private func deleteStaleChangeSets(stackName: String) async throws {
        let lister = try sessions.changeSets(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        for summary in try await lister.list(stackName: stackName)
        where summary.name.hasPrefix(options.changeSetPrefix) && !["EXECUTE_IN_PROGRESS", "EXECUTE_COMPLETE"].contains(summary.executionStatus) {
            await say("deleting change set \(summary.name) left by an earlier run")
            try await cfn.deleteChangeSet(name: summary.name, stackName: stackName)
        }
    }

    private func waitForChangeSet(_ cfn: CloudFormationClient, name: String, stackID: String) async throws -> ChangeSetDescription {
        let deadline = environment.clock().addingTimeInterval(seconds(options.maxWait))
        while true {
            let changeSet = try await cfn.describeChangeSet(name: name, stackName: stackID)
            if !["CREATE_PENDING", "CREATE_IN_PROGRESS"].contains(changeSet.status) { return changeSet }
            guard environment.clock() < deadline else {
                throw RolloutError(.deployment, "change set \(name) was still \(changeSet.status) after \(Int(seconds(options.maxWait))) s", context: context, remedy: "run again later")
            }
            try await environment.sleep(options.pollInterval)
        }
    }

    private func newestEventID(_ cfn: CloudFormationClient, _ stackID: String) async throws -> String? {
        try await cfn.describeStackEvents(stackName: stackID, maxPages: 1).first?.id
    }

    /// Polls until the stack is no longer in progress, streaming its new events; returns the final
    /// description and the failure events seen, oldest first.
    private func waitForStack(_ cfn: CloudFormationClient, id: String, marker: String?) async throws -> (stack: StackDescription, failures: [String]) {
        let deadline = environment.clock().addingTimeInterval(seconds(options.maxWait))
        var marker = marker
        var failures: [String] = []
        while true {
            try Task.checkCancellation()
            let current = try await cfn.describeStacks(stackName: id).first
            let events = try await cfn.describeStackEvents(stackName: id, stopAtEventID: marker)
            for event in events.reversed() {
                await observe(.stackEvent(stack, event))
                if event.status.hasSuffix("_FAILED") { failures.append(Self.describe(event)) }
            }
            if let newest = events.first { marker = newest.id }
            guard let current else {
                throw RolloutError(.deployment, "disappeared while waiting", context: context)
            }
            if !current.status.isInProgress || current.status == .reviewInProgress { return (current, failures) }
            guard environment.clock() < deadline else {
                throw RolloutError(.deployment, "was still \(current.status) after \(Int(seconds(options.maxWait))) s", context: context,
                                   remedy: "the operation continues in CloudFormation; run again to wait for it")
            }
            try await environment.sleep(options.pollInterval)
        }
    }

    /// The failure events of the stack's latest operation, oldest first (at most ten).
    private func failureEvents(_ cfn: CloudFormationClient, id: String) async throws -> [String] {
        let events = try await cfn.describeStackEvents(stackName: id, maxPages: 1)
        var failures: [String] = []
        for event in events {
            if event.logicalResourceID == stack.name, event.resourceType == "AWS::CloudFormation::Stack", event.statusReason == "User Initiated" { break }
            if event.status.hasSuffix("_FAILED") { failures.append(Self.describe(event)) }
        }
        return Array(failures.prefix(10).reversed())
    }

    static func describe(_ event: StackEvent) -> String {
        "\(event.logicalResourceID) (\(event.resourceType)) \(event.status)\(event.statusReason.map { ": \($0)" } ?? "")"
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
