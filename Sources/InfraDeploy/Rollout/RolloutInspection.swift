import Foundation

/// What `infra plan` found for one stack.
public struct StackPlan: Sendable {
    /// What a deploy would do.
    public enum Action: String, Sendable {
        /// The stack does not exist (or only as an unexecuted change set): it would be created.
        case create
        /// The stack exists and differs: it would be updated.
        case update
        /// Deployed template, parameters and tags equal the local ones.
        case noChange = "no change"
        /// A deploy would delete and re-create it (`--recreate-failed`), or refuse without that flag.
        case recreate
        /// A deploy cannot proceed until a person acts (`UPDATE_ROLLBACK_FAILED`, …), or inputs are unknown.
        case blocked
    }

    /// The stack.
    public let stack: Manifest.Stack
    /// What a deploy would do.
    public let action: Action
    /// The stack's current status (`nil`: it does not exist).
    public let status: String?
    /// Resource-level changes (for updates from a change set created and deleted again; for creates, every resource as `Add`).
    public let changes: [ResourceChange]
    /// IAM and security-group facts the change adds.
    public let broadening: [String]
    /// Why, for `blocked` and `recreate`, or a note (e.g. parameters known only after a producer deploys).
    public let note: String?
    /// Stack settings a deploy changes, in words (`termination protection: off → on`).
    public var settingChanges: [String] = []
    /// For a StackSet: what a deploy would do to the set and its instances; `nil` for a stack.
    public var stackSet: StackSetPlan? = nil
}

/// What `infra status` found for one stack.
public struct StackState: Sendable {
    /// The stack.
    public let stack: Manifest.Stack
    /// Its status (`nil`: it does not exist).
    public let status: String?
    /// Why it is in that status, when AWS says.
    public let statusReason: String?
    /// When it was last created or updated.
    public let lastChanged: Date?
    /// Whether the deployed template, parameters and tags equal the local ones (`nil`: unknown or not deployed).
    public let upToDate: Bool?
    /// The outputs.
    public let outputs: [StackOutput]
    /// For a StackSet: its instances as CloudFormation lists them; `nil` for a stack.
    public var instances: [StackInstanceSummary]? = nil
}

/// What `infra diff` found for one stack.
public struct StackDiff: Sendable {
    /// The stack.
    public let stack: Manifest.Stack
    /// Whether the stack exists.
    public let deployed: Bool
    /// Unified diff lines of the canonical template JSON (deployed → local); empty when equal.
    public let templateLines: [String]
    /// Parameters whose deployed value differs: `name: deployed → local`.
    public let parameterChanges: [String]
    /// Tag differences: `key: deployed → local`.
    public let tagChanges: [String]

    /// For a StackSet: instances to create, update or (with `--prune`) delete, and other set settings, in words.
    public var stackSetChanges: [String] = []

    /// Whether anything differs (a stack not deployed differs: its whole template is new).
    public var differs: Bool { !templateLines.isEmpty || !parameterChanges.isEmpty || !tagChanges.isEmpty || !stackSetChanges.isEmpty }
}

extension RolloutEngine {
    /// Read-only status of the selected stacks, concurrently per stack.
    public func status(stages: [String]?, stacks: [String]) async throws -> [StackState] {
        let selected = try selection(stages: stages, stacks: stacks, includeStackSets: true).flatMap(\.stacks)
        let outputs = OutputResolver(manifest: artifacts.manifest, sessions: sessions)
        return try await forEach(selected) { stack in
            if let set = stackSet(stack) { return try await status(of: set, outputs: outputs) }
            try await sessions.verifyAccount(for: stack)
            let cfn = try sessions.cloudFormation(for: stack)
            guard let current = try await cfn.describeStack(named: stack.name) else {
                return StackState(stack: stack, status: nil, statusReason: nil, lastChanged: nil, upToDate: nil, outputs: [])
            }
            var upToDate: Bool?
            if current.status != .reviewInProgress, !current.status.isFailedCreation {
                upToDate = try await InputComparison.read(current, of: stack, template: template(stack),
                                                          parameters: try await outputs.parameters(for: stack, allowUnknown: true), cfn: cfn).equal
            }
            return StackState(stack: stack, status: current.status.rawValue, statusReason: current.statusReason,
                              lastChanged: current.lastUpdatedTime ?? current.creationTime, upToDate: upToDate, outputs: current.outputs)
        }
    }

    /// Deployed templates against local ones, read-only.
    public func diff(stages: [String]?, stacks: [String]) async throws -> [StackDiff] {
        let selected = try selection(stages: stages, stacks: stacks, includeStackSets: true).flatMap(\.stacks)
        let outputs = OutputResolver(manifest: artifacts.manifest, sessions: sessions)
        return try await forEach(selected) { stack in
            if let set = stackSet(stack) { return try await diff(of: set, outputs: outputs) }
            try await sessions.verifyAccount(for: stack)
            let cfn = try sessions.cloudFormation(for: stack)
            let local = template(stack)
            let localLines = (JSONValue.template(local)?.canonicalText() ?? local).components(separatedBy: "\n")
            guard let current = try await cfn.describeStack(named: stack.name), current.status != .reviewInProgress else {
                return StackDiff(stack: stack, deployed: false, templateLines: TemplateComparison.lineDiff(old: [], new: localLines, oldName: "(not deployed)", newName: stack.templateFile),
                                 parameterChanges: [], tagChanges: [])
            }
            let body = try await cfn.getTemplate(stackName: stack.name)
            let deployedLines = (JSONValue.template(body)?.canonicalText() ?? body).components(separatedBy: "\n")
            let lines = TemplateComparison.lineDiff(old: deployedLines, new: localLines, oldName: "deployed \(stack.name) (account \(stack.account), \(stack.region))", newName: stack.templateFile)
            var parameterChanges: [String] = []
            if let wanted = try await outputs.parameters(for: stack, allowUnknown: true) {
                parameterChanges = ParameterDifferences.lines(deployed: current.parameters, wanted: wanted)
            } else {
                parameterChanges.append("(parameters from other stacks' outputs are known only after those stacks are deployed)")
            }
            let tagChanges = ParameterDifferences.tagLines(deployed: current.tags, wanted: stack.tags)
            return StackDiff(stack: stack, deployed: true, templateLines: lines, parameterChanges: parameterChanges, tagChanges: tagChanges)
        }
    }

    /// What a deploy would do. For stacks that differ, an UPDATE change set is created, described and
    /// deleted again (CloudFormation alone knows which changes replace resources); nothing else is
    /// written, except that a template over 51,200 bytes is uploaded to its bucket first (under the
    /// content-addressed key a deploy uses too).
    public func plan(stages: [String]?, stacks: [String], changeSetPrefix: String = "infra-plan-") async throws -> [StackPlan] {
        let selected = try selection(stages: stages, stacks: stacks, includeStackSets: true).flatMap(\.stacks)
        try preflight(selected)
        let outputs = OutputResolver(manifest: artifacts.manifest, sessions: sessions)
        return try await forEach(selected) { stack in
            if let set = stackSet(stack) { return try await plan(of: set, outputs: outputs) }
            return try await plan(stack, outputs: outputs, changeSetPrefix: changeSetPrefix)
        }
    }

    /// The plan of one stack: the decision a deploy would take (``StackDecision``), in words.
    private func plan(_ stack: Manifest.Stack, outputs: OutputResolver, changeSetPrefix: String) async throws -> StackPlan {
        try await sessions.verifyAccount(for: stack)
        let cfn = try sessions.cloudFormation(for: stack)
        let local = template(stack)
        let current = try await cfn.describeStack(named: stack.name)
        let decision = try await StackDecision.decide(current) { live in
            try await InputComparison.read(live, of: stack, template: local, parameters: try await outputs.parameters(for: stack, allowUnknown: true), cfn: cfn)
        }
        let status = current?.status.rawValue
        let live = current.flatMap { $0.status == .deleteComplete || $0.status == .reviewInProgress ? nil : $0 }
        let settingChanges = StackSettingsSync.differences(
            live, stack.settings,
            deployedPolicy: try await StackSettingsSync.deployedPolicy(stack.settings, stackName: stack.name, cfn: cfn, exists: live != nil))
        func planned(_ action: StackPlan.Action, changes: [ResourceChange] = [], broadening: [String] = [], note: String? = nil) -> StackPlan {
            // Settings alone are a change too: a deploy makes their calls.
            let settingsOnly = action == .noChange && !settingChanges.isEmpty
            var plan = StackPlan(stack: stack, action: settingsOnly ? .update : action, status: status, changes: changes, broadening: broadening,
                                 note: settingsOnly ? "stack settings only" : note)
            plan.settingChanges = settingChanges
            return plan
        }
        let allAdded = Self.resources(of: local).map { ResourceChange(action: "Add", logicalResourceID: $0.id, physicalResourceID: nil, resourceType: $0.type, replacement: nil) }
        switch decision {
        case .create, .replaceUnexecutedCreate:
            return planned(.create, changes: allAdded, broadening: TemplateComparison.broadening(deployed: nil, local: local))
        case .recreate:
            return planned(.recreate, changes: allAdded, broadening: TemplateComparison.broadening(deployed: nil, local: local),
                        note: "its first creation failed; deploy with --recreate-failed deletes and re-creates it")
        case .waitForOperation:
            return planned(.blocked, note: "an operation is in progress; deploy waits for it")
        case .blocked(let stuck):
            return planned(.blocked, note: "\(stuck.status) must be resolved first")
        case .unchanged:
            return planned(.noChange)
        case .update(_, let inputs):
            guard let parameters = inputs.parameters, let deployedTemplate = inputs.deployedTemplate else {
                return planned(.update, note: "parameters come from stacks not deployed yet; changes are known after those deploy")
            }
            let changeSet = try await describeUpdate(of: stack, template: local, parameters: parameters, cfn: cfn, changeSetPrefix: changeSetPrefix)
            if changeSet.isEmpty {
                return planned(.noChange, note: "the template differs only in ways CloudFormation ignores")
            }
            guard changeSet.isReady else {
                return planned(.blocked, note: "the change set failed: \(changeSet.statusReason ?? changeSet.status)")
            }
            return planned(.update, changes: changeSet.changes, broadening: TemplateComparison.broadening(deployed: deployedTemplate, local: local))
        }
    }

    /// Creates an UPDATE change set, waits until CloudFormation has computed it, and deletes it again.
    private func describeUpdate(of stack: Manifest.Stack, template local: String, parameters: [StackParameter], cfn: CloudFormationClient,
                                changeSetPrefix: String) async throws -> ChangeSetDescription {
        let source = try await TemplateUpload(stack: stack, template: local, sessions: sessions).source { _ in }
        let name = "\(changeSetPrefix)\(Int(sessions.environment.clock().timeIntervalSince1970))-\(String(UInt32(sessions.environment.random() * Double(UInt32.max)), radix: 16))"
        var input = CreateChangeSetInput(stackName: stack.name, changeSetName: name, type: .update, template: source, parameters: parameters,
                                         capabilities: stack.capabilities, tags: stack.tags, roleARN: stack.settings.serviceRoleARN,
                                         description: "infra plan (deleted right away)", clientToken: name)
        input.notificationARNs = stack.settings.notificationARNs
        _ = try await cfn.createChangeSet(input)
        var description: ChangeSetDescription
        let deadline = sessions.environment.clock().addingTimeInterval(600)
        do {
            repeat {
                description = try await cfn.describeChangeSet(name: name, stackName: stack.name, includePropertyValues: true)
                guard description.isPending else { break }
                guard sessions.environment.clock() < deadline else {
                    throw RolloutError(.deployment, "plan change set \(name) was still \(description.status) after 600 s",
                                       context: .init(stack: stack.name, account: stack.account, region: stack.region), remedy: "run infra plan again later")
                }
                try await sessions.environment.sleep(.seconds(2))
            } while true
        } catch {
            // The describe error is the one to report; a change set this fails to delete is
            // removed by the next deploy's clean-up of `infra-` change sets.
            do { try await cfn.deleteChangeSet(name: name, stackName: stack.name) } catch {}
            throw error
        }
        try await cfn.deleteChangeSet(name: name, stackName: stack.name)
        return description
    }

    func template(_ stack: Manifest.Stack) -> String { artifacts.templates[stack.name] ?? "" }

    /// The resources of a template, in key order.
    static func resources(of template: String) -> [(id: String, type: String)] {
        guard let resources = JSONValue.template(template)?["Resources"]?.dictionary else { return [] }
        return resources.keys.sorted().map { key in
            if case .string(let type)? = resources[key]?["Type"] { return (key, type) }
            return (key, "")
        }
    }

    /// Runs `body` for every stack, at most four at a time, keeping the input order; wraps errors with the stack.
    func forEach<T: Sendable>(_ stacks: [Manifest.Stack], _ body: @escaping @Sendable (Manifest.Stack) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results: [Int: T] = [:]
            var next = 0
            func start() {
                guard next < stacks.count else { return }
                let index = next
                let stack = stacks[index]
                next += 1
                group.addTask {
                    do {
                        return (index, try await body(stack))
                    } catch let error as RolloutError {
                        throw error
                    } catch {
                        throw RolloutError(.deployment, "AWS call failed", context: .init(stack: stack.name, account: stack.account, region: stack.region), cause: SecretFreeError(error))
                    }
                }
            }
            for _ in 0..<4 { start() }
            while let (index, value) = try await group.next() {
                results[index] = value
                start()
            }
            return stacks.indices.compactMap { results[$0] }
        }
    }
}
