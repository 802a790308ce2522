import Foundation
@testable import InfraDeploy
import Testing

/// A fault plan at a given rate: a fixed pseudo-random sequence decides which requests fail and
/// how, but one call (same account, action, stack and change set) fails at most three times in a
/// row, so a retry budget of eight attempts always gets through — the test measures recovery, not luck.
/// Connections are cut after moto acted only on calls that carry an idempotency token: those are
/// the ones AWS lets a client retry blindly.
private final class FaultPlan: @unchecked Sendable {
    private let rate: Double
    private let lock = NSLock()
    private var state: UInt64
    private var streak: [String: Int] = [:]
    private static let kinds: [FaultProxy.Fault] = [.throttle, .throttle, .serverError, .serverError, .reset, .reset, .delay, .cut, .cut, .hang]

    init(rate: Double, seed: UInt64) {
        self.rate = rate
        state = seed
    }

    /// SplitMix64: small, fixed, and the same on every platform.
    private func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func fault(for call: FaultProxy.Call) -> FaultProxy.Fault {
        lock.locked {
            let key = [call.keyID, call.action, call.fields["StackName"] ?? "", call.fields["ChangeSetName"] ?? ""].joined(separator: "|")
            let roll = Double(next() >> 11) / Double(1 << 53)
            guard roll < rate, streak[key, default: 0] < 3 else {
                streak[key] = 0
                return .none
            }
            streak[key, default: 0] += 1
            var kind = Self.kinds[Int(next() % UInt64(Self.kinds.count))]
            if kind == .cut, call.token == nil { kind = .reset }
            return kind
        }
    }
}

/// 30 stacks in 10 accounts behind the fault proxy, at 30 % and at 50 % faults, with AWS-style
/// token replay: every stack ends CREATE_COMPLETE in its account, no change set and no stray stack
/// is left, and a second run through the same faults writes nothing. Part of the serialized moto suite.
extension MotoIntegrationTests {
    /// Three planned faults in a row at most, and room beside them for moto being slow on a loaded
    /// machine (the suite's other tests run beside this one): 8 attempts of 5 s each.
    private static let retries = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(10), maxDelay: .milliseconds(200), maxTotalTime: .seconds(120), attemptTimeout: .seconds(5))
    private static let base = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-accepts-any-secret")

    private func faultEngine(_ fixture: ArtifactFixture, _ transport: any HTTPTransport, endpoint: String) throws -> RolloutEngine {
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "eu-west-1", "HOME": "/nonexistent"], files: InMemoryFiles([:]), transport: transport)
        return RolloutEngine(artifacts: try ArtifactFolder.load(path: fixture.path), sessions: AccountSessions(environment: environment, baseCredentials: StaticCredentialProvider(Self.base), retryPolicy: Self.retries))
    }

    private func faultDeploy(_ engine: RolloutEngine) async throws -> RolloutReport {
        try await engine.deploy(RolloutOptions(concurrency: 10, approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
    }

    /// Ten accounts (five per stage), three stacks in each; the second and third depend on the first.
    private func thirtyStacks(_ prefix: String) throws -> ArtifactFixture {
        var stacks: [Manifest.Stack] = []
        var templates: [String: String] = [:]
        for accountIndex in 0..<10 {
            let account = "7000000000\(10 + accountIndex)"
            let stage = accountIndex < 5 ? "development" : "production"
            for stackIndex in 0..<3 {
                let name = "\(prefix)-\(accountIndex)-\(stackIndex)"
                stacks.append(ArtifactFixture.stack(name, account: account, stage: stage, dependencies: stackIndex == 0 ? [] : ["\(prefix)-\(accountIndex)-0"]))
                templates[name] = ArtifactFixture.template(stackIndex == 1 ? ["Queue": "AWS::SQS::Queue"] : ["Topic": "AWS::SNS::Topic"])
            }
        }
        return try ArtifactFixture(stacks: stacks, templates: templates)
    }

    private func rollOutThroughFaults(rate: Double, seed: UInt64, prefix: String) async throws {
        let motoURL = try #require(MotoAdmin.url)
        let motoPort = try #require(URLComponents(string: motoURL)?.port)
        let fixture = try thirtyStacks(prefix)
        defer { fixture.remove() }
        let plan = FaultPlan(rate: rate, seed: seed)
        let proxy = try FaultProxy(upstreamPort: motoPort, replayTokens: true, hangSeconds: 6) { plan.fault(for: $0) }
        defer { proxy.stop() }
        let endpoint = "http://127.0.0.1:\(proxy.port)"

        let first = try await faultDeploy(try faultEngine(fixture, URLSessionTransport(), endpoint: endpoint))
        #expect(first.succeeded, "at \(Int(rate * 100)) %: \(first.firstError.map { "\($0)" } ?? "")")
        #expect(first.results.count == 30)
        let faults = proxy.faults
        let injected = faults.filter { $0.key != .none }.values.reduce(0, +)
        let share = Double(injected) / Double(faults.values.reduce(0, +))
        #expect(share > rate * 0.6, "only \(injected) faults were injected at \(rate)")
        #expect(faults[.cut, default: 0] > 0, "no connection was cut after moto acted")

        // Straight to moto: every stack complete in its own account, nothing else left there.
        let direct = try faultEngine(fixture, URLSessionTransport(), endpoint: motoURL)
        for account in Set(direct.artifacts.manifest.stacks.map(\.account)) {
            let declared = direct.artifacts.manifest.stacks.filter { $0.account == account }
            let cfn = try direct.sessions.cloudFormation(for: declared[0])
            let present = try await cfn.describeStacks().filter { $0.status != .deleteComplete }
            #expect(Set(present.map(\.name)) == Set(declared.map(\.name)), "account \(account) holds \(present.map { "\($0.name) \($0.status)" })")
            #expect(present.allSatisfy { $0.status == .createComplete }, "account \(account): \(present.map { "\($0.name) \($0.status)" })")
            let lister = try direct.sessions.changeSets(for: declared[0])
            for stack in present {
                let left = try await lister.list(stackName: stack.id).filter { !$0.isExecuted }
                #expect(left.isEmpty, "\(stack.name) keeps change sets \(left.map(\.name))")
            }
        }

        // The same faults again: nothing to write.
        let counting = CountingTransport(URLSessionTransport())
        let again = try await faultDeploy(try faultEngine(fixture, counting, endpoint: endpoint))
        #expect(again.results.allSatisfy { $0.outcome == .unchanged }, "\(again.results.filter { $0.outcome != .unchanged }.map { "\($0.stack.name): \($0.outcome.label)" })")
        #expect(counting.writes.isEmpty, "the re-run wrote \(counting.writes)")
    }

    /// What an interrupted run may leave: no unexecuted change set and no empty REVIEW_IN_PROGRESS
    /// stack, in any account (operations CloudFormation runs may go on).
    private func leftovers(_ engine: RolloutEngine) async throws -> [String] {
        var found: [String] = []
        for account in Set(engine.artifacts.manifest.stacks.map(\.account)).sorted() {
            let declared = engine.artifacts.manifest.stacks.filter { $0.account == account }
            let present = try await engine.sessions.cloudFormation(for: declared[0]).describeStacks().filter { $0.status != .deleteComplete }
            for stack in present {
                if stack.status == .reviewInProgress { found.append("\(stack.name) REVIEW_IN_PROGRESS") }
                for changeSet in try await engine.sessions.changeSets(for: declared[0]).list(stackName: stack.id) where !changeSet.isExecuted {
                    found.append("\(stack.name): change set \(changeSet.name) \(changeSet.status)")
                }
            }
        }
        return found
    }

    @Test func anInterruptAtAnyPointLeavesNoChangeSetAndTheNextRunConverges() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let motoURL = try #require(MotoAdmin.url)
        let fixture = try thirtyStacks("int")
        defer { fixture.remove() }
        // Interrupts spread over a rollout (a few seconds against moto): early, mid-stage, late.
        var interrupted: [Double] = []
        for delay in [0.05, 0.3, 0.7, 1.2, 2.0, 3.0] {
            let engine = try faultEngine(fixture, URLSessionTransport(), endpoint: motoURL)
            let run = Task { try await faultDeploy(engine) }
            try await Task.sleep(for: .seconds(delay))
            run.cancel()
            let report = try await run.value
            let left = try await leftovers(engine)
            #expect(left.isEmpty, "after an interrupt at \(delay) s: \(left)")
            if report.succeeded { break }
            interrupted.append(delay)
        }
        #expect(interrupted.count >= 2, "only the interrupts at \(interrupted) s stopped a run")
        let engine = try faultEngine(fixture, URLSessionTransport(), endpoint: motoURL)
        let final = try await faultDeploy(engine)
        #expect(final.succeeded, "\(final.firstError.map { "\($0)" } ?? "")")
        let counting = CountingTransport(URLSessionTransport())
        let again = try await faultDeploy(try faultEngine(fixture, counting, endpoint: motoURL))
        #expect(again.results.allSatisfy { $0.outcome == .unchanged })
        #expect(counting.writes.isEmpty, "the re-run wrote \(counting.writes)")
    }

    @Test func thirtyStacksInTenAccountsRollOutCleanlyThroughThirtyPercentFaults() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        try await rollOutThroughFaults(rate: 0.3, seed: 30, prefix: "f30")
    }

    @Test func thirtyStacksInTenAccountsRollOutCleanlyThroughFiftyPercentFaults() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        try await rollOutThroughFaults(rate: 0.5, seed: 50, prefix: "f50")
    }
}
