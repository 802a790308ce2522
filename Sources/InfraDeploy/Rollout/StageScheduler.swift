/// A per-stack result the stage scheduler can order by: deploys give ``StackResult``s, destroys
/// ``DestroyResult``s.
protocol StageResult: Sendable {
    /// The result in the rollout's terms.
    var stackResult: StackResult { get }
}

extension StackResult: StageResult {
    var stackResult: StackResult { self }
}

extension DestroyResult: StageResult {
    var stackResult: StackResult { result }
}

/// Runs one stage's stacks, for deploy and destroy alike: a stack starts once the stacks it waits
/// for have finished in a way that lets it go, and no other stack of its account is running, up to
/// `concurrency` at a time. A stack waiting for one that finished otherwise is skipped with that
/// one's error; after a failure or an interrupt nothing new starts, and what is left is skipped.
struct StageScheduler<Result: StageResult> {
    /// Stacks at once (in different accounts).
    let concurrency: Int
    /// What stops the stage when the task is cancelled.
    let interrupted: RolloutError
    /// The names of the stage's stacks `stack` waits for (dependencies to deploy, consumers to destroy).
    let waitsFor: (Manifest.Stack) -> [String]
    /// Whether a finished stack lets the stacks waiting for it start.
    let releases: (Result) -> Bool
    /// The error with which a finished stack stops the stage, if it does.
    let stops: (Result) -> RolloutError?
    /// The result of a stack not started because of `error`.
    let skip: (Manifest.Stack, RolloutError) -> Result
    /// Reports each finished or skipped stack.
    let observe: @Sendable (RolloutEvent) async -> Void

    /// The results of `stacks`, in their order; `work` does one stack.
    func run(_ stacks: [Manifest.Stack], work: (Manifest.Stack) -> @Sendable () async -> Result) async -> [Result] {
        var pending = stacks
        var finished: [String: Result] = [:]
        var busyAccounts: Set<String> = []
        var failure: RolloutError?
        await withTaskGroup(of: Result.self) { group in
            var running = 0
            while true {
                if failure == nil, Task.isCancelled { failure = interrupted }
                if failure == nil {
                    var index = 0
                    while index < pending.count, running < concurrency {
                        let stack = pending[index]
                        let awaited = waitsFor(stack)
                        if let blocked = awaited.lazy.compactMap({ finished[$0] }).first(where: { !releases($0) }), let cause = blocked.stackResult.error {
                            pending.remove(at: index)
                            let result = skip(stack, cause)
                            finished[stack.name] = result
                            await observe(.finished(result.stackResult))
                            continue
                        }
                        guard awaited.allSatisfy({ finished[$0] != nil }), !busyAccounts.contains(stack.account) else {
                            index += 1
                            continue
                        }
                        pending.remove(at: index)
                        busyAccounts.insert(stack.account)
                        running += 1
                        group.addTask(operation: work(stack))
                    }
                }
                guard running > 0, let result = await group.next() else { break }
                running -= 1
                busyAccounts.remove(result.stackResult.stack.account)
                finished[result.stackResult.stack.name] = result
                await observe(.finished(result.stackResult))
                if failure == nil, let stop = stops(result) { failure = stop }
            }
        }
        for stack in pending {
            let result = skip(stack, failure ?? RolloutError(.deployment, "not started", context: .init(stack: stack.name)))
            finished[stack.name] = result
            await observe(.finished(result.stackResult))
        }
        return stacks.compactMap { finished[$0.name] }
    }
}
