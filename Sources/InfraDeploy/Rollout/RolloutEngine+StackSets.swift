import Foundation

/// What `infra plan` found for one StackSet, besides the action on the set.
public struct StackSetPlan: Sendable {
    /// Set-level differences in words (`template`, `parameter Size: 1 → 2`, `tag team: a → b`, …).
    public var setChanges: [String]
    /// Instances a deploy creates.
    public var create: [Manifest.Instance]
    /// Instances a deploy updates: their overrides differ, or an earlier operation left them `OUTDATED`.
    public var update: [Manifest.Instance]
    /// Instances no longer declared: listed here, deleted only by `deploy --prune`.
    public var undeclared: [Manifest.Instance]
    /// The instances that exist.
    public var existing: Int
    /// The operation running on the set, which a deploy waits for.
    public var running: StackSetOperation?
}

/// `plan`, `status` and `diff` for StackSets: read-only, from the administrator account.
extension RolloutEngine {
    /// The plan of one StackSet: what the StackSet deployer would do, in words.
    func plan(of set: Manifest.StackSet, outputs: OutputResolver) async throws -> StackPlan {
        let (comparison, running) = try await compare(set, outputs: outputs)
        let action: StackPlan.Action
        var note: String?
        if running != nil {
            action = .blocked
            note = "operation \(running!.id) (\(running!.action)) is \(running!.status); deploy waits for it, then decides again"
        } else if comparison.deployed == nil {
            action = .create
        } else if comparison.inSync {
            action = .noChange
        } else {
            action = .update
        }
        if action == .create || action == .update {
            // Said because a plan cannot show them as a difference: they are not stored with the set.
            note = "operation preferences are not stored by CloudFormation; they apply to each operation a deploy starts"
        }
        if comparison.parameters == nil { note = "parameters come from stacks not deployed yet; the set's parameter changes are known after those deploy" }
        let local = template(set.stack)
        let changes = comparison.deployed == nil
            ? Self.resources(of: local).map { ResourceChange(action: "Add", logicalResourceID: $0.id, physicalResourceID: nil, resourceType: $0.type, replacement: nil) } : []
        var plan = StackPlan(stack: set.stack, action: action, status: comparison.deployed?.status, changes: changes,
                             broadening: comparison.setChanges.contains("template") || comparison.deployed == nil
                                ? TemplateComparison.broadening(deployed: comparison.deployed?.templateBody, local: local) : [],
                             note: note)
        plan.stackSet = StackSetPlan(setChanges: comparison.deployed == nil ? [] : comparison.setChanges, create: comparison.missing, update: comparison.outdated,
                                     undeclared: comparison.undeclared, existing: comparison.instances.count, running: running)
        return plan
    }

    /// The status of one StackSet: the set's status, whether it matches the manifest, and its instances.
    func status(of set: Manifest.StackSet, outputs: OutputResolver) async throws -> StackState {
        let (comparison, running) = try await compare(set, outputs: outputs)
        guard let deployed = comparison.deployed else {
            var state = StackState(stack: set.stack, status: nil, statusReason: nil, lastChanged: nil, upToDate: nil, outputs: [])
            state.instances = []
            return state
        }
        var state = StackState(stack: set.stack, status: running.map { "\(deployed.status), \($0.action) \($0.status)" } ?? deployed.status, statusReason: nil,
                               lastChanged: nil, upToDate: comparison.parameters == nil ? nil : comparison.inSync && comparison.undeclared.isEmpty, outputs: [])
        state.instances = comparison.instances
        return state
    }

    /// The diff of one StackSet: the deployed set's template, parameters and tags against the local
    /// ones, and the instances a deploy would change.
    func diff(of set: Manifest.StackSet, outputs: OutputResolver) async throws -> StackDiff {
        let (comparison, _) = try await compare(set, outputs: outputs)
        let local = template(set.stack)
        let localLines = (JSONValue.template(local)?.canonicalText() ?? local).components(separatedBy: "\n")
        guard let deployed = comparison.deployed else {
            var diff = StackDiff(stack: set.stack, deployed: false, templateLines: TemplateComparison.lineDiff(old: [], new: localLines, oldName: "(not deployed)", newName: set.stack.templateFile),
                                 parameterChanges: [], tagChanges: [])
            diff.stackSetChanges = Self.instanceLines(comparison)
            return diff
        }
        let deployedLines = (JSONValue.template(deployed.templateBody)?.canonicalText() ?? deployed.templateBody).components(separatedBy: "\n")
        let lines = TemplateComparison.lineDiff(old: deployedLines, new: localLines, oldName: "deployed StackSet \(set.name) (account \(set.stack.account), \(set.stack.region))",
                                                newName: set.stack.templateFile)
        let parameterChanges = comparison.parameters.map { ParameterDifferences.lines(deployed: deployed.parameters, wanted: $0, template: local) }
            ?? ["(parameters from other stacks' outputs are known only after those stacks are deployed)"]
        var diff = StackDiff(stack: set.stack, deployed: true, templateLines: lines, parameterChanges: parameterChanges,
                             tagChanges: ParameterDifferences.tagLines(deployed: deployed.tags, wanted: set.stack.tags))
        // Template, parameters and tags are shown above; the other set settings in words.
        let shown = { (change: String) in change == "template" || change.hasPrefix("parameter") || change.hasPrefix("tag ") }
        diff.stackSetChanges = comparison.setChanges.filter { !shown($0) } + Self.instanceLines(comparison)
        return diff
    }

    /// `instance + 111111111111 eu-west-1` lines: to create (+), update (~) and undeclared (-, `--prune`).
    static func instanceLines(_ comparison: StackSetComparison) -> [String] {
        comparison.missing.map { "instance + \($0.target) \($0.region)" } + comparison.outdated.map { "instance ~ \($0.target) \($0.region)" }
            + comparison.undeclared.map { "instance - \($0.target) \($0.region) (not declared; deploy --prune deletes it)" }
    }

    /// The comparison and the operation running on the set, if any.
    private func compare(_ set: Manifest.StackSet, outputs: OutputResolver) async throws -> (StackSetComparison, StackSetOperation?) {
        do {
            try await sessions.verifyAccount(for: set.stack)
            let cfn = try sessions.cloudFormation(for: set.stack)
            let comparison = try await StackSetComparison.read(set, template: template(set.stack), parameters: try await outputs.parameters(for: set.stack, allowUnknown: true), cfn: cfn)
            guard comparison.deployed != nil else { return (comparison, nil) }
            let running = try await cfn.listStackSetOperations(stackSetName: set.name, callAs: set.callAs).first(where: \.isRunning)
            return (comparison, running)
        } catch let error as RolloutError {
            throw error
        } catch {
            throw RolloutError(.deployment, "AWS call failed", context: .stackSet(set), cause: SecretFreeError(error))
        }
    }
}
