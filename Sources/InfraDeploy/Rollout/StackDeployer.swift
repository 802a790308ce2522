import Foundation

/// Deploys one stack as a small state machine: inspect the deployed stack, decide what to do
/// (``StackDecision``, shared with `infra plan`), clear the way (wait for a running operation, delete
/// a leftover), then change set → approval → execute → wait → result (with `--method direct`:
/// approval → `CreateStack`/`UpdateStack` → wait → result, in StackDeployer+Direct.swift).
///
/// Every step either finishes or throws leaving a state the next run recovers from: a running
/// operation is waited for, an unexecuted CREATE change set or a failed first creation is deleted,
/// change sets of an interrupted run are removed, and a stack a person must repair is named with how.
struct StackDeployer: Sendable {
    let stack: Manifest.Stack
    let template: String
    let sessions: AccountSessions
    let outputs: OutputResolver
    let options: RolloutOptions
    let approver: any ApprovalProvider
    let observe: @Sendable (RolloutEvent) async -> Void
    /// The artifact folder the code assets are read from, with the assets this stack references.
    var artifacts: ArtifactFolder? = nil

    /// How a step ends the deployment: the outcome and the status to report.
    typealias Ending = (outcome: StackOutcome, status: String?)

    var environment: AWSEnvironment { sessions.environment }
    var context: RolloutError.Context { .init(stack: stack.name, account: stack.account, region: stack.region) }

    /// Deploys the stack and reports how it went; never throws.
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

    /// The state machine: decides on the deployed stack until a decision ends the deployment.
    private func run() async throws -> Ending {
        let upload = TemplateUpload(stack: stack, template: template, sessions: sessions)
        try await sessions.verifyAccount(for: stack)
        // The code must be in S3 before CloudFormation creates or updates a function that names it.
        if let artifacts {
            try await AssetUpload(stack: stack, assets: artifacts.manifest.assets(of: stack.name), artifacts: artifacts, sessions: sessions).run(say: say)
        }
        let cfn = try sessions.cloudFormation(for: stack)
        let ending = try await deployTemplate(upload, cfn)
        // After the stack is deployed (a new one exists only now); each call only when it differs.
        try await StackSettingsSync.applyProtections(stack.settings, stackName: stack.name, cfn: cfn) { await say($0) }
        return ending
    }

    /// Decides on the deployed stack until a decision ends the deployment of its template.
    private func deployTemplate(_ upload: TemplateUpload, _ cfn: CloudFormationClient) async throws -> Ending {
        var deployed = try await cfn.describeStack(named: stack.name)
        while true {
            switch try await decide(deployed, cfn) {
            case .waitForOperation(let running):
                // Waiting ends in a settled status, so the next decision is never to wait again.
                deployed = try await waitForOperation(running, cfn)
            case .create:
                return try await create(cfn, upload, replacing: deployed)
            case .replaceUnexecutedCreate(let leftover):
                try await deleteUnexecutedCreate(leftover, cfn)
                return try await create(cfn, upload, replacing: deployed)
            case .recreate(let failed):
                try await deleteFailedCreation(failed, cfn)
                return try await create(cfn, upload, replacing: deployed)
            case .blocked(let stuck):
                throw try await interventionNeeded(stuck, cfn)
            case .unchanged(let live):
                await say("no change (deployed template, parameters and tags equal the local ones)")
                return (.unchanged, live.status.rawValue)
            case .update(let live, let inputs):
                return try await update(live, inputs, cfn, upload)
            }
        }
    }

    /// The decision for `deployed`; for a live stack that means resolving the parameters and reading its template.
    private func decide(_ deployed: StackDescription?, _ cfn: CloudFormationClient) async throws -> StackDecision {
        try await StackDecision.decide(deployed) { live in
            try await InputComparison.read(live, of: stack, template: template, parameters: try await resolvedParameters(), cfn: cfn)
        }
    }

    // MARK: Clearing the way

    /// Waits for the operation CloudFormation is running on the stack; returns the stack as it ended.
    private func waitForOperation(_ running: StackDescription, _ cfn: CloudFormationClient) async throws -> StackDescription {
        await say("\(running.status) in progress; waiting for it to finish")
        return try await waitForStack(cfn, id: running.id, marker: try await newestEventID(cfn, running.id)).stack
    }

    /// Deletes a stack that holds only an unexecuted CREATE change set (from an interrupted or unapproved run).
    ///
    /// Only a leftover proven to be this tool's is deleted: every change set it holds carries the
    /// tool's prefix. Someone's change set under review is refused, with how to go on.
    private func deleteUnexecutedCreate(_ leftover: StackDescription, _ cfn: CloudFormationClient) async throws {
        let foreign = try await sessions.changeSets(for: stack).list(stackName: leftover.id).filter { !$0.name.hasPrefix(options.changeSetPrefix) }
        if let other = foreign.first {
            throw RolloutError(.deployment, "is REVIEW_IN_PROGRESS with change set '\(other.name)', which infra did not create (its change sets start with '\(options.changeSetPrefix)')", context: context,
                               remedy: "execute or delete that change set (`aws cloudformation delete-stack --stack-name \(stack.name)` removes the empty stack with it) in account \(stack.account), \(stack.region); then run again")
        }
        // The stack holds no resources. Deleting it first behaves the same on AWS and on emulators.
        await say("REVIEW_IN_PROGRESS (an unexecuted CREATE change set, no resources): deleting it to create the stack afresh")
        try await deleteAndWait(leftover, cfn, failure: "the REVIEW_IN_PROGRESS stack could not be deleted")
    }

    /// Deletes a stack whose first creation failed, with `--recreate-failed`; refuses with its failure events otherwise.
    private func deleteFailedCreation(_ failed: StackDescription, _ cfn: CloudFormationClient) async throws {
        let explaining = try await failureEvents(cfn, id: failed.id)
        guard options.recreateFailed else {
            throw RolloutError(.deployment, "is in \(failed.status): its first creation failed, and such a stack can only be deleted", context: context,
                               remedy: "fix the cause (events below), then rerun with --recreate-failed to delete and re-create it", events: explaining)
        }
        await say("\(failed.status): deleting it to re-create it (--recreate-failed)")
        try await deleteAndWait(failed, cfn, failure: "could not be deleted for re-creation")
    }

    /// Deletes the stack and waits until it is gone; `failure` begins the error should it not be.
    private func deleteAndWait(_ doomed: StackDescription, _ cfn: CloudFormationClient, failure: String) async throws {
        try await cfn.deleteStack(name: doomed.id)
        let deleted = try await waitForStack(cfn, id: doomed.id, marker: try await newestEventID(cfn, doomed.id))
        guard deleted.stack.status == .deleteComplete else {
            throw RolloutError(.deployment, "\(failure): \(deleted.stack.status)", context: context, events: deleted.failures)
        }
    }

    /// The refusal for a stack a person must repair first, with its failure events and how to repair it.
    private func interventionNeeded(_ stuck: StackDescription, _ cfn: CloudFormationClient) async throws -> RolloutError {
        let explaining = try await failureEvents(cfn, id: stuck.id)
        let remedy = stuck.status == .updateRollbackFailed
            ? "fix the cause, then `aws cloudformation continue-update-rollback --stack-name \(stack.name)` in account \(stack.account), and rerun"
            : "resolve it in the CloudFormation console of account \(stack.account) (\(stack.region)), then rerun"
        return RolloutError(.deployment, "is in \(stuck.status) and cannot be deployed until that is resolved", context: context, remedy: remedy, events: explaining)
    }

    // MARK: Changing the stack

    /// Creates the stack through a CREATE change set (or `CreateStack`, with `--method direct`); `previous` is what stood there before (reported should nothing change).
    private func create(_ cfn: CloudFormationClient, _ upload: TemplateUpload, replacing previous: StackDescription?) async throws -> Ending {
        let parameters = try await resolvedParameters()
        if options.method == .direct { return try await deployDirectly(.create, parameters: parameters, deployedTemplate: nil, previous: previous, cfn, upload) }
        return try await deployChangeSet(.create, parameters: parameters, deployedTemplate: nil, previous: previous, cfn, upload)
    }

    /// Updates a live stack that differs through an UPDATE change set (or `UpdateStack`, with `--method direct`), after removing leftovers of earlier runs.
    private func update(_ live: StackDescription, _ inputs: InputComparison, _ cfn: CloudFormationClient, _ upload: TemplateUpload) async throws -> Ending {
        guard let parameters = inputs.parameters else { throw unresolvedParameters }
        // Only a live stack keeps change sets; a deleted one (just now, or earlier) has none to clean up.
        try await deleteStaleChangeSets(stackName: live.id)
        if options.method == .direct { return try await deployDirectly(.update, parameters: parameters, deployedTemplate: inputs.deployedTemplate, previous: live, cfn, upload) }
        let ending = try await deployChangeSet(.update, parameters: parameters, deployedTemplate: inputs.deployedTemplate, previous: live, cfn, upload)
        // A change set that changes no resource may not carry a new service role or topics; UpdateStack does.
        if ending.outcome == .unchanged, !StackSettingsSync.operationSettingsEqual(live, stack.settings) {
            await say("the service role or notification topics differ: applying them with UpdateStack")
            return try await deployDirectly(.update, parameters: parameters, deployedTemplate: inputs.deployedTemplate, previous: live, cfn, upload)
        }
        return ending
    }

    /// Creates a change set and sees it through: review, approval, execution, the stack's final status.
    private func deployChangeSet(_ type: ChangeSetType, parameters: [StackParameter], deployedTemplate: String?, previous: StackDescription?,
                                 _ cfn: CloudFormationClient, _ upload: TemplateUpload) async throws -> Ending {
        try Task.checkCancellation()
        // Only now, when a change set follows: a run without changes uploads nothing.
        let source = try await upload.source { await say($0) }
        let name = changeSetName()
        await say("creating \(type.rawValue) change set \(name)")
        let created: CreatedChangeSet
        var input = CreateChangeSetInput(stackName: stack.name, changeSetName: name, type: type, template: source, parameters: parameters,
                                         capabilities: stack.capabilities, tags: stack.tags, roleARN: stack.settings.serviceRoleARN, description: "infra deploy", clientToken: name)
        input.notificationARNs = stack.settings.notificationARNs
        let request = input
        do {
            // Shielded: cut off by Ctrl-C, the request may still create the change set, unseen;
            // awaited to its answer, the change set is known and is deleted below.
            created = try await Self.shielded { try await cfn.createChangeSet(request) }
        } catch let error as AWSClientError where error.isNoUpdatesToPerform {
            await say("no change (CloudFormation: No updates are to be performed)")
            return (.unchanged, previous?.status.rawValue)
        }

        // From here on, a failure before execution deletes the change set, so nothing stale stays.
        var executed = false
        do {
            guard let changeSet = try await reviewedChangeSet(name, stackID: created.stackID, cfn) else {
                return (.unchanged, previous?.status.rawValue)
            }
            await observe(.changeSet(stack, name: name, changes: changeSet.changes))
            try await approve(changeSet, deployedTemplate: deployedTemplate)
            let marker = try await newestEventID(cfn, created.stackID)
            // The point of no return: an interrupt before it leaves nothing behind.
            try Task.checkCancellation()
            await say("executing change set \(name)")
            // Shielded too: an execution that started must be known as started, so that nothing
            // below mistakes the executing stack for an empty leftover and deletes it.
            try await Self.shielded { try await cfn.executeChangeSet(name: name, stackName: created.stackID, clientRequestToken: name) }
            executed = true
            return try await executionResult(type, stackID: created.stackID, marker: marker, cfn)
        } catch {
            // An executed change set is consumed; an unexecuted one is ours to remove.
            if !executed { await removeChangeSet(cfn, name: name, stackID: created.stackID, stackToo: type == .create) }
            throw error
        }
    }

    /// The computed change set, ready to execute; `nil` (and deleted) when it changes nothing.
    private func reviewedChangeSet(_ name: String, stackID: String, _ cfn: CloudFormationClient) async throws -> ChangeSetDescription? {
        let changeSet = try await waitForChangeSet(cfn, name: name, stackID: stackID)
        if changeSet.isEmpty {
            try await cfn.deleteChangeSet(name: name, stackName: stackID)
            await say("no change (the change set is empty)")
            return nil
        }
        guard changeSet.isReady else {
            throw RolloutError(.deployment, "change set \(name) failed: \(changeSet.statusReason ?? changeSet.status)", context: context,
                               remedy: "fix the template or parameters; CloudFormation's reason is above")
        }
        return changeSet
    }

    /// Waits for the executed change set and judges how the stack ended.
    func executionResult(_ type: ChangeSetType, stackID: String, marker: String?, _ cfn: CloudFormationClient) async throws -> Ending {
        let finished = try await waitForStack(cfn, id: stackID, marker: marker)
        let status = finished.stack.status
        guard status.isSuccess else {
            var remedy = "fix the cause shown by the events and run again"
            if status == .rollbackComplete { remedy += " with --recreate-failed (a stack whose creation failed can only be deleted)" }
            throw RolloutError(.deployment, "ended in \(status)\(finished.stack.statusReason.map { " (\($0))" } ?? "")", context: context, remedy: remedy, events: finished.failures)
        }
        outputs.invalidate(stack.name)
        return (type == .create ? .created : .updated, status.rawValue)
    }

    // MARK: Inputs and approval

    /// The stack's parameters with every `fromOutput` resolved; throws naming the producer that is missing.
    func resolvedParameters() async throws -> [StackParameter] {
        guard let parameters = try await outputs.parameters(for: stack) else { throw unresolvedParameters }
        return parameters
    }

    var unresolvedParameters: RolloutError {
        RolloutError(.deployment, "parameters from other stacks' outputs could not be resolved", context: context)
    }

    /// Asks the approver when the policy wants it; throws when approval is declined or nobody can answer.
    private func approve(_ changeSet: ChangeSetDescription, deployedTemplate: String?) async throws {
        try await approve(changeSet.name, changes: changeSet.changes, deployedTemplate: deployedTemplate)
    }

    /// Asks the approver for `changes` (a change set's, or for a direct deploy those read from the templates).
    func approve(_ name: String, changes: [ResourceChange], deployedTemplate: String?) async throws {
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
        var request = ApprovalRequest(stack: stack, changeSetName: name, changes: changes, broadening: broadening, reason: reason)
        request.direct = options.method == .direct
        switch await approver.decide(request) {
        case .approved:
            await say("approved")
        case .declined:
            throw RolloutError(.approval, "\(options.method == .direct ? name : "change set \(name)") was not approved; nothing was changed", context: context,
                               remedy: "review the change and run again")
        case .unavailable(let why):
            throw RolloutError(.approval, "needs approval: \(reason); \(why)", context: context,
                               remedy: "run in a terminal to answer the prompt, or pass --yes (or --require-approval never) after reviewing `infra plan`")
        }
    }

    // MARK: Reporting

    /// Reports a step in words.
    func say(_ text: String) async { await observe(.progress(stack, text)) }

    /// Any error as a ``RolloutError`` with this stack's context and, where one helps, a remedy.
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
}
