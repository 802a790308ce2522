import Foundation
@testable import InfraDeploy
import Testing

/// A template over 51,200 bytes deployed into moto through its template bucket: uploaded with the
/// target account's (assumed-role) credentials, read by CloudFormation from `TemplateURL`. Part of
/// the serialized moto suite.
extension MotoIntegrationTests {
    private static let templateAccount = "222222222222"
    private static let templateBucketName = "infradsl-templates-222222222222-eu-west-1"

    private func bucketEnvironment(_ transport: any HTTPTransport) -> AWSEnvironment {
        AWSEnvironment(variables: ["AWS_ENDPOINT_URL": MotoAdmin.url ?? "", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent"], files: InMemoryFiles([:]), transport: transport)
    }

    private func bucketEngine(_ fixture: ArtifactFixture, _ transport: any HTTPTransport) throws -> RolloutEngine {
        RolloutEngine(artifacts: try ArtifactFolder.load(path: fixture.path),
                      sessions: AccountSessions(environment: bucketEnvironment(transport), baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-accepts-any-secret"))))
    }

    /// S3 `CreateBucket` in the stack's account (through its role), region given by a location constraint.
    private func createBucket(_ name: String, for stack: Manifest.Stack, sessions: AccountSessions) async throws {
        let s3 = try sessions.s3(for: stack)
        let configuration = #"<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>\#(stack.region)</LocationConstraint></CreateBucketConfiguration>"#
        let context = AWSClientError.Context(service: "s3", action: "CreateBucket", region: stack.region)
        try await s3.call.perform(s3.request("PUT", bucket: name, key: "", body: Array(configuration.utf8)), context: context) { response, attempts, secrets -> SignedCall.Outcome<Void> in
            (200..<300).contains(response.status) ? .success(()) : QueryClient.failure(response, context: context, attempts: attempts, secrets: secrets)
        }
    }

    @Test func aTemplateOver51200BytesIsDeployedThroughItsBucketAndARerunWritesNothing() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let template = largeTemplate(bytes: 70_000, topic: "LargeTopic")
        #expect(template.utf8.count > 51_200)
        let stack = ArtifactFixture.stack("large", account: Self.templateAccount, stage: "development", templateBucket: Self.templateBucketName)
        let fixture = try ArtifactFixture(stacks: [stack], templates: ["large": template])
        defer { fixture.remove() }
        let counting = CountingTransport(URLSessionTransport())
        let engine = try bucketEngine(fixture, counting)
        let entry = engine.artifacts.manifest.stacks[0]
        try await createBucket(Self.templateBucketName, for: entry, sessions: engine.sessions)
        counting.clear()

        let first = try await engine.deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        #expect(first.results.map(\.outcome) == [.created], "\(first.firstError.map { "\($0)" } ?? "")")
        #expect(counting.writes == ["S3:PUT", "CreateChangeSet", "ExecuteChangeSet"])
        // The object sits under the content-addressed key, in the target account's bucket.
        let key = "large/\(SHA256Hex.of(compact(template))).template.json"
        let s3 = try engine.sessions.s3(for: entry)
        #expect(try await s3.objectExists(bucket: Self.templateBucketName, key: key))
        #expect(try await !s3.objectExists(bucket: Self.templateBucketName, key: "large/\(SHA256Hex.of(template)).template.json"))
        // And CloudFormation created the stack from it, in that account.
        let cfn = try engine.sessions.cloudFormation(for: entry)
        let created = try #require(try await cfn.describeStack(named: "large"))
        #expect(created.status == .createComplete)
        #expect(TemplateComparison.templatesEqual(deployed: try await cfn.getTemplate(stackName: "large"), local: template))

        counting.clear()
        let again = try await bucketEngine(fixture, counting).deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        #expect(again.results.map(\.outcome) == [.unchanged])
        #expect(counting.writes.isEmpty, "the re-run wrote: \(counting.writes)")
        #expect(!counting.actions.contains { $0.hasPrefix("S3:") })
    }

    @Test func aTemplateBucketThatDoesNotExistFailsWithWhatToDo() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let stack = ArtifactFixture.stack("large", account: Self.templateAccount, stage: "development", templateBucket: Self.templateBucketName)
        let fixture = try ArtifactFixture(stacks: [stack], templates: ["large": largeTemplate()])
        defer { fixture.remove() }
        let counting = CountingTransport(URLSessionTransport())
        let report = try await bucketEngine(fixture, counting).deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        let error = try #require(report.firstError)
        #expect(error.description.contains("stack 'large' (account \(Self.templateAccount), region eu-west-1)"))
        #expect(error.description.contains("NoSuchBucket"), "\(error)")
        #expect(error.remedy?.contains("create the bucket '\(Self.templateBucketName)'") == true)
        #expect(!error.description.contains("moto-accepts-any-secret"))
        #expect(!counting.actions.contains("CreateChangeSet"))
    }
}
