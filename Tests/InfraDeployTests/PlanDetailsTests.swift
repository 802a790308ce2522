import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// `infra plan` shows property-level changes from the change set's `Details`. moto's
/// DescribeChangeSet has no `Details`, so the answer is a recorded one
/// (`Fixtures/DescribeChangeSet.details.xml`, the shape AWS sends with `IncludePropertyValues`).
@Suite struct PlanDetailsTests {
    private func setUp() throws -> (ArtifactFixture, FakeCloudFormation) {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development")],
                                          templates: ["app": ArtifactFixture.template(["Bucket": "AWS::S3::Bucket", "Queue": "AWS::SQS::Queue"], properties: ["Bucket": "{\"BucketName\": \"app-bucket-new\"}"])])
        let fake = FakeCloudFormation()
        fake.seed("app", account: "222222222222", status: "UPDATE_COMPLETE", template: ArtifactFixture.template(["Bucket": "AWS::S3::Bucket", "Queue": "AWS::SQS::Queue"], properties: ["Bucket": "{\"BucketName\": \"app-bucket-old\"}"]))
        fake.injected["DescribeChangeSet"] = [xml(Fixture.fill("DescribeChangeSet.details.xml", ["ChangeSetName": "infra-plan-recorded"]))]
        return (fixture, fake)
    }

    private func run(_ arguments: [String], fake: FakeCloudFormation) async -> (Int32, CapturingConsole) {
        let console = CapturingConsole()
        let environment = testEnvironment(["AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIABASEKEY", "AWS_SECRET_ACCESS_KEY": "base-secret-key-never-printed"], transport: fake)
        return (await CommandRunner(environment: environment, console: console).run(arguments), console)
    }

    @Test func clientParsesEveryDetailField() async throws {
        let (fixture, fake) = try setUp()
        defer { fixture.remove() }
        let environment = testEnvironment(["AWS_ACCESS_KEY_ID": "AKIABASEKEY", "AWS_SECRET_ACCESS_KEY": "base-secret-key-never-printed"], transport: fake)
        let client = try CloudFormationClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASEKEY", secretAccessKey: "base-secret-key-never-printed")), environment: environment)
        let description = try await client.describeChangeSet(name: "infra-plan-recorded", stackName: "app", includePropertyValues: true)
        #expect(fake.calls.last?.parameters["IncludePropertyValues"] == "true")
        #expect(description.changes.map(\.details.count) == [2, 2])
        #expect(description.changes[0].details[0] == ResourceChangeDetail(
            attribute: "Properties", name: "BucketName", requiresRecreation: "Always", changeSource: "DirectModification", evaluation: "Static",
            path: "/Properties/BucketName", beforeValue: "app-bucket-old", afterValue: "app-bucket-new", attributeChangeType: "Modify"))
        #expect(description.changes[0].details[1].causingEntity == "Environment")
        #expect(description.changes[1].details[0].path == nil)
        #expect(description.changes[1].details[0].mayForceReplacement)
    }

    @Test func planTextNamesEachPropertyAndWhetherItReplaces() async throws {
        let (fixture, fake) = try setUp()
        defer { fixture.remove() }
        let (status, console) = await run(["plan", "--dir", fixture.path], fake: fake)
        #expect(status == 0)
        let lines = console.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("  Modify  Bucket (AWS::S3::Bucket)  REPLACEMENT"))
        #expect(lines.contains("      BucketName: \"app-bucket-old\" → \"app-bucket-new\"  forces replacement  (changed in the template)"))
        #expect(lines.contains("      Tags: \"test\" → \"prod\"  (parameter Environment)"))
        #expect(lines.contains("      RedrivePolicy  may force replacement  (GetAtt Bucket.Arn, known only at deploy time)"))
        #expect(lines.contains("      VisibilityTimeout: \"30\" → \"60\"  (changed in the template)"))
        // The plan's change set asked for the values.
        #expect(fake.calls.first { $0.action == "DescribeChangeSet" }?.parameters["IncludePropertyValues"] == "true")
    }

    @Test func planJSONCarriesTheDetails() async throws {
        let (fixture, fake) = try setUp()
        defer { fixture.remove() }
        let (status, console) = await run(["plan", "--dir", fixture.path, "--output", "json"], fake: fake)
        #expect(status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(console.standardOutput.utf8)) as? [String: Any])
        let changes = try #require((document["stacks"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])
        let bucket = try #require(changes.first { $0["logicalId"] as? String == "Bucket" }?["details"] as? [[String: Any]])
        #expect(bucket[0]["name"] as? String == "BucketName")
        #expect(bucket[0]["requiresRecreation"] as? String == "Always")
        #expect(bucket[0]["forcesReplacement"] as? Bool == true)
        #expect(bucket[0]["before"] as? String == "app-bucket-old")
        #expect(bucket[0]["after"] as? String == "app-bucket-new")
        #expect(bucket[1]["attribute"] as? String == "Tags")
        #expect(bucket[1]["changeSource"] as? String == "ParameterReference")
        #expect(bucket[1]["causingEntity"] as? String == "Environment")
        #expect(bucket[1]["forcesReplacement"] as? Bool == false)
        let queue = try #require(changes.first { $0["logicalId"] as? String == "Queue" }?["details"] as? [[String: Any]])
        #expect(queue[0]["evaluation"] as? String == "Dynamic")
        #expect(queue[0]["before"] == nil)
    }
}
