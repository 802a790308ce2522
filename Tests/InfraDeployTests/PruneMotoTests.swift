import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// Prune against moto, through the real CLI: a stack removed from the manifest shows in `plan`,
/// `deploy --prune` deletes it, and an untagged stack of the same naming pattern stays. Part of the
/// serialized moto suite.
extension MotoIntegrationTests {
    private func pruneEnvironment() -> AWSEnvironment {
        AWSEnvironment(variables: ["AWS_ENDPOINT_URL": MotoAdmin.url ?? "", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent",
                                   "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-accepts-any-secret"],
                       files: InMemoryFiles([:]), transport: URLSessionTransport())
    }

    private func pruneInfra(_ arguments: [String], transport: any HTTPTransport = URLSessionTransport()) async -> (status: Int32, console: CapturingConsole) {
        let console = CapturingConsole()
        var environment = pruneEnvironment()
        environment.transport = transport
        var runner = CommandRunner(environment: environment, console: console)
        runner.tuneOptions = { $0.pollInterval = .milliseconds(50) }
        return (await runner.run(arguments), console)
    }

    @Test func aStackRemovedFromTheCodeIsPlannedAndPrunedWhileAnUntaggedOneStaysInMoto() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let tag = StackTag(key: Manifest.appTagKey, value: "shop")
        func stack(_ name: String) -> Manifest.Stack { ArtifactFixture.stack(name, account: "222222222222", stage: "development", tags: [tag]) }
        let before = try ArtifactFixture(stacks: [stack("shop-web"), stack("shop-api")], templates: [:], app: "shop")
        defer { before.remove() }
        let deployed = await pruneInfra(["deploy", "--dir", before.path, "--yes"])
        #expect(deployed.status == 0, "\(deployed.console.standardError)")

        // The same naming pattern, created by hand without the app's tag.
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: before.path), sessions: AccountSessions(environment: pruneEnvironment()))
        let place = engine.artifacts.manifest.stacks[0]
        let endpoint = try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: pruneEnvironment())
        let raw = QueryClient(service: "cloudformation", version: "2010-05-15", region: "eu-west-1", endpoint: endpoint, credentials: engine.sessions.credentials(for: place),
                              environment: pruneEnvironment(), retryPolicy: .none)
        _ = try await raw.perform("CreateStack", [("StackName", "shop-legacy"), ("TemplateBody", ArtifactFixture.template())])

        let after = try ArtifactFixture(stacks: [stack("shop-web")], templates: [:], app: "shop")
        defer { after.remove() }
        let plan = await pruneInfra(["plan", "--dir", after.path])
        #expect(plan.status == 0, "\(plan.console.standardError)")
        #expect(plan.console.standardOutput.contains("  222222222222 / shop-api (eu-west-1): delete [CREATE_COMPLETE]\n"))
        #expect(!plan.console.standardOutput.contains("shop-legacy"))

        let counting = CountingTransport(URLSessionTransport())
        let pruned = await pruneInfra(["deploy", "--dir", after.path, "--prune"], transport: counting)
        #expect(pruned.status == 0, "\(pruned.console.standardError)")
        #expect(counting.writes == ["DeleteStack"])
        let cfn = try engine.sessions.cloudFormation(for: place)
        #expect(try await cfn.describeStack(named: "shop-api").map { $0.status == .deleteComplete } ?? true)
        #expect(try await cfn.describeStack(named: "shop-legacy")?.status == .createComplete)
        #expect(try await cfn.describeStack(named: "shop-web")?.status == .createComplete)

        counting.clear()
        let again = await pruneInfra(["deploy", "--dir", after.path, "--prune"], transport: counting)
        #expect(again.status == 0)
        #expect(counting.writes.isEmpty)
    }
}
