import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// `infra` as text for the lifecycle commands, against the recorded-XML fake.
func runInfra(_ arguments: [String], fake: FakeCloudFormation, console: CapturingConsole = CapturingConsole()) async -> (status: Int32, console: CapturingConsole) {
    let environment = testEnvironment(["AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIABASEKEY", "AWS_SECRET_ACCESS_KEY": "base-secret-key-never-printed"], transport: fake)
    var runner = CommandRunner(environment: environment, console: console)
    runner.tuneOptions = { $0.pollInterval = .milliseconds(1) }
    let status = await runner.run(arguments)
    return (status, console)
}

@Suite struct DiffAndMethodCLITests {
    @Test func theNewOptionsParse() throws {
        var flags = DeployFlags()
        flags.method = .direct
        #expect(try ArgumentParser.parse(["deploy", "--method", "direct"]) == .deploy(Selection(), flags))
        #expect(try ArgumentParser.parse(["deploy", "--method=change-set"]) == .deploy(Selection(), DeployFlags()))
        #expect(try ArgumentParser.parse(["diff", "--fail"]) == .diff(Selection(), fail: true))
        #expect(try ArgumentParser.parse(["diff"]) == .diff(Selection(), fail: false))
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["deploy", "--method", "fast"]) }
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["plan", "--fail"]) }
    }

    @Test func diffFailExitsOneWhenAStackDiffersAndZeroWhenNoneDoes() async throws {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development")], templates: [:])
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        fake.seed("app", account: "222222222222", status: "UPDATE_COMPLETE", template: ArtifactFixture.template(["Old": "AWS::SNS::Topic"]))
        let differs = await runInfra(["diff", "--dir", fixture.path, "--fail"], fake: fake)
        #expect(differs.status == 1)
        #expect(differs.console.standardOutput.contains("1 of 1 stacks differ"))
        // Without --fail a difference is no failure.
        #expect(await runInfra(["diff", "--dir", fixture.path], fake: fake).status == 0)
        fake.seed("app", account: "222222222222", status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        let same = await runInfra(["diff", "--dir", fixture.path, "--fail"], fake: fake)
        #expect(same.status == 0)
        #expect(same.console.standardOutput.contains("app: no differences"))
        // A stack that is not deployed differs too.
        let missing = await runInfra(["diff", "--dir", fixture.path, "--fail"], fake: FakeCloudFormation())
        #expect(missing.status == 1)
    }

    @Test func deployMethodDirectGoesThroughCreateStack() async throws {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development")], templates: [:])
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        let (status, console) = await runInfra(["deploy", "--dir", fixture.path, "--method", "direct"], fake: fake)
        #expect(status == 0)
        #expect(fake.writes == ["CreateStack"])
        #expect(console.standardOutput.contains("app    created  CREATE_COMPLETE"))
        #expect(console.standardError.contains("CreateStack (direct, no change set)"))
    }

    @Test func aDirectDeployAsksInATerminalWithoutNamingAChangeSet() async throws {
        let role = #"{"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}"#
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development")],
                                          templates: ["app": ArtifactFixture.template(["Role": "AWS::IAM::Role"], properties: ["Role": role])])
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        let asked = await runInfra(["deploy", "--dir", fixture.path, "--method", "direct"], fake: fake, console: CapturingConsole(interactive: true, answers: ["y"]))
        #expect(asked.status == 0)
        #expect(asked.console.standardError.contains("direct CreateStack (no change set) needs approval"))
        #expect(asked.console.standardError.contains("  Add Role (AWS::IAM::Role)"))
        #expect(asked.console.standardError.contains("Deploy it? [y/N]"))
        #expect(fake.writes == ["CreateStack"])
    }
}
