import Foundation
@testable import InfraDeploy
import Testing

/// Issue 11's benchmark: N accounts rolled out as N per-account stacks and as one StackSet, one
/// region, counting API calls and wall time — on the simulated services (``FakeCloudFormation``,
/// ``FakeStackSets``: the one simulation the tests use, so the benchmark measures what the tests
/// check) and against moto. Hosted in the test target because that is where the simulation lives.
///
/// Without `INFRA_BENCH_STACKSETS` it runs 10 accounts on the simulation and checks the call counts
/// only (never a time). With `INFRA_BENCH_STACKSETS=<file.json>` (benchmarks/rollout/stackset_bench.py
/// sets it) it runs 10, 100 and 1,000 accounts, `INFRA_BENCH_RUNS` times each (median taken by the
/// script), plus 10 and 100 against moto when `INFRA_MOTO_URL` is set, and writes the figures.
@Suite(.serialized) struct StackSetBenchmark {
    enum Shape: String, CaseIterable { case stacks, stackSet = "stackset" }

    struct Run: Codable { var transport: String; var shape: String; var accounts: Int; var calls: Int; var writes: Int; var seconds: Double }

    /// A topic per account: moto creates it (an IAM role would need moto's IAM too), the simulation does not care.
    static let template = #"{"Parameters": {"Size": {"Type": "String"}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Join": ["-", ["deploy-roles", {"Ref": "Size"}, {"Ref": "AWS::Region"}]]}}}}}"# + "\n"

    static func folder(_ shape: Shape, accounts: Int) throws -> ArtifactFixture {
        let targets = StackSetFixture.accounts(accounts)
        switch shape {
        case .stacks:
            let stacks = targets.map { ArtifactFixture.stack("deploy-roles-\($0)", account: $0, stage: nil, parameters: [.value(name: "Size", value: "1")]) }
            return try ArtifactFixture(stacks: stacks, templates: Dictionary(uniqueKeysWithValues: stacks.map { ($0.name, template) }))
        case .stackSet:
            var set = StackSetFixture.set(accounts: targets, regions: ["eu-west-1"])
            set.stack.capabilities = []
            return try ArtifactFixture(stacks: [], templates: [set.name: template], stackSets: [set])
        }
    }

    /// One first deploy of `shape` for `accounts` accounts; the calls `counted` returns after it.
    static func measure(_ shape: Shape, accounts: Int, transport: String, engine: (ArtifactFixture) throws -> RolloutEngine, poll: Duration,
                        counted: () -> [String]) async throws -> Run {
        let folder = try folder(shape, accounts: accounts)
        defer { folder.remove() }
        let rollout = try engine(folder)
        let start = ContinuousClock.now
        let report = try await rollout.deploy(RolloutOptions(approval: .never, pollInterval: poll), approver: FixedApproval(.declined)) { _ in }
        let elapsed = ContinuousClock.now - start
        #expect(report.succeeded, "\(transport) \(shape) \(accounts): \(String(describing: report.firstError))")
        let calls = counted()
        let reads = FakeCloudFormation.readActions.union(FakeStackSets.readActions)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Run(transport: transport, shape: shape.rawValue, accounts: accounts, calls: calls.count, writes: calls.filter { !reads.contains($0) }.count, seconds: seconds)
    }

    static func simulated(_ shape: Shape, accounts: Int) async throws -> Run {
        switch shape {
        case .stacks:
            let fake = FakeCloudFormation()
            return try await measure(shape, accounts: accounts, transport: "simulated", engine: { try StackSetFixture.engine($0, fake) }, poll: .milliseconds(10)) { fake.actions() }
        case .stackSet:
            let fake = FakeStackSets()
            return try await measure(shape, accounts: accounts, transport: "simulated", engine: { try StackSetFixture.engine($0, fake) }, poll: .milliseconds(10)) { fake.actions() }
        }
    }

    static func moto(_ shape: Shape, accounts: Int, url: String) async throws -> Run {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let counting = CountingTransport(URLSessionTransport())
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": url, "AWS_REGION": "eu-west-1", "HOME": "/nonexistent",
                                                     "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-accepts-any-secret"],
                                         files: InMemoryFiles([:]), transport: counting)
        // The poll interval the moto tests use: moto finishes every operation inside the call.
        return try await measure(shape, accounts: accounts, transport: "moto",
                                 engine: { RolloutEngine(artifacts: try ArtifactFolder.load(path: $0.path), sessions: AccountSessions(environment: environment)) },
                                 poll: .milliseconds(50)) { counting.actions }
    }

    @Test func oneStackSetTakesFewerCallsThanPerAccountStacks() async throws {
        guard let output = ProcessInfo.processInfo.environment["INFRA_BENCH_STACKSETS"], !output.isEmpty else {
            // The check that runs with every `swift test`: counts, never times.
            let stacks = try await Self.simulated(.stacks, accounts: 10)
            let set = try await Self.simulated(.stackSet, accounts: 10)
            #expect(stacks.writes >= 10, "one stack per account writes at least once per account: \(stacks)")
            #expect(set.writes == 2, "CreateStackSet and one CreateStackInstances for all 10 accounts: \(set)")
            #expect(set.calls * 4 < stacks.calls, "\(set.calls) calls for the StackSet, \(stacks.calls) for per-account stacks")
            return
        }
        let runs = Int(ProcessInfo.processInfo.environment["INFRA_BENCH_RUNS"] ?? "") ?? 3
        var results: [Run] = []
        for accounts in [10, 100, 1_000] {
            for shape in Shape.allCases {
                for _ in 0..<runs { results.append(try await Self.simulated(shape, accounts: accounts)) }
            }
        }
        if let url = MotoAdmin.url {
            // moto loads its backends on first use: one unmeasured rollout of each shape first.
            for shape in Shape.allCases { _ = try await Self.moto(shape, accounts: 10, url: url) }
            for accounts in [10, 100] {
                for shape in Shape.allCases {
                    for _ in 0..<runs { results.append(try await Self.moto(shape, accounts: accounts, url: url)) }
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(results).write(to: URL(fileURLWithPath: output))
    }
}
