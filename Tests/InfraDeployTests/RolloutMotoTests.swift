import Foundation
@testable import InfraDeploy
import Testing

/// Counts the calls that go through the transport seam, by Query action.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let base: any HTTPTransport
    private let lock = NSLock()
    private var recorded: [String] = []

    init(_ base: any HTTPTransport) { self.base = base }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        // Query calls are form POSTs; S3 calls (template uploads) count as `S3:<METHOD>`.
        let action = request.method == "POST" ? formFields(request)["Action"] ?? "?" : "S3:\(request.method)"
        lock.locked { recorded.append(action) }
        return try await base.send(request, timeout: timeout)
    }

    var actions: [String] { lock.locked { recorded } }
    var writes: [String] { actions.filter { !FakeCloudFormation.readActions.contains($0) } }
    var reads: [String] { actions.filter { FakeCloudFormation.readActions.contains($0) } }
    func clear() { lock.locked { recorded = [] } }
}

/// The example stacks (`Tests/InfraDSLTests/Golden/stacks`, which scripts/test.sh proves equal to
/// what `generate-stacks` writes) copied to a temporary folder a test may change.
struct ExampleStacks {
    let folder: URL

    init() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("InfraDSLTests/Golden/stacks")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("infra-example-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: golden, to: folder)
    }

    var path: String { folder.path }
    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Rewrites one template and its SHA-256 in the manifest, as a regeneration would.
    func change(_ stack: String, _ edit: (String) -> String) throws {
        let file = folder.appendingPathComponent("\(stack).template.json")
        let old = try String(contentsOf: file, encoding: .utf8)
        let new = edit(old)
        try Data(new.utf8).write(to: file)
        let manifestFile = folder.appendingPathComponent("manifest.json")
        let manifest = try String(contentsOf: manifestFile, encoding: .utf8)
        try Data(manifest.replacingOccurrences(of: SHA256Hex.of(old), with: SHA256Hex.of(new)).utf8).write(to: manifestFile)
    }
}

/// The rollout engine against moto: the example's five stacks in five accounts, each reached by
/// AssumeRole into `OrganizationAccountAccessRole`. Part of the serialized moto suite.
extension MotoIntegrationTests {
    private static let fastRetries = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(10), maxDelay: .milliseconds(100), maxTotalTime: .seconds(30), attemptTimeout: .seconds(2))

    private func motoEnvironment(_ transport: any HTTPTransport, endpoint: String? = nil) -> AWSEnvironment {
        AWSEnvironment(variables: ["AWS_ENDPOINT_URL": endpoint ?? motoURLForRollout, "AWS_REGION": "eu-west-1", "HOME": "/nonexistent"],
                       files: InMemoryFiles([:]), transport: transport)
    }

    private var motoURLForRollout: String { MotoAdmin.url ?? "" }

    private func engine(_ example: ExampleStacks, _ transport: any HTTPTransport, credentials: AWSCredentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-accepts-any-secret"),
                        endpoint: String? = nil, retry: RetryPolicy = RetryPolicy()) throws -> RolloutEngine {
        RolloutEngine(artifacts: try ArtifactFolder.load(path: example.path),
                      sessions: AccountSessions(environment: motoEnvironment(transport, endpoint: endpoint), baseCredentials: StaticCredentialProvider(credentials), retryPolicy: retry))
    }

    private func deploy(_ engine: RolloutEngine) async throws -> RolloutReport {
        try await engine.deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
    }

    /// Each stack read back in its own account (through the same role), with its deployed template.
    private func readBack(_ example: ExampleStacks, credentials: AWSCredentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-accepts-any-secret")) async throws -> [String: (status: String, template: String)] {
        let engine = try engine(example, URLSessionTransport(), credentials: credentials)
        var result: [String: (String, String)] = [:]
        for stack in engine.artifacts.manifest.stacks {
            let cfn = try engine.sessions.cloudFormation(for: stack)
            guard let description = try await cfn.describeStack(named: stack.name) else { continue }
            result[stack.name] = (description.status.rawValue, try await cfn.getTemplate(stackName: stack.name))
        }
        return result
    }

    @Test func theExampleRollsOutToFiveAccountsAndASecondRunWritesNothing() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let example = try ExampleStacks()
        defer { example.remove() }
        let counting = CountingTransport(URLSessionTransport())
        let engine = try engine(example, counting)

        let first = try await deploy(engine)
        #expect(first.succeeded, "\(first.firstError.map { "\($0)" } ?? "")")
        #expect(first.results.map(\.outcome) == Array(repeating: .created, count: 5))
        let deployed = try await readBack(example)
        for stack in engine.artifacts.manifest.stacks {
            let state = try #require(deployed[stack.name], "\(stack.name) is not in account \(stack.account)")
            #expect(state.status == "CREATE_COMPLETE")
            #expect(TemplateComparison.templatesEqual(deployed: state.template, local: engine.artifacts.templates[stack.name]!))
        }
        #expect(Set(engine.artifacts.manifest.stacks.map(\.account)).count == 5)
        // Nothing landed in the deployer's own account: every stack went through its role.
        let own = try CloudFormationClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x")), environment: motoEnvironment(URLSessionTransport()))
        #expect(try await own.describeStacks().isEmpty)

        counting.clear()
        let second = try await deploy(try self.engine(example, counting))
        #expect(second.results.map(\.outcome) == Array(repeating: .unchanged, count: 5))
        #expect(counting.writes.isEmpty, "second run wrote: \(counting.writes)")
        #expect(Set(counting.reads) == ["AssumeRole", "DescribeStacks", "GetTemplate"])

        try example.change("jenkins-agent-cloud-deploy-development") { $0.replacingOccurrences(of: "\"MaxSessionDuration\": 43200", with: "\"MaxSessionDuration\": 7200") }
        counting.clear()
        let third = try await deploy(try self.engine(example, counting))
        #expect(third.results.map(\.outcome) == [.unchanged, .updated, .unchanged, .unchanged, .unchanged])
        #expect(counting.writes == ["CreateChangeSet", "ExecuteChangeSet"])
        let updated = try #require(try await readBack(example)["jenkins-agent-cloud-deploy-development"])
        #expect(updated.status == "UPDATE_COMPLETE")
        let role = try JSONValue.parse(updated.template)["Resources"]?["DeployRole"]?["Properties"]?["MaxSessionDuration"]
        #expect(role == .int(7200))
    }

    @Test func anInterruptedRolloutConvergesOnTheNextRun() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let example = try ExampleStacks()
        defer { example.remove() }
        let engine = try engine(example, URLSessionTransport())
        let manifest = engine.artifacts.manifest
        // Interrupted between CreateChangeSet and ExecuteChangeSet: the first stack sits in
        // REVIEW_IN_PROGRESS; the development stack is deployed but carries a stale change set.
        let tooling = try engine.sessions.cloudFormation(for: manifest.stacks[0])
        _ = try await tooling.createChangeSet(CreateChangeSetInput(stackName: manifest.stacks[0].name, changeSetName: "infra-20261126-090000-1", type: .create,
                                                                   template: .body(engine.artifacts.templates[manifest.stacks[0].name]!), capabilities: ["CAPABILITY_NAMED_IAM"]))
        #expect(try await tooling.describeStack(named: manifest.stacks[0].name)?.status == .reviewInProgress)
        let first = try await engine.deploy(RolloutOptions(stages: ["development"], approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        #expect(first.succeeded)
        try example.change("jenkins-agent-cloud-deploy-development") { $0.replacingOccurrences(of: "\"MaxSessionDuration\": 43200", with: "\"MaxSessionDuration\": 3600") }
        let development = try engine.sessions.cloudFormation(for: manifest.stacks[1])
        _ = try await development.createChangeSet(CreateChangeSetInput(stackName: manifest.stacks[1].name, changeSetName: "infra-20261126-090000-2", type: .update,
                                                                       template: .body("{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}"), capabilities: ["CAPABILITY_NAMED_IAM"]))

        let report = try await deploy(try self.engine(example, URLSessionTransport()))
        #expect(report.succeeded, "\(report.firstError.map { "\($0)" } ?? "")")
        #expect(report.results.map(\.outcome) == [.created, .updated, .created, .created, .created])
        let states = try await readBack(example)
        #expect(states.values.allSatisfy { $0.status == "CREATE_COMPLETE" || $0.status == "UPDATE_COMPLETE" })
        let lister = try engine.sessions.changeSets(for: manifest.stacks[1])
        let left = try await lister.list(stackName: manifest.stacks[1].name).filter { $0.executionStatus == "AVAILABLE" }
        #expect(left.isEmpty, "stale change sets remain: \(left)")
    }

    @Test func outputsAreReadFromTheProducersAccountBeforeTheConsumerDeploys() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let producerTemplate = #"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "network-events"}}}, "Outputs": {"VpcId": {"Value": "vpc-0123456789abcdef0"}}}"# + "\n"
        let consumerTemplate = #"{"Parameters": {"VpcId": {"Type": "String"}}, "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": "app-${VpcId}"}}}}}"# + "\n"
        let producer = ArtifactFixture.stack("network", account: "111111111111", stage: nil)
        let consumer = ArtifactFixture.stack("app", account: "222222222222", stage: "development", dependencies: ["network"],
                                             parameters: [.fromOutput(name: "VpcId", stack: "network", output: "VpcId")])
        let fixture = try ArtifactFixture(stacks: [producer, consumer], templates: ["network": producerTemplate, "app": consumerTemplate])
        defer { fixture.remove() }
        let counting = CountingTransport(URLSessionTransport())
        let sessions = AccountSessions(environment: motoEnvironment(counting), baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x")))
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: fixture.path), sessions: sessions)
        // moto reports outputs only for stacks made with CreateStack (not through change sets), so
        // the producer is created that way, in its own account.
        let endpoint = try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: motoEnvironment(URLSessionTransport()))
        let raw = QueryClient(service: "cloudformation", version: "2010-05-15", region: "eu-west-1", endpoint: endpoint, credentials: sessions.credentials(for: engine.artifacts.manifest.stacks[0]),
                              environment: motoEnvironment(URLSessionTransport()), retryPolicy: .none)
        _ = try await raw.perform("CreateStack", [("StackName", "network"), ("TemplateBody", producerTemplate)])
        let report = try await engine.deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        #expect(report.results.map(\.outcome) == [.unchanged, .created], "\(report.firstError.map { "\($0)" } ?? "")")
        let app = try #require(try await sessions.cloudFormation(for: engine.artifacts.manifest.stacks[1]).describeStack(named: "app"))
        #expect(app.parameters == [StackParameter(key: "VpcId", value: "vpc-0123456789abcdef0")])
        #expect(counting.writes == ["CreateChangeSet", "ExecuteChangeSet"])
    }

    @Test func aRolloutWithMotoVerifyingEverySignature() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let example = try ExampleStacks()
        defer { example.remove() }
        let plain = try engine(example, URLSessionTransport())
        // Bootstrap while moto accepts anything: a deployer user with a key, and in every target
        // account the role the manifest assumes, allowed everything.
        let iamEndpoint = try EndpointResolver.endpoint(service: "iam", region: "us-east-1", environment: motoEnvironment(URLSessionTransport()))
        func iam(_ credentials: any AWSCredentialProvider) -> QueryClient {
            QueryClient(service: "iam", version: "2010-05-08", region: "us-east-1", endpoint: iamEndpoint, credentials: credentials, environment: motoEnvironment(URLSessionTransport()), retryPolicy: .none)
        }
        let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let root = iam(StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABOOTSTRAP", secretAccessKey: "bootstrap")))
        _ = try await root.perform("CreateUser", [("UserName", "deployer")])
        let key = try #require(try await root.perform("CreateAccessKey", [("UserName", "deployer")]).child("AccessKey"))
        _ = try await root.perform("PutUserPolicy", [("UserName", "deployer"), ("PolicyName", "admin"), ("PolicyDocument", allowAll)])
        let deployer = AWSCredentials(accessKeyID: try #require(key.string("AccessKeyId")), secretAccessKey: try #require(key.string("SecretAccessKey")))
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
        for stack in plain.artifacts.manifest.stacks {
            let inAccount = iam(plain.sessions.credentials(for: stack))
            _ = try await inAccount.perform("CreateRole", [("RoleName", "OrganizationAccountAccessRole"), ("AssumeRolePolicyDocument", trust)])
            _ = try await inAccount.perform("PutRolePolicy", [("RoleName", "OrganizationAccountAccessRole"), ("PolicyName", "admin"), ("PolicyDocument", allowAll)])
        }
        try await MotoAdmin.checkSignatures(afterUnsignedCalls: 0)
        do {
            let report = try await deploy(try engine(example, URLSessionTransport(), credentials: deployer))
            #expect(report.succeeded, "\(report.firstError.map { "\($0)" } ?? "")")
            #expect(report.results.map(\.outcome) == Array(repeating: .created, count: 5))
            let again = try await deploy(try engine(example, URLSessionTransport(), credentials: deployer))
            #expect(again.results.map(\.outcome) == Array(repeating: .unchanged, count: 5))

            let wrongSecret = AWSCredentials(accessKeyID: deployer.accessKeyID, secretAccessKey: "not-the-deployers-secret")
            let refused = try await deploy(try engine(example, URLSessionTransport(), credentials: wrongSecret, retry: .none))
            let error = try #require(refused.firstError)
            #expect(error.description.contains("SignatureDoesNotMatch") || error.description.contains("InvalidClientTokenId"), "\(error)")
            #expect(!error.description.contains("not-the-deployers-secret"))
            #expect(!error.description.contains(deployer.secretAccessKey))
        } catch {
            try await MotoAdmin.stopCheckingSignatures()
            throw error
        }
        try await MotoAdmin.stopCheckingSignatures()
    }

    @Test func throttlingServerErrorsResetsAndDelaysAreRetriedUntilEveryStackIsDeployed() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let example = try ExampleStacks()
        defer { example.remove() }
        let motoPort = try #require(URLComponents(string: motoURLForRollout)?.port)
        let proxy = try FaultProxy(upstreamPort: motoPort) { index, _ in
            switch index {
            case 5: .hang
            case _ where index % 4 == 1: .throttle
            case _ where index % 7 == 2: .serverError
            case _ where index % 9 == 3: .reset
            case _ where index % 11 == 4: .delay
            default: .none
            }
        }
        defer { proxy.stop() }
        let counting = CountingTransport(URLSessionTransport())
        let engine = try engine(example, counting, endpoint: "http://127.0.0.1:\(proxy.port)", retry: Self.fastRetries)
        let report = try await deploy(engine)
        #expect(report.succeeded, "\(report.firstError.map { "\($0)" } ?? "")")
        #expect(report.results.map(\.outcome) == Array(repeating: .created, count: 5))
        let faults = proxy.faults
        for fault in FaultProxy.Fault.allCases where fault != .none && fault != .cut { #expect(faults[fault, default: 0] >= 1, "no \(fault) was injected") }
        // Every attempt is either a fault or a call moto answered; nothing ran away.
        let injected = faults.filter { $0.key != .none && $0.key != .delay }.values.reduce(0, +)
        #expect(counting.actions.count == proxy.received.count)
        #expect(counting.actions.count <= 2 * (counting.actions.count - injected) + 1)
        let deployed = try await readBack(example)
        #expect(deployed.count == 5)
        #expect(deployed.values.allSatisfy { $0.status == "CREATE_COMPLETE" })

        // A second run through the same faults writes nothing.
        counting.clear()
        let again = try await deploy(try self.engine(example, counting, endpoint: "http://127.0.0.1:\(proxy.port)", retry: Self.fastRetries))
        #expect(again.results.map(\.outcome) == Array(repeating: .unchanged, count: 5))
        #expect(counting.writes.isEmpty)
    }

    @Test func endlessThrottlingFailsAfterTheBoundedRetriesNamingTheStack() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let example = try ExampleStacks()
        defer { example.remove() }
        let motoPort = try #require(URLComponents(string: motoURLForRollout)?.port)
        let proxy = try FaultProxy(upstreamPort: motoPort) { _, action in action == "DescribeStacks" ? .throttle : .none }
        defer { proxy.stop() }
        let started = Date()
        let report = try await deploy(try engine(example, URLSessionTransport(), endpoint: "http://127.0.0.1:\(proxy.port)", retry: Self.fastRetries))
        #expect(Date().timeIntervalSince(started) < 20)
        let error = try #require(report.firstError)
        #expect(error.context.stack == "jenkins-agent-cloud")
        #expect(error.context.account == "111111111111")
        #expect(error.description.contains("Throttling"))
        #expect(error.description.contains("6 attempts"))
        #expect(proxy.received.filter { $0 == "DescribeStacks" }.count == Self.fastRetries.maxAttempts)
        #expect(report.results.dropFirst().allSatisfy { $0.outcome == .skipped })
    }
}
