import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// `infra outputs` and `deploy --outputs-file`, and the rule that keeps secret-looking outputs out.
@Suite struct OutputsTests {
    private static let template = """
    {"Parameters": {"DbPassword": {"Type": "String", "NoEcho": true}, "Env": {"Type": "String", "Default": "dev"}},
     "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
     "Outputs": {"TopicArn": {"Value": {"Ref": "Topic"}}, "Conn": {"Value": {"Fn::Sub": "postgres://app:${DbPassword}@db"}},
                 "Plain": {"Value": {"Ref": "Env"}}, "Resolved": {"Value": "{{resolve:secretsmanager:db:SecretString:password}}"}}}

    """

    private func output(_ key: String, _ value: String = "v", description: String? = nil) -> StackOutput {
        StackOutput(key: key, value: value, exportName: nil, description: description)
    }

    @Test func theSecrecyRule() {
        let t = Self.template
        #expect(OutputSecrecy.reason(output("TopicArn", "arn:aws:sns:eu-west-1:1:t"), template: t) == nil)
        #expect(OutputSecrecy.reason(output("Plain"), template: t) == nil)
        #expect(OutputSecrecy.reason(output("Masked", "****"), template: t) == "its value is masked (NoEcho)")
        #expect(OutputSecrecy.reason(output("Conn"), template: t) == "it refers to the NoEcho parameter DbPassword")
        #expect(OutputSecrecy.reason(output("Resolved"), template: t) == "it resolves a secret (Secrets Manager or a SecureString parameter)")
        #expect(OutputSecrecy.reason(output("AdminPassword"), template: t) == "its name suggests a secret (password)")
        #expect(OutputSecrecy.reason(output("Github_Token"), template: t) == "its name suggests a secret (token)")
        #expect(OutputSecrecy.reason(output("DeployKeyId", description: "the deploy user's access key"), template: t) == "its description suggests a secret (accesskey)")
        #expect(OutputSecrecy.reason(output("CertPem", description: "private-key material"), template: t) == "its description suggests a secret (privatekey)")
        #expect(OutputSecrecy.reason(output("KmsKeyArn", description: "the key that encrypts the logs"), template: t) == nil)
    }

    private func seeded() throws -> (ArtifactFixture, FakeCloudFormation) {
        let fixture = try ArtifactFixture(stacks: [
            ArtifactFixture.stack("network", account: "111111111111", stage: nil),
            ArtifactFixture.stack("app", account: "222222222222", stage: "development", dependencies: ["network"]),
            ArtifactFixture.stack("prod", account: "555555555555", stage: "production"),
        ], templates: ["app": Self.template])
        let fake = FakeCloudFormation()
        fake.seed("network", account: "111111111111", status: "CREATE_COMPLETE", template: ArtifactFixture.template(), outputs: ["VpcId": "vpc-123", "ApiToken": "tok-never-written"])
        fake.seed("app", account: "222222222222", status: "UPDATE_COMPLETE", template: Self.template, parameters: ["DbPassword": "****", "Env": "dev"],
                  outputs: ["TopicArn": "arn:aws:sns:eu-west-1:222222222222:t", "Conn": "postgres://app:hunter2-never-written@db", "Plain": "dev", "Key": "AKIA-never-written"])
        var app = try #require(fake.stack("app", in: "222222222222"))
        app.outputDescriptions = ["Key": "the access key of the CI user"]
        fake.put(app)
        return (fixture, fake)
    }

    private func json(_ text: String) throws -> [String: [String: String]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: String]])
    }

    @Test func outputsPrintsTheDeployedStacksOutputsWithoutSecrets() async throws {
        let (fixture, fake) = try seeded()
        defer { fixture.remove() }
        let (status, console) = await runInfra(["outputs", "--dir", fixture.path], fake: fake)
        #expect(status == 0, "\(console.standardError)")
        #expect(try json(console.standardOutput) == ["network": ["VpcId": "vpc-123"], "app": ["TopicArn": "arn:aws:sns:eu-west-1:222222222222:t", "Plain": "dev"]])
        #expect(console.standardError.contains("outputs: left out ApiToken of stack network: its name suggests a secret (token)"))
        #expect(console.standardError.contains("outputs: left out Conn of stack app: it refers to the NoEcho parameter DbPassword"))
        #expect(console.standardError.contains("outputs: left out Key of stack app: its description suggests a secret (accesskey)"))
        #expect(console.standardError.contains("outputs: stack prod is not deployed"))
        let everything = console.standardOutput + console.standardError
        #expect(!everything.contains("never-written"))
        let one = await runInfra(["outputs", "--dir", fixture.path, "--stack", "network"], fake: fake)
        #expect(try json(one.console.standardOutput) == ["network": ["VpcId": "vpc-123"]])
    }

    @Test func deployWritesTheOutputsFileAlsoAfterAPartialSuccess() async throws {
        let (fixture, fake) = try seeded()
        defer { fixture.remove() }
        fake.seed("prod", account: "555555555555", status: "ROLLBACK_COMPLETE")
        let file = fixture.folder.appendingPathComponent("out/outputs.json")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: file)
        let (status, console) = await runInfra(["deploy", "--dir", fixture.path, "--yes", "--outputs-file", file.path], fake: fake)
        #expect(status == 1)
        #expect(console.standardError.contains("is in ROLLBACK_COMPLETE"))
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(try json(written) == ["network": ["VpcId": "vpc-123"], "app": ["TopicArn": "arn:aws:sns:eu-west-1:222222222222:t", "Plain": "dev"]])
        #expect(!written.contains("never-written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["outputs.json"])
        #expect(console.standardError.contains("outputs of 2 stacks written to \(file.path)"))
    }

    @Test func anUnwritableOutputsFileFailsTheRun() async throws {
        let (fixture, fake) = try seeded()
        defer { fixture.remove() }
        let (status, console) = await runInfra(["deploy", "--dir", fixture.path, "--stage", "development", "--yes", "--outputs-file", "/nonexistent/dir/outputs.json"], fake: fake)
        #expect(status == 1)
        #expect(console.standardError.contains("could not write the outputs file /nonexistent/dir/outputs.json"))
    }

    @Test func outputsParse() throws {
        #expect(try ArgumentParser.parse(["outputs", "--stack", "a"]) == .outputs(Selection(stacks: ["a"])))
        var flags = DeployFlags()
        flags.outputsFile = "o.json"
        #expect(try ArgumentParser.parse(["deploy", "--outputs-file", "o.json"]) == .deploy(Selection(), flags))
    }
}
