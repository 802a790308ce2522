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
