import Foundation

/// Rolls `stacks.out` out: stages in order; inside a stage, stacks in dependency order with
/// different accounts in parallel; each stack through a change set.
///
/// ```swift
/// let artifacts = try ArtifactFolder.load(path: "stacks.out")
/// let engine = RolloutEngine(artifacts: artifacts, sessions: AccountSessions(environment: .live()))
/// let report = try await engine.deploy(RolloutOptions(), approver: FixedApproval(.approved)) { print($0) }
/// ```
public struct RolloutEngine: Sendable {
    /// The manifest and templates.
    public let artifacts: ArtifactFolder
    /// Credentials and clients per account.
    public let sessions: AccountSessions

    /// An engine for `artifacts`.
    public init(artifacts: ArtifactFolder, sessions: AccountSessions) {
        self.artifacts = artifacts
        self.sessions = sessions
    }

    /// The selected stacks grouped by stage, in rollout order; with `includeStackSets`, the selected
    /// StackSets too (as their stack entries: name, administrator account and region, stage,
    /// dependencies), so they take their place in the stage order. An unknown stage or name is an input error.
    public func selection(stages: [String]?, stacks: [String], includeStackSets: Bool = false) throws -> [(stage: String?, stacks: [Manifest.Stack])] {
        let manifest = artifacts.manifest
        let sets = manifest.stackSets.map(\.stack)
        for stage in stages ?? [] where !manifest.stages.contains(stage) {
            throw RolloutError(.input, "unknown stage '\(stage)'; the manifest's stages are \(manifest.stages.joined(separator: ", "))", context: .init(file: "manifest.json"))
        }
        for name in stacks where !manifest.stacks.contains(where: { $0.name == name }) && !sets.contains(where: { $0.name == name }) {
            let known = manifest.stacks.map(\.name) + sets.map { "\($0.name) (StackSet)" }
            throw RolloutError(.input, "unknown stack '\(name)'; the manifest lists \(known.joined(separator: ", "))", context: .init(file: "manifest.json"))
        }
        let chosen = (manifest.stacks + (includeStackSets ? sets : [])).filter { stack in
            (stages.map { $0.contains(stack.stage ?? "\u{0}") } ?? true) && (stacks.isEmpty || stacks.contains(stack.name))
        }
        let order = [nil] + manifest.stages.map(Optional.some)
        return order.compactMap { stage in
            let members = chosen.filter { $0.stage == stage }
            return members.isEmpty ? nil : (stage, members)
        }
    }

    /// The StackSet whose stack entry is `stack`, if it is one.
    func stackSet(_ stack: Manifest.Stack) -> Manifest.StackSet? {
        artifacts.manifest.stackSets.first { $0.name == stack.name && $0.stack == stack }
    }

    /// Deploys the selection; never throws for a stack failure (that is in the report), only for input errors.
    public func deploy(_ options: RolloutOptions, approver: any ApprovalProvider, observe: @escaping @Sendable (RolloutEvent) async -> Void) async throws -> RolloutReport {
        let groups = try selection(stages: options.stages, stacks: options.stacks, includeStackSets: true)
        try preflight(groups.flatMap(\.stacks))
        let outputs = OutputResolver(manifest: artifacts.manifest, sessions: sessions)
        var results: [StackResult] = []
        var stopped: RolloutError?
        for group in groups {
            if stopped == nil, Task.isCancelled {
                stopped = RolloutError(.cancelled, "the rollout was interrupted", remedy: "run the same command again; it continues where this run stopped")
            }
            if let stopped {
                for stack in group.stacks { results.append(skipped(stack, because: stopped)) }
                continue
            }
            await observe(.stageStarted(group.stage))
            let stageResults = await deployStage(group.stacks, options: options, outputs: outputs, approver: approver, observe: observe)
            results += stageResults
            stopped = stageResults.first { !$0.outcome.isSuccess && $0.outcome != .skipped }?.error
        }
        return RolloutReport(results: results)
    }

    private func skipped(_ stack: Manifest.Stack, because error: RolloutError) -> StackResult {
        let reason = error.code == .cancelled && error.context.stack == nil ? "the rollout was interrupted" : error.context.stack.map { "stack '\($0)' failed" } ?? "an earlier failure"
        return StackResult(stack: stack, outcome: .skipped, status: nil, seconds: 0,
                           error: RolloutError(.deployment, "not deployed because \(reason)", context: .init(stack: stack.name, account: stack.account, region: stack.region)))
    }

    /// One stage: a stack starts once its dependencies in this stage are done and no other stack of
    /// its account is running, up to `concurrency` at a time. After a failure nothing new starts.
    private func deployStage(_ stacks: [Manifest.Stack], options: RolloutOptions, outputs: OutputResolver, approver: any ApprovalProvider, observe: @escaping @Sendable (RolloutEvent) async -> Void) async -> [StackResult] {
        let names = Set(stacks.map(\.name))
        let scheduler = StageScheduler<StackResult>(
            concurrency: options.concurrency,
            interrupted: RolloutError(.cancelled, "the rollout was interrupted", remedy: "run the same command again; it continues where this run stopped"),
            waitsFor: { $0.allDependencies.filter(names.contains) },
            releases: { $0.outcome.isSuccess },
            stops: { !$0.outcome.isSuccess && $0.outcome != .skipped ? $0.error : nil },
            skip: skipped, observe: observe)
        return await scheduler.run(stacks) { stack in
            if let set = stackSet(stack) {
                let deployer = StackSetDeployer(stackSet: set, template: artifacts.templates[stack.name] ?? "", sessions: sessions, outputs: outputs, options: options, observe: observe)
                return { await deployer.deploy() }
            }
            let deployer = StackDeployer(stack: stack, template: artifacts.templates[stack.name] ?? "", sessions: sessions, outputs: outputs,
                                         options: options, approver: approver, observe: observe, artifacts: artifacts)
            return { await deployer.deploy() }
        }
    }
}
