import Foundation

extension RolloutEngine {
    /// Deletes the selected stacks: stages in reverse order; inside a stage, a stack once every
    /// selected stack that depends on it is gone (consumers before producers), stacks of different
    /// accounts in parallel. Before the first deletion every stack is described: termination
    /// protection refuses the whole run, and `confirm` sees the stacks that exist, in deletion order.
    ///
    /// Throws for input errors, protection and a missing or refused confirmation (nothing deleted);
    /// a failed deletion is in the report, and the stacks it depends on are then skipped.
    public func destroy(_ options: DestroyOptions, confirm: @Sendable ([DestroyTarget]) async -> ApprovalDecision,
                        observe: @escaping @Sendable (RolloutEvent) async -> Void) async throws -> DestroyReport {
        let groups = Array(try selection(stages: options.stages, stacks: options.stacks).reversed()).map { group in
            (stage: group.stage, stacks: Self.consumersFirst(group.stacks))
        }
        let ordered = groups.flatMap(\.stacks)
        let selected = Set(ordered.map(\.name))
        let manifest = artifacts.manifest
        let targets = try await forEach(ordered) { stack in
            try await sessions.verifyAccount(for: stack)
            let found = try await sessions.cloudFormation(for: stack).describeStack(named: stack.name)
            var target = DestroyTarget(stack: stack, deployed: found?.status == .deleteComplete ? nil : found)
            for dependent in manifest.stacks where !selected.contains(dependent.name) && dependent.allDependencies.contains(stack.name) {
                try await sessions.verifyAccount(for: dependent)
                if let there = try await sessions.cloudFormation(for: dependent).describeStack(named: dependent.name), there.status != .deleteComplete {
                    target.unselectedDependents.append(dependent.name)
                }
            }
            return target
        }
        let protected = targets.filter { $0.deployed?.terminationProtection == true }.map(\.stack)
        if !protected.isEmpty { throw TerminationProtection.refusal(protected) }
        let existing = targets.filter { $0.deployed != nil }
        if !existing.isEmpty {
            switch await confirm(existing) {
            case .approved: break
            case .declined:
                throw RolloutError(.approval, "the deletion was not confirmed; nothing was deleted")
            case .unavailable(let why):
                throw RolloutError(.input, "refusing to delete \(existing.count) stack\(existing.count == 1 ? "" : "s") without confirmation: \(why); nothing was deleted",
                                   remedy: "run in a terminal to confirm, or pass --yes after checking the selection (infra status with the same --stage/--stack)")
            }
        }
        var results: [DestroyResult] = []
        var stopped: RolloutError?
        for group in groups {
            if stopped == nil, Task.isCancelled { stopped = RolloutError(.cancelled, "the destroy was interrupted", remedy: "run the same command again") }
            if let stopped {
                results += group.stacks.map { skipped($0, because: stopped) }
                continue
            }
            await observe(.stageStarted(group.stage))
            let stageResults = await destroyStage(group.stacks, options: options, observe: observe)
            results += stageResults
            stopped = stageResults.first { $0.result.outcome == .failed }?.result.error
        }
        return DestroyReport(results: results)
    }

    /// `stacks` so that every stack comes before the stacks it depends on (reverse dependency order, stable otherwise).
    static func consumersFirst(_ stacks: [Manifest.Stack]) -> [Manifest.Stack] {
        var placed: [Manifest.Stack] = []
        var pending = stacks
        while !pending.isEmpty {
            // A stack is ready once no pending stack depends on it; the manifest has no cycles, but
            // should one slip through, the first pending stack goes so the loop always ends.
            let index = pending.firstIndex { candidate in !pending.contains { $0.allDependencies.contains(candidate.name) } } ?? 0
            placed.append(pending.remove(at: index))
        }
        return placed
    }

    private func skipped(_ stack: Manifest.Stack, because error: RolloutError) -> DestroyResult {
        let reason = error.context.stack.map { "stack '\($0)' could not be deleted" } ?? "the destroy stopped"
        return DestroyResult(result: StackResult(stack: stack, outcome: .skipped, status: nil, seconds: 0,
                                                 error: RolloutError(.deployment, "not deleted because \(reason)", context: .init(stack: stack.name, account: stack.account, region: stack.region))),
                             alreadyGone: false, retained: [])
    }

    /// One stage: a stack starts once the stage's stacks that depend on it are deleted and no other
    /// stack of its account is being deleted, up to `concurrency` at a time. After a failure nothing new starts.
    private func destroyStage(_ stacks: [Manifest.Stack], options: DestroyOptions, observe: @escaping @Sendable (RolloutEvent) async -> Void) async -> [DestroyResult] {
        let scheduler = StageScheduler<DestroyResult>(
            concurrency: options.concurrency,
            interrupted: RolloutError(.cancelled, "the destroy was interrupted", remedy: "run the same command again"),
            waitsFor: { stack in stacks.filter { $0.allDependencies.contains(stack.name) }.map(\.name) },
            releases: { $0.result.outcome == .deleted },
            stops: { $0.result.outcome == .failed ? $0.result.error : nil },
            skip: skipped, observe: observe)
        return await scheduler.run(stacks) { stack in
            let destroyer = StackDestroyer(stack: stack, sessions: sessions, options: options, observe: observe)
            return { await destroyer.destroy() }
        }
    }
}
