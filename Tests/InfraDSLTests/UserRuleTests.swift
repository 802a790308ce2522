import Testing
@testable import InfraDSL
import InfraAWSLogs

/// A team's own lint rule, written as a user would: every S3 bucket names its owners in a `team` tag.
private struct BucketsNameTheirTeam: ResourceRule {
    let resourceType: String? = "AWS::S3::Bucket"
    let kind = RuleKind.lint(id: "ORG001", summary: "S3 bucket without a 'team' tag")

    func check(_ context: inout RuleContext) {
        if context.tag("team") == nil {
            context.report("bucket has no 'team' tag; add one naming the team that owns it")
        }
    }
}

/// A team's own validation rule: no resource of stack 'prod' may be retained on deletion
/// without saying so in its logical ID. Judges every type.
private struct RetainedResourcesSayRetained: ResourceRule {
    let resourceType: String? = nil
    let kind = RuleKind.validation

    func check(_ context: inout RuleContext) {
        guard context.resource.options.deletionPolicy == .retain, !context.resource.logicalId.hasSuffix("Retained") else { return }
        context.report("is retained on deletion in stack '\(context.stackName)'; end its logical ID with 'Retained'")
    }
}

/// A bucket, raw: the test target does not build the S3 module.
private func bucket(_ logicalId: String, tags: [String: String] = [:], file: String = #filePath, line: Int = #line) -> RawResource {
    let tagList = CFValue.list(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0]!)] })
    return RawResource(logicalId, type: "AWS::S3::Bucket", properties: tags.isEmpty ? [:] : ["Tags": tagList], file: file, line: line)
}

/// Every diagnostic of an app of `stack` held to `rules`, as `line: severity: message`.
private func reported(_ stack: Stack, rules: [any ResourceRule]) -> [String] {
    let diagnostics = App(rules: rules) { stack }.synthesize().diagnostics
    #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("Tests/InfraDSLTests/UserRuleTests.swift") })
    return diagnostics.map { "\($0.location.line): \($0.severity.rawValue): \($0.message)" }
}

@Suite struct UserRuleTests {
    @Test func aUserLintRuleWarnsAtTheUsersLineOfTheResource() {
        let line = #line; let untagged = bucket("Artifacts")
        let tagged = bucket("Logs", tags: ["team": "platform"])
        let otherType = topic("Alerts")
        #expect(reported(testStack { untagged; tagged; otherType }, rules: [BucketsNameTheirTeam()]) == [
            "\(line): warning: [ORG001] resource 'Artifacts': bucket has no 'team' tag; add one naming the team that owns it"
        ])
    }

    @Test func withoutTheRuleTheAppReportsNothing() {
        #expect(reported(testStack { bucket("Artifacts") }, rules: []) == [])
    }

    @Test func aUserLintRuleIsSuppressedLikeABuiltInOne() {
        let silenced = bucket("Scratch").suppressingLint("ORG001", because: "deleted every night")
        #expect(reported(testStack { silenced }, rules: [BucketsNameTheirTeam()]) == [])
    }

    @Test func aUserValidationRuleFailsSynthesisAtTheUsersLine() {
        let line = #line; let kept = bucket("Artifacts", tags: ["team": "platform"]).deletionPolicy(.retain)
        let named = bucket("ArtifactsRetained", tags: ["team": "platform"]).deletionPolicy(.retain)
        let app = App(rules: [RetainedResourcesSayRetained(), BucketsNameTheirTeam()]) { testStack("prod") { kept; named } }
        let synthesis = app.synthesize()
        #expect(synthesis.hasErrors)
        #expect(synthesis.diagnostics.map { "\($0.location.line): \($0.severity.rawValue): \($0.message)" } == [
            "\(line): error: resource 'Artifacts' (AWS::S3::Bucket): is retained on deletion in stack 'prod'; end its logical ID with 'Retained'"
        ])
    }

    @Test func builtInRulesStillFireFirstBesideTheAppsOwn() {
        let line = #line; let logs = Logs.LogGroup("AgentLogs", retentionInDays: 31)
        let kept = bucket("Artifacts")
        #expect(reported(testStack { logs; kept }, rules: [BucketsNameTheirTeam()]) == [
            "\(line): error: resource 'AgentLogs' (AWS::Logs::LogGroup): RetentionInDays 31 is not one CloudWatch Logs accepts (the nearest is 30); use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            "\(line + 1): warning: [ORG001] resource 'Artifacts': bucket has no 'team' tag; add one naming the team that owns it",
        ])
    }

    @Test func everyBuiltInRuleNamesItsKindAndLintRulesKeepTheirIds() {
        #expect(BuiltInRules.all.filter { $0.kind == .validation }.compactMap(\.resourceType).sorted() == [
            "AWS::ECS::TaskDefinition", "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::Logs::LogGroup",
        ])
    }
}
