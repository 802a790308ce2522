import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

extension CapturingConsole: Console {
    func writeRaw(_ text: String) { appendOut(text) }
    func logRaw(_ text: String) { appendErr(text) }
    var isInteractive: Bool { interactive }
    var isLiveTerminal: Bool { interactive }
    var columns: Int { 200 }
    func readLine() async -> String? { nextAnswer() }
}

@Suite struct ArgumentParserTests {
    @Test func commandsAndTheirOptions() throws {
        #expect(try ArgumentParser.parse(["deploy"]) == .deploy(Selection(), DeployFlags()))
        var flags = DeployFlags()
        flags.concurrency = 8
        flags.approval = .anyChange
        flags.yes = true
        flags.recreateFailed = true
        let selection = Selection(directory: "out", stages: ["development", "test"], stacks: ["a", "b"])
        #expect(try ArgumentParser.parse(["deploy", "--dir", "out", "--stage", "development", "--stage=test", "--stack", "a", "--stack", "b",
                                          "--concurrency=8", "--require-approval", "any-change", "--yes", "--recreate-failed"]) == .deploy(selection, flags))
        #expect(try ArgumentParser.parse(["plan", "--output", "json"]) == .plan(Selection(), output: .json))
        #expect(try ArgumentParser.parse(["status", "--output=json", "--stack", "x"]) == .status(Selection(stacks: ["x"]), output: .json))
        #expect(try ArgumentParser.parse(["diff", "--dir=elsewhere"]) == .diff(Selection(directory: "elsewhere")))
        #expect(try ArgumentParser.parse(["status", "--current-credentials"]) == .status(Selection(currentCredentials: true), output: .text))
        #expect(try ArgumentParser.parse(["deploy", "-y"]) == .deploy(Selection(), { var f = DeployFlags(); f.yes = true; return f }()))
    }

    @Test func helpOnEveryCommand() throws {
        for command in ArgumentParser.commands {
            guard case .help(let text) = try ArgumentParser.parse([command, "--help"]) else {
                Issue.record("\(command) --help is not help")
                continue
            }
            #expect(text.contains("usage: infra \(command)"))
            #expect(text.contains("--dir DIR"))
            guard case .help(let same) = try ArgumentParser.parse(["help", command]) else { continue }
            #expect(same == text)
        }
        guard case .help(let main) = try ArgumentParser.parse(["--help"]) else { return }
        #expect(main.contains("Exit status: 0 success, 1 a deployment failed, 2 usage or input error"))
        #expect(try ArgumentParser.parse([]) == .help(Help.main))
        guard case .help(let deploy) = try ArgumentParser.parse(["deploy", "-h"]) else { return }
        for option in ["--concurrency", "--require-approval", "--yes", "--recreate-failed", "--stage", "--stack"] { #expect(deploy.contains(option)) }
    }

    @Test func usageErrorsNameTheProblemAndTheHelp() {
        func message(_ arguments: [String]) -> String {
            do {
                _ = try ArgumentParser.parse(arguments)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(message(["launch"]) == "error: unknown command 'launch'; the commands are plan, deploy, diff, status, destroy, outputs, drift\nRun 'infra --help' for usage.")
        #expect(message(["deploy", "--concurrency", "0"]) == "error: --concurrency must be a whole number from 1 to 64, not '0'\nRun 'infra deploy --help' for usage.")
        #expect(message(["deploy", "--require-approval", "sometimes"]).contains("never, broadening or any-change"))
        #expect(message(["deploy", "--stage"]).contains("--stage needs a value"))
        #expect(message(["deploy", "--stage", "--yes"]).contains("--stage needs a value"))
        #expect(message(["plan", "--yes"]).contains("unknown option '--yes' for infra plan"))
        #expect(message(["status", "--output", "yaml"]).contains("--output must be text or json"))
        #expect(message(["deploy", "--yes=true"]).contains("--yes takes no value"))
        #expect(message(["diff", "stackname"]).contains("stacks are chosen with --stack NAME"))
        #expect(message(["--dir", "x"]).contains("options follow a command"))
    }
}

/// The real commands through `CommandRunner`, against the recorded-XML fake.
private func run(_ arguments: [String], fake: FakeCloudFormation, variables: [String: String] = [:], console: CapturingConsole = CapturingConsole()) async -> (status: Int32, console: CapturingConsole) {
    let environment = testEnvironment(["AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIABASEKEY", "AWS_SECRET_ACCESS_KEY": "base-secret-key-never-printed"].merging(variables) { $1 }, transport: fake)
    let status = await CommandRunner(environment: environment, console: console).run(arguments)
    return (status, console)
}

@Suite struct CommandTests {
    private func example() throws -> ArtifactFixture {
        try ArtifactFixture(stacks: [
            ArtifactFixture.stack("tooling", account: "111111111111", stage: nil),
            ArtifactFixture.stack("app", account: "222222222222", stage: "development"),
            ArtifactFixture.stack("prod", account: "555555555555", stage: "production"),
        ], templates: [:])
    }

    @Test func deployPrintsPrefixedProgressOnStandardErrorAndTheSummaryOnStandardOutput() async throws {
        let fixture = try example()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        let (status, console) = await run(["deploy", "--dir", fixture.path], fake: fake)
        #expect(status == 0)
        let lines = console.standardError.split(separator: "\n").map(String.init)
        #expect(lines.contains("development / 222222222222 / app: CREATE_COMPLETE AWS::CloudFormation::Stack app"))
        #expect(lines.contains("- / 111111111111 / tooling: created (CREATE_COMPLETE)"))
        #expect(lines.filter { !$0.hasPrefix("==") }.allSatisfy { $0.hasPrefix("- / ") || $0.hasPrefix("development / ") || $0.hasPrefix("production / ") })
        #expect(console.standardOutput.contains("STAGE        ACCOUNT       REGION     STACK    RESULT   STATUS           TIME"))
        #expect(console.standardOutput.contains("production   555555555555  eu-west-1  prod     created  CREATE_COMPLETE"))
        #expect(console.standardOutput.hasSuffix("3 created\n"))

        let again = await run(["deploy", "--dir", fixture.path], fake: fake)
        #expect(again.status == 0)
        #expect(again.console.standardOutput.hasSuffix("3 unchanged\n"))
    }

    @Test func exitStatusesAreZeroOneAndTwo() async throws {
        let fixture = try example()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        #expect(await run(["deploy", "--dir", "/nonexistent/stacks.out"], fake: fake).status == 2)
        #expect(await run(["deploy", "--bogus"], fake: fake).status == 2)
        #expect(await run(["deploy", "--dir", fixture.path, "--stage", "staging"], fake: fake).status == 2)
        fake.seed("app", account: "222222222222", status: "ROLLBACK_COMPLETE")
        let failed = await run(["deploy", "--dir", fixture.path], fake: fake)
        #expect(failed.status == 1)
        #expect(failed.console.standardError.contains("error: stack 'app' (account 222222222222, region eu-west-1): is in ROLLBACK_COMPLETE"))
        #expect(failed.console.standardOutput.contains("prod     skipped"))
        #expect(await run(["status", "--dir", fixture.path], fake: fake).status == 0)
        #expect(await run(["--help"], fake: fake).status == 0)
    }

    @Test func anApprovalWithoutATerminalIsAnErrorNeverAHang() async throws {
        let role = #"{"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}"#
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development")],
                                          templates: ["app": ArtifactFixture.template(["Role": "AWS::IAM::Role"], properties: ["Role": role])])
        defer { fixture.remove() }
        let refused = await run(["deploy", "--dir", fixture.path], fake: FakeCloudFormation())
        #expect(refused.status == 1)
        #expect(refused.console.standardError.contains("needs approval"))
        #expect(refused.console.standardError.contains("--yes"))
        #expect(await run(["deploy", "--dir", fixture.path, "--yes"], fake: FakeCloudFormation()).status == 0)
        #expect(await run(["deploy", "--dir", fixture.path, "--require-approval", "never"], fake: FakeCloudFormation()).status == 0)
        let asked = await run(["deploy", "--dir", fixture.path], fake: FakeCloudFormation(), console: CapturingConsole(interactive: true, answers: ["y"]))
        #expect(asked.status == 0)
        #expect(asked.console.standardError.contains("Execute it? [y/N]"))
        #expect(asked.console.standardError.contains("+ Role (AWS::IAM::Role) trust:"))
        let declined = await run(["deploy", "--dir", fixture.path], fake: FakeCloudFormation(), console: CapturingConsole(interactive: true, answers: ["n"]))
        #expect(declined.status == 1)
        #expect(declined.console.standardOutput.contains("not approved"))
    }

    @Test func planAndStatusSpeakJSON() async throws {
        let fixture = try example()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        fake.seed("app", account: "222222222222", status: "UPDATE_COMPLETE", template: ArtifactFixture.template(["Old": "AWS::SNS::Topic"]), outputs: ["Arn": "arn:aws:sns:x"])
        let plan = await run(["plan", "--dir", fixture.path, "--output", "json"], fake: fake)
        #expect(plan.status == 0)
        let planJSON = try #require(try JSONSerialization.jsonObject(with: Data(plan.console.standardOutput.utf8)) as? [String: Any])
        let planStacks = try #require(planJSON["stacks"] as? [[String: Any]])
        #expect(planStacks.map { $0["action"] as? String } == ["create", "update", "create"])
        let changes = try #require(planStacks[1]["changes"] as? [[String: Any]])
        #expect(changes.compactMap { $0["action"] as? String }.sorted() == ["Add", "Remove"])
        let status = await run(["status", "--dir", fixture.path, "--output", "json"], fake: fake)
        let statusJSON = try #require(try JSONSerialization.jsonObject(with: Data(status.console.standardOutput.utf8)) as? [String: Any])
        let states = try #require(statusJSON["stacks"] as? [[String: Any]])
        #expect(states[1]["status"] as? String == "UPDATE_COMPLETE")
        #expect(states[1]["matchesLocal"] as? Bool == false)
        #expect((states[1]["outputs"] as? [String: String]) == ["Arn": "arn:aws:sns:x"])
        #expect(states[0]["status"] == nil)
        let text = await run(["plan", "--dir", fixture.path], fake: fake)
        #expect(text.console.standardOutput.contains("development / 222222222222 / app (eu-west-1): update [UPDATE_COMPLETE]"))
        #expect(text.console.standardOutput.hasSuffix("Plan: 2 create, 1 update\n"))
        let diff = await run(["diff", "--dir", fixture.path, "--stack", "app"], fake: fake)
        #expect(diff.console.standardOutput.contains("-    \"Old\": {"))
        #expect(diff.console.standardOutput.contains("+    \"Topic\": {"))
    }

    @Test func noSecretReachesAnyOutputOrError() async throws {
        let fixture = try example()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        // The service echoes the canonical request, session token and secret key included.
        fake.injected["DescribeStacks"] = [xml(Fixture.fill("Error.SignatureDoesNotMatch.xml", ["SessionToken": "assumed-token-111111111111", "SecretKey": "assumed-secret-111111111111"]), status: 403)]
        let (status, console) = await run(["deploy", "--dir", fixture.path, "--yes"], fake: fake, variables: ["AWS_SESSION_TOKEN": "base-session-token-never-printed"])
        #expect(status == 1)
        let everything = console.standardOutput + console.standardError
        #expect(everything.contains("SignatureDoesNotMatch"))
        for secret in ["base-secret-key-never-printed", "base-session-token-never-printed", "assumed-secret-111111111111", "assumed-token-111111111111"] {
            #expect(!everything.contains(secret), "\(secret) was printed")
        }
        // Progress of a successful run carries no secret either.
        let ok = await run(["deploy", "--dir", fixture.path, "--yes"], fake: FakeCloudFormation(), variables: ["AWS_SESSION_TOKEN": "base-session-token-never-printed"])
        let all = ok.console.standardOutput + ok.console.standardError
        #expect(ok.status == 0)
        for secret in ["base-secret-key-never-printed", "base-session-token-never-printed", "assumed-secret-", "assumed-token-"] { #expect(!all.contains(secret)) }
    }

    @Test func aServerMessageQuotingTheBaseSecretsIsPrintedRedacted() async throws {
        let fixture = try example()
        defer { fixture.remove() }
        // Calls are signed with each account's role, so the base key and token are no secret of that call.
        let planted = "the key base-secret-key-never-printed and token base-session-token-never-printed are not valid here"
        let fake = FakeCloudFormation()
        fake.injected["DescribeStacks"] = [xml("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>\(planted)</Message></Error><RequestId>r-1</RequestId></ErrorResponse>", status: 403)]
        fake.outcomes["app"] = .init(statuses: ["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"], failures: [("Topic", "AWS::SNS::Topic", "CREATE_FAILED", planted)])
        let variables = ["AWS_SESSION_TOKEN": "base-session-token-never-printed"]
        let denied = await run(["deploy", "--dir", fixture.path, "--yes"], fake: fake, variables: variables)
        let failed = await run(["deploy", "--dir", fixture.path, "--yes"], fake: fake, variables: variables)
        #expect(denied.status == 1 && failed.status == 1)
        let everything = [denied, failed].map { $0.console.standardOutput + $0.console.standardError }.joined()
        #expect(everything.contains("AccessDenied"))
        #expect(everything.contains("CREATE_FAILED AWS::SNS::Topic Topic: the key <redacted> and token <redacted> are not valid here"))
        for secret in ["base-secret-key-never-printed", "base-session-token-never-printed"] { #expect(!everything.contains(secret), "\(secret) was printed") }
    }

    @Test func inATerminalRunningStacksAreLiveLinesAndResultsStay() async throws {
        let fixture = try example()
        defer { fixture.remove() }
        let (status, console) = await run(["deploy", "--dir", fixture.path, "--yes"], fake: FakeCloudFormation(), console: CapturingConsole(interactive: true))
        #expect(status == 0)
        let raw = console.standardError
        #expect(raw.contains("\u{1B}[1A\u{1B}[2K"))
        // What remains on screen once every redraw is applied: stage headers and results only.
        var screen: [String] = []
        for chunk in raw.components(separatedBy: "\n").dropLast() {
            var line = chunk
            while line.hasPrefix("\u{1B}[1A\u{1B}[2K") {
                line.removeFirst("\u{1B}[1A\u{1B}[2K".count)
                screen.removeLast()
            }
            screen.append(line)
        }
        #expect(screen.filter { !$0.contains("change set infra-") } == [
            "== stage - (stacks without a stage)", "- / 111111111111 / tooling:   Add Topic (AWS::SNS::Topic)", "- / 111111111111 / tooling: created (CREATE_COMPLETE)",
            "== stage development", "development / 222222222222 / app:   Add Topic (AWS::SNS::Topic)", "development / 222222222222 / app: created (CREATE_COMPLETE)",
            "== stage production", "production / 555555555555 / prod:   Add Topic (AWS::SNS::Topic)", "production / 555555555555 / prod: created (CREATE_COMPLETE)",
        ])
    }

    @Test func currentCredentialsReplaceTheManifestsAccessAndTheAccountIsChecked() async throws {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: FakeCloudFormation.baseAccount, stage: "development")], templates: [:])
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        let (status, _) = await run(["deploy", "--dir", fixture.path, "--current-credentials"], fake: fake)
        #expect(status == 0)
        #expect(fake.actions().first == "GetCallerIdentity")
        #expect(!fake.actions().contains("AssumeRole"))
        #expect(fake.stack("app", in: FakeCloudFormation.baseAccount)?.status == "CREATE_COMPLETE")

        let elsewhere = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development")], templates: [:])
        defer { elsewhere.remove() }
        let wrong = await run(["deploy", "--dir", elsewhere.path, "--current-credentials"], fake: FakeCloudFormation())
        #expect(wrong.status == 2)
        #expect(wrong.console.standardError.contains("the current credentials act in account 999999999999"))
    }

    @Test func progressLinesFromParallelStacksNeverInterleave() async throws {
        let stacks = (1...8).map { ArtifactFixture.stack("stack\($0)", account: String(repeating: String($0), count: 12), stage: "development") }
        let fixture = try ArtifactFixture(stacks: stacks, templates: [:])
        defer { fixture.remove() }
        let (status, console) = await run(["deploy", "--dir", fixture.path, "--concurrency", "8"], fake: FakeCloudFormation())
        #expect(status == 0)
        let lines = console.standardError.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.hasPrefix("development / ") || $0.hasPrefix("== stage") })
    }
}
