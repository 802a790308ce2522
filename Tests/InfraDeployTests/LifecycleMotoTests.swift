import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// `destroy`, `--method direct` and the outputs against moto, through the real CLI. Part of the
/// serialized moto suite. moto reports no `DELETE_SKIPPED` events and does not enforce termination
/// protection on `DeleteStack` (it does report `EnableTerminationProtection`), so retained resources
/// and CloudFormation's own refusal are covered by the recorded-XML tests (DestroyTests).
extension MotoIntegrationTests {
    private func lifecycleEnvironment(_ transport: any HTTPTransport) -> AWSEnvironment {
        AWSEnvironment(variables: ["AWS_ENDPOINT_URL": MotoAdmin.url ?? "", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent",
                                   "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-accepts-any-secret"],
                       files: InMemoryFiles([:]), transport: transport)
    }

    private func infra(_ arguments: [String], transport: any HTTPTransport = URLSessionTransport()) async -> (status: Int32, console: CapturingConsole) {
        let console = CapturingConsole()
        var runner = CommandRunner(environment: lifecycleEnvironment(transport), console: console)
        runner.tuneOptions = { $0.pollInterval = .milliseconds(50) }
        return (await runner.run(arguments), console)
    }

    /// Each manifest stack's status in its own account (`nil`: not there).
    private func statuses(_ path: String) async throws -> [String: String] {
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: path), sessions: AccountSessions(environment: lifecycleEnvironment(URLSessionTransport())))
        var result: [String: String] = [:]
        for stack in engine.artifacts.manifest.stacks {
            if let found = try await engine.sessions.cloudFormation(for: stack).describeStack(named: stack.name), found.status != .deleteComplete {
                result[stack.name] = found.status.rawValue
            }
        }
        return result
    }

    @Test func destroyRemovesExactlyTheSelectedStageThenTheRestInReverseOrderAndIsIdempotent() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let example = try ExampleStacks()
        defer { example.remove() }
        let deployed = await infra(["deploy", "--dir", example.path, "--yes"])
        #expect(deployed.status == 0, "\(deployed.console.standardError)")
        #expect(try await statuses(example.path).count == 5)

        let production = await infra(["destroy", "--dir", example.path, "--stage", "production", "--yes"])
        #expect(production.status == 0, "\(production.console.standardError)")
        #expect(production.console.standardOutput.hasSuffix("1 deleted\n"))
        #expect(Set(try await statuses(example.path).keys) == ["jenkins-agent-cloud", "jenkins-agent-cloud-deploy-development", "jenkins-agent-cloud-deploy-test", "jenkins-agent-cloud-deploy-acceptance"])

        let counting = CountingTransport(URLSessionTransport())
        let rest = await infra(["destroy", "--dir", example.path, "--yes"], transport: counting)
        #expect(rest.status == 0, "\(rest.console.standardError)")
        #expect(try await statuses(example.path).isEmpty)
        #expect(counting.writes == Array(repeating: "DeleteStack", count: 4))
        // Results in deletion order: stages reversed, the stage-less stack last; production was already gone.
        let results = rest.console.standardError.split(separator: "\n").filter { $0.hasSuffix(": deleted") || $0.contains(": deleted (") }.map { $0.components(separatedBy: " / ")[2] }
        #expect(results == ["jenkins-agent-cloud-deploy-production: deleted", "jenkins-agent-cloud-deploy-acceptance: deleted (DELETE_COMPLETE)", "jenkins-agent-cloud-deploy-test: deleted (DELETE_COMPLETE)",
                            "jenkins-agent-cloud-deploy-development: deleted (DELETE_COMPLETE)", "jenkins-agent-cloud: deleted (DELETE_COMPLETE)"])

        counting.clear()
        let again = await infra(["destroy", "--dir", example.path], transport: counting)
        #expect(again.status == 0)
        #expect(counting.writes.isEmpty)
        #expect(again.console.standardOutput.hasSuffix("5 deleted\n"))
    }

    @Test func destroyRefusesAStackWithTerminationProtectionInMoto() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let stack = ArtifactFixture.stack("guarded", account: "222222222222", stage: "development")
        let fixture = try ArtifactFixture(stacks: [stack], templates: [:])
        defer { fixture.remove() }
        let sessions = AccountSessions(environment: lifecycleEnvironment(URLSessionTransport()))
        let manifestStack = try ArtifactFolder.load(path: fixture.path).manifest.stacks[0]
        let endpoint = try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: lifecycleEnvironment(URLSessionTransport()))
        let raw = QueryClient(service: "cloudformation", version: "2010-05-15", region: "eu-west-1", endpoint: endpoint, credentials: sessions.credentials(for: manifestStack),
                              environment: lifecycleEnvironment(URLSessionTransport()), retryPolicy: .none)
        _ = try await raw.perform("CreateStack", [("StackName", "guarded"), ("TemplateBody", ArtifactFixture.template()), ("EnableTerminationProtection", "true")])
        let (status, console) = await infra(["destroy", "--dir", fixture.path, "--yes"])
        #expect(status == 1)
        #expect(console.standardError.contains("has termination protection; nothing was deleted"))
        #expect(console.standardError.contains("aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name guarded"))
        #expect(try await statuses(fixture.path) == ["guarded": "CREATE_COMPLETE"])
    }

    @Test func aPackageWithCrossStackOutputsDeploysDirectlyAndItsOutputsAreWritten() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let producerTemplate = #"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "network-events"}}}, "Outputs": {"VpcId": {"Value": "vpc-0123456789abcdef0"}, "ApiToken": {"Value": "never-written"}}}"# + "\n"
        let consumerTemplate = #"{"Parameters": {"VpcId": {"Type": "String"}}, "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": "app-${VpcId}"}}}}, "Outputs": {"QueueName": {"Value": {"Fn::GetAtt": ["Queue", "QueueName"]}}}}"# + "\n"
        let producer = ArtifactFixture.stack("network", account: "111111111111", stage: nil)
        let consumer = ArtifactFixture.stack("app", account: "222222222222", stage: "development", dependencies: ["network"],
                                             parameters: [.fromOutput(name: "VpcId", stack: "network", output: "VpcId")])
        let fixture = try ArtifactFixture(stacks: [producer, consumer], templates: ["network": producerTemplate, "app": consumerTemplate])
        defer { fixture.remove() }
        let file = fixture.folder.appendingPathComponent("outputs.json")
        let counting = CountingTransport(URLSessionTransport())
        let (status, console) = await infra(["deploy", "--dir", fixture.path, "--method", "direct", "--outputs-file", file.path], transport: counting)
        #expect(status == 0, "\(console.standardError)")
        #expect(counting.writes == ["CreateStack", "CreateStack"])
        #expect(console.standardOutput.contains("2 created"))
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: [String: String]])
        #expect(written == ["network": ["VpcId": "vpc-0123456789abcdef0"], "app": ["QueueName": "app-vpc-0123456789abcdef0"]])
        #expect(console.standardError.contains("left out ApiToken of stack network"))

        let printed = await infra(["outputs", "--dir", fixture.path, "--stack", "app"])
        #expect(printed.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(printed.console.standardOutput.utf8)) as? [String: [String: String]] == ["app": ["QueueName": "app-vpc-0123456789abcdef0"]])

        counting.clear()
        let again = await infra(["deploy", "--dir", fixture.path, "--method", "direct"], transport: counting)
        #expect(again.status == 0)
        #expect(counting.writes.isEmpty)
        #expect(again.console.standardOutput.contains("2 unchanged"))

        // A new producer output flows into the consumer: both are updated, directly.
        let changed = producerTemplate.replacingOccurrences(of: "vpc-0123456789abcdef0", with: "vpc-0fedcba9876543210")
        let templateFile = fixture.folder.appendingPathComponent("network.template.json")
        try Data(changed.utf8).write(to: templateFile)
        let manifestFile = fixture.folder.appendingPathComponent("manifest.json")
        try Data(try String(contentsOf: manifestFile, encoding: .utf8).replacingOccurrences(of: SHA256Hex.of(producerTemplate), with: SHA256Hex.of(changed)).utf8).write(to: manifestFile)
        counting.clear()
        let updated = await infra(["deploy", "--dir", fixture.path, "--method", "direct", "--outputs-file", file.path], transport: counting)
        #expect(updated.status == 0, "\(updated.console.standardError)")
        #expect(counting.writes == ["UpdateStack", "UpdateStack"])
        #expect(updated.console.standardOutput.contains("2 updated"))
        let rewritten = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: [String: String]])
        #expect(rewritten["network"] == ["VpcId": "vpc-0fedcba9876543210"])
        // The consumer was updated with the producer's new output; its own QueueName output is checked no further, as
        // moto 5 leaves it as it was after this update (seen, not explained).
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: fixture.path), sessions: AccountSessions(environment: lifecycleEnvironment(URLSessionTransport())))
        let app = try #require(try await engine.sessions.cloudFormation(for: engine.artifacts.manifest.stacks[1]).describeStack(named: "app"))
        #expect(app.parameters == [StackParameter(key: "VpcId", value: "vpc-0fedcba9876543210")])
        #expect(app.status == .updateComplete)
    }
}
