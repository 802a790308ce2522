import Foundation
import InfraCrypto

/// Deploys one StackSet from its administrator account: waits for an operation already running,
/// creates or updates the set, creates the instances of new targets (and again those an earlier
/// operation left `OUTDATED`), updates those whose overrides differ, deletes undeclared ones with `--prune`,
/// and waits for each operation, one at a time as CloudFormation runs them.
///
/// Operation preferences (concurrency, failure tolerance, region order) are not stored with the
/// set: each operation carries them, so changing only them changes nothing until the next operation.
///
/// An interrupt leaves at most one operation running in CloudFormation; the next run finds it
/// (`ListStackSetOperations`), waits for it and continues from what it left.
struct StackSetDeployer: Sendable {
    let stackSet: Manifest.StackSet
    let template: String
    let sessions: AccountSessions
    let outputs: OutputResolver
    let options: RolloutOptions
    let observe: @Sendable (RolloutEvent) async -> Void

    var stack: Manifest.Stack { stackSet.stack }
    var environment: AWSEnvironment { sessions.environment }
    var context: RolloutError.Context { .stackSet(stackSet) }

    /// Deploys the set and reports how it went, per instance too; never throws.
    func deploy() async -> StackResult {
        let started = environment.clock()
        var touched: [StackSetOperationResult] = []
        var instances: [StackInstanceSummary] = []
        func result(_ outcome: StackOutcome, status: String?, error: RolloutError? = nil) -> StackResult {
            var result = StackResult(stack: stack, outcome: outcome, status: status, seconds: environment.clock().timeIntervalSince(started), error: error)
            result.stackSet = StackSetReport(instances: instances, operationResults: touched, undeclared: [])
            return result
        }
        do {
            let ending = try await run(touched: &touched, instances: &instances)
            var done = result(ending.outcome, status: ending.status)
            done.stackSet?.undeclared = ending.undeclared
            return done
        } catch let error as RolloutError {
            instances = await instancesAfterFailure()
            return result(.failed, status: nil, error: error)
        } catch {
            if error is CancellationError || Task.isCancelled {
                return result(.failed, status: nil, error: RolloutError(.cancelled, "interrupted", context: context,
                                                                      remedy: "run the same command again; it waits for the operation CloudFormation may still be running and continues"))
            }
            instances = await instancesAfterFailure()
            return result(.failed, status: nil, error: RolloutError(.deployment, "AWS call failed", context: context, cause: SecretFreeError(error)))
        }
    }

    /// The instances as they are after a failure, for the summary; none when they cannot be read.
    private func instancesAfterFailure() async -> [StackInstanceSummary] {
        guard !Task.isCancelled, let cfn = try? sessions.cloudFormation(for: stack) else { return [] }
        return (try? await cfn.listStackInstances(stackSetName: stackSet.name, callAs: stackSet.callAs)) ?? []
    }

    private func run(touched: inout [StackSetOperationResult], instances: inout [StackInstanceSummary]) async throws -> (outcome: StackOutcome, status: String?, undeclared: [Manifest.Instance]) {
        try await sessions.verifyAccount(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        guard let parameters = try await outputs.parameters(for: stack) else {
            throw RolloutError(.deployment, "parameters from other stacks' outputs could not be resolved", context: context)
        }
        // One operation at a time per set: one left running (by an interrupted run, or someone else) is waited for first.
        var newest = try await waitForRunning(cfn)
        let comparison = try await StackSetComparison.read(stackSet, template: template, parameters: parameters, cfn: cfn)
        if comparison.inSync && (comparison.undeclared.isEmpty || !options.pruneStackInstances) {
            let declared = comparison.instances.count - comparison.undeclared.count
            await say(comparison.undeclared.isEmpty
                ? "no change (the set and its \(Self.instances(declared)) match the manifest)"
                : "no change to the set and its \(Self.instances(declared)); \(Self.instances(comparison.undeclared.count)) no longer declared (deploy --prune deletes them)")
            instances = comparison.instances
            return (.unchanged, "CURRENT", comparison.undeclared)
        }
        var created = false
        // The template goes up (or through S3) only with a call that carries it.
        let needsTemplate = comparison.deployed == nil || !comparison.setChanges.isEmpty
        let source = needsTemplate ? try await TemplateUpload(stack: stack, template: template, sessions: sessions).source { await say($0) } : .previous
        var input = StackSetInput(
            name: stackSet.name, template: source, parameters: parameters, capabilities: stack.capabilities, tags: stack.tags, description: stackSet.description,
            permissionModel: stackSet.permissionModel, callAs: stackSet.callAs)
        switch stackSet.permissions {
        case .selfManaged(let administrationRoleARN, let executionRoleName):
            input.administrationRoleARN = administrationRoleARN
            input.executionRoleName = executionRoleName
        case .serviceManaged(let autoDeployment, _):
            input.autoDeployment = autoDeployment ?? Manifest.AutoDeployment(enabled: false, retainStacksOnAccountRemoval: false)
        }
        if comparison.deployed == nil {
            input.operationID = StackSetOperationID.make(["create", stackSet.name, SHA256.hexDigest(Array(template.utf8))])
            await say("creating StackSet \(stackSet.name)")
            try await cfn.createStackSet(input)
            created = true
        } else if !comparison.setChanges.isEmpty {
            input.operationID = StackSetOperationID.make(["update", stackSet.name, newest ?? "", SHA256.hexDigest(Array(template.utf8)), "\(parameters)", "\(stack.tags)", "\(stackSet.permissions)"])
            let request = input
            await say("updating StackSet \(stackSet.name) and all its instances (\(comparison.setChanges.joined(separator: "; ")))")
            newest = try await operate(cfn, "UpdateStackSet", &touched) { try await cfn.updateStackSet(request, preferences: stackSet.preferences) }
        }
        // After a set update every instance is current (or failed above); only new targets and prunes remain.
        let retry = comparison.setChanges.isEmpty ? comparison.retry : []
        let overridden = comparison.setChanges.isEmpty ? comparison.outdated.filter { !retry.contains($0) } : []
        for batch in stackSet.batches(comparison.missing + retry) {
            let request = instancesInput(batch, action: "create", after: newest)
            await say("creating \(Self.instances(batch.targets.count * batch.regions.count)) (\(describe(batch)))")
            newest = try await operate(cfn, "CreateStackInstances", &touched) { try await cfn.createStackInstances(request) }
        }
        for batch in stackSet.batches(overridden) {
            let request = instancesInput(batch, action: "update", after: newest)
            await say("updating \(Self.instances(batch.targets.count * batch.regions.count)) (\(describe(batch)))")
            newest = try await operate(cfn, "UpdateStackInstances", &touched) { try await cfn.updateStackInstances(request) }
        }
        var undeclared = comparison.undeclared
        if options.pruneStackInstances, !undeclared.isEmpty {
            for batch in stackSet.batches(undeclared, overrides: false) {
                let request = instancesInput(batch, action: "delete", after: newest)
                await say("deleting \(Self.instances(batch.targets.count * batch.regions.count, "undeclared instance")) (\(describe(batch))) (--prune)")
                newest = try await operate(cfn, "DeleteStackInstances", &touched) { try await cfn.deleteStackInstances(request) }
            }
            undeclared = []
        }
        instances = try await cfn.listStackInstances(stackSetName: stackSet.name, callAs: stackSet.callAs)
        return (created ? .created : .updated, "CURRENT", undeclared)
    }

    /// `1 instance`, `40 instances`.
    static func instances(_ count: Int, _ noun: String = "instance") -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    // MARK: Operations

    /// The input of one instance operation; its id depends on the batch and the set's newest operation before it.
    private func instancesInput(_ batch: (targets: [String], regions: [String], overrides: [StackParameter]), action: String, after newest: String?) -> StackInstancesInput {
        let id = StackSetOperationID.make([action, stackSet.name, newest ?? "", batch.targets.joined(separator: ","), batch.regions.joined(separator: ","), "\(batch.overrides)"])
        return StackInstancesInput(stackSetName: stackSet.name, targets: batch.targets, organizationalUnits: stackSet.isServiceManaged, regions: batch.regions,
                                   overrides: batch.overrides, preferences: stackSet.preferences, callAs: stackSet.callAs, operationID: id)
    }

    private func describe(_ batch: (targets: [String], regions: [String], overrides: [StackParameter])) -> String {
        let targets = batch.targets.count <= 3 ? batch.targets.joined(separator: ", ") : "\(batch.targets.prefix(3).joined(separator: ", ")) and \(batch.targets.count - 3) more"
        return "\(targets) × \(batch.regions.joined(separator: ", "))" + (batch.overrides.isEmpty ? "" : ", overrides \(batch.overrides.map { "\($0.key)=\($0.value ?? "")" }.joined(separator: ","))")
    }

    /// Starts an operation and waits for it; an operation already running is waited for and the call
    /// made again. Returns the operation's id; throws naming every failed instance when it fails.
    private func operate(_ cfn: CloudFormationClient, _ action: String, _ touched: inout [StackSetOperationResult], start: @escaping @Sendable () async throws -> String) async throws -> String {
        try Task.checkCancellation()
        var id: String?
        for _ in 0..<5 {
            do {
                // Shielded: a call cut off by Ctrl-C may still start the operation; awaited, its id is known.
                id = try await StackDeployer.shielded(start)
                break
            } catch let error as AWSClientError where error.awsCode == "OperationInProgressException" {
                await say("another operation is running on the set; waiting for it")
                _ = try await waitForRunning(cfn)
            }
        }
        guard let id else { throw RolloutError(.deployment, "\(action) kept meeting other operations on the set", context: context, remedy: "run again when the set is idle") }
        await say("\(action) operation \(id) started; waiting for it")
        let finished = try await wait(cfn, operation: id)
        let results = try await cfn.listStackSetOperationResults(stackSetName: stackSet.name, operationID: id, callAs: stackSet.callAs)
        touched += results
        guard finished.status == "SUCCEEDED" else {
            let failed = results.filter { $0.status == "FAILED" || $0.status == "CANCELLED" }
            throw RolloutError(.deployment, "\(action) operation \(id) ended \(finished.status)\(finished.statusReason.map { " (\($0))" } ?? ""); \(failed.count) instance\(failed.count == 1 ? "" : "s") failed",
                               context: context, remedy: "fix the cause in the named accounts and run again; the next run retries the instances left OUTDATED",
                               events: failed.map { "account \($0.account), region \($0.region): \($0.status)\($0.statusReason.map { ": \($0)" } ?? "")" })
        }
        return id
    }

    /// Waits for every running operation of the set; returns the id of its newest operation (`nil`: none yet).
    private func waitForRunning(_ cfn: CloudFormationClient) async throws -> String? {
        guard try await cfn.describeStackSet(named: stackSet.name, callAs: stackSet.callAs) != nil else { return nil }
        let operations = try await cfn.listStackSetOperations(stackSetName: stackSet.name, callAs: stackSet.callAs)
        for running in operations where running.isRunning {
            await say("operation \(running.id) (\(running.action)) is \(running.status); waiting for it to finish")
            _ = try await wait(cfn, operation: running.id)
        }
        return operations.first?.id
    }

    /// Polls `DescribeStackSetOperation` until the operation ends, the pause doubling from
    /// `pollInterval` to eight times it; gives up after `maxWait` (the operation goes on).
    private func wait(_ cfn: CloudFormationClient, operation id: String) async throws -> StackSetOperation {
        let deadline = environment.clock().addingTimeInterval(StackDeployer.seconds(options.maxWait))
        var pause = options.pollInterval
        while true {
            try Task.checkCancellation()
            let operation = try await cfn.describeStackSetOperation(stackSetName: stackSet.name, operationID: id, callAs: stackSet.callAs)
            if !operation.isRunning { return operation }
            guard environment.clock() < deadline else {
                throw RolloutError(.deployment, "operation \(id) was still \(operation.status) after \(Int(StackDeployer.seconds(options.maxWait))) s", context: context,
                                   remedy: "the operation continues in CloudFormation; run again to wait for it")
            }
            try await environment.sleep(pause)
            pause = min(pause * 2, options.pollInterval * 8)
        }
    }

    private func say(_ text: String) async { await observe(.progress(stack, text)) }
}

extension RolloutError.Context {
    /// The place of a StackSet: its name, administrator account and region.
    static func stackSet(_ stackSet: Manifest.StackSet) -> RolloutError.Context {
        var context = RolloutError.Context(stack: stackSet.name, account: stackSet.stack.account, region: stackSet.stack.region)
        context.isStackSet = true
        return context
    }
}

/// A StackSet's part of a deploy result: its instances and what this run's operations did in each.
public struct StackSetReport: Sendable {
    /// The instances as `ListStackInstances` lists them after the run.
    public var instances: [StackInstanceSummary]
    /// Per account and region, what this run's operations did (`ListStackSetOperationResults`).
    public var operationResults: [StackSetOperationResult]
    /// Instances that exist but are no longer declared (deleted by `deploy --prune`).
    public var undeclared: [Manifest.Instance]
}
