import Testing
@testable import InfraDSL
import InfraComponents

private let thisFile = #filePath

/// `App(name:tags:)` and `Stack(tags:)`: merged into every stack's manifest entry, components'
/// stacks included, with CloudFormation's tag rules checked at the line that wrote the tag.
@Suite struct AppTagTests {
    private func errors(_ app: App) -> [Diagnostic] { app.synthesize().diagnostics.filter { $0.severity == .error } }

    @Test func appTagsGoOnEveryStackIncludingAComponentsAndTheStacksOwnWin() {
        let tooling = Account("tooling", id: "111111111111", region: "eu-west-1")
        func template(_ id: String) -> AgentTemplate { AgentTemplate(target: Account("t\(id.prefix(1))", id: id, region: "eu-west-1"), image: "agent:1") }
        let cloud = JenkinsAgentCloud(
            tooling: tooling, jenkinsUrl: "https://ci.example.com/", launchType: .ec2(),
            templates: PerStage(development: template("222222222222"), test: template("333333333333"), acceptance: template("444444444444"), production: template("555555555555")))
        let own = Stack("own", account: "666666666666", region: "eu-west-1", tags: ["team": "payments", "cost": "42"]) { topic("Topic") }
        let synthesis = App(name: "shop", tags: ["team": "platform", "owner": "ops"]) {
            cloud
            own
        }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        #expect(synthesis.manifest.app == "shop")
        #expect(synthesis.manifest.stacks.count == 6)
        for entry in synthesis.manifest.stacks where entry.name != "own" {
            #expect(entry.tags == [StackTag(key: "infradsl:app", value: "shop"), StackTag(key: "owner", value: "ops"), StackTag(key: "team", value: "platform")], "\(entry.name)")
        }
        let mine = synthesis.manifest.stacks.first { $0.name == "own" }
        #expect(mine?.tags == [StackTag(key: "cost", value: "42"), StackTag(key: "infradsl:app", value: "shop"), StackTag(key: "owner", value: "ops"), StackTag(key: "team", value: "payments")])
    }

    @Test func anAppWithoutNameOrTagsWritesWhatItWroteBefore() {
        let synthesis = App { testStack { topic("Topic") } }.synthesize()
        #expect(synthesis.manifest.app == nil)
        #expect(synthesis.manifest.stacks[0].tags == [])
        #expect(!synthesis.files.last!.contents.contains("\"app\""))
    }

    @Test func tagRulesAreCheckedAtTheLineThatWroteTheTag() {
        let long = String(repeating: "k", count: 129)
        let appLine = #line; let app = App(tags: ["aws:owner": "x", long: "y", "ok": String(repeating: "v", count: 257), "": "empty"]) {
            testStack { topic("Topic") }
        }
        let found = errors(app)
        #expect(found.count == 4, "\(found)")
        #expect(found.allSatisfy { $0.location == SourceLocation(file: thisFile, line: appLine) })
        #expect(found.contains { $0.message.contains("tag key 'aws:owner' starts with 'aws:'") })
        #expect(found.contains { $0.message.contains("has 129 characters; at most 128") })
        #expect(found.contains { $0.message.contains("the value of tag 'ok' has 257 characters; at most 256") })
        #expect(found.contains { $0.message.contains("a tag key must not be empty") })

        let stackLine = #line; let stack = testStack { topic("Topic") }
        var tagged = stack
        tagged.tags = ["AWS:Name": "x", "infradsl:app": "mine"]
        let stackErrors = errors(App(name: "shop") { tagged })
        #expect(stackErrors.count == 2, "\(stackErrors)")
        #expect(stackErrors.allSatisfy { $0.location == SourceLocation(file: thisFile, line: stackLine) })
        #expect(stackErrors.contains { $0.message.contains("set by infra from App(name:)") })
        // 256 characters is the limit, not over it; an empty value is allowed.
        #expect(errors(App(tags: ["k": String(repeating: "v", count: 256), "e": ""]) { testStack { topic("Topic") } }).isEmpty)
    }

    @Test func atMostFiftyTagsPerStackCountingTheAppsAndTheNameTag() {
        let appTags = Dictionary(uniqueKeysWithValues: (1...30).map { ("app\($0)", "v") })
        let stackTags = Dictionary(uniqueKeysWithValues: (1...19).map { ("own\($0)", "v") })
        var fits = testStack { topic("Topic") }
        fits.tags = stackTags
        #expect(errors(App(name: "shop", tags: appTags) { fits }).isEmpty)  // 30 + 19 + 1 = 50
        let line = #line; var over = testStack { topic("Topic") }
        over.tags = stackTags.merging(["own20": "v"]) { $1 }
        let found = errors(App(name: "shop", tags: appTags) { over })
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: thisFile, line: line))
        #expect(found.first?.message.contains("would carry 51 tags (20 of its own, 30 from the app, and infradsl:app); CloudFormation allows at most 50") == true)
        // A stack's own tag that overrides an app tag is counted once.
        over.tags["app1"] = "mine"
        over.tags["own20"] = nil
        #expect(errors(App(name: "shop", tags: appTags) { over }).isEmpty)
    }

    @Test func anInvalidAppNameIsAnErrorAtTheAppsLine() {
        let line = #line; let found = errors(App(name: "my app!") { testStack { topic("Topic") } })
        #expect(found.map(\.location) == [SourceLocation(file: thisFile, line: line)])
        #expect(found.first?.message.contains("app name 'my app!' is not valid") == true)
    }
}
