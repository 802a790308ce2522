import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// The service role and notification topics against moto, through the real CLI. moto 5.2 answers
/// UpdateTerminationProtection with a 500 and has no stack policy calls, so those two are covered by
/// the recorded-XML tests (StackSettingsTests). Part of the serialized moto suite.
extension MotoIntegrationTests {
    @Test func theServiceRoleAndTopicsAreDeployedAndANoOpRerunWritesNothingInMoto() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": MotoAdmin.url ?? "", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent",
                                                     "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-accepts-any-secret"],
                                         files: InMemoryFiles([:]), transport: URLSessionTransport())
        func run(_ arguments: [String], _ transport: any HTTPTransport) async -> (status: Int32, console: CapturingConsole) {
            let console = CapturingConsole()
            var scoped = environment
            scoped.transport = transport
            var runner = CommandRunner(environment: scoped, console: console)
            runner.tuneOptions = { $0.pollInterval = .milliseconds(50) }
            return (await runner.run(arguments), console)
        }
        var stack = ArtifactFixture.stack("notified", account: "222222222222", stage: "development")
        stack.settings = .init(notificationARNs: ["arn:aws:sns:eu-west-1:222222222222:stack-events"], serviceRoleARN: "arn:aws:iam::222222222222:role/cloudformation-deploy")
        let fixture = try ArtifactFixture(stacks: [stack], templates: [:])
        defer { fixture.remove() }
        // moto checks that the topic exists.
        let manifestStack = try ArtifactFolder.load(path: fixture.path).manifest.stacks[0]
        let sns = QueryClient(service: "sns", version: "2010-03-31", region: "eu-west-1",
                              endpoint: try EndpointResolver.endpoint(service: "sns", region: "eu-west-1", environment: environment),
                              credentials: AccountSessions(environment: environment).credentials(for: manifestStack), environment: environment, retryPolicy: .none)
        _ = try await sns.perform("CreateTopic", [("Name", "stack-events")])
        let counting = CountingTransport(URLSessionTransport())
        let first = await run(["deploy", "--dir", fixture.path], counting)
        #expect(first.status == 0, "\(first.console.standardError)")
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: fixture.path), sessions: AccountSessions(environment: environment))
        let deployed = try #require(try await engine.sessions.cloudFormation(for: engine.artifacts.manifest.stacks[0]).describeStack(named: "notified"))
        #expect(deployed.roleARN == "arn:aws:iam::222222222222:role/cloudformation-deploy")
        #expect(deployed.notificationARNs == ["arn:aws:sns:eu-west-1:222222222222:stack-events"])
        counting.clear()
        let again = await run(["deploy", "--dir", fixture.path], counting)
        #expect(again.status == 0, "\(again.console.standardError)")
        #expect(counting.writes.isEmpty)
    }
}
