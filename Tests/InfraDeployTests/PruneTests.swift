import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// Prune against the recorded-XML fake: `plan` lists this app's undeclared stacks, `deploy --prune`
/// deletes them after the declared ones succeeded, and an untagged stack is never touched.
@Suite struct PruneTests {
    static let appTag = StackTag(key: Manifest.appTagKey, value: "shop")

    private func fixture(_ names: [String], app: String? = "shop") throws -> ArtifactFixture {
        try ArtifactFixture(stacks: names.map { ArtifactFixture.stack($0, account: "222222222222", stage: "development", tags: app == nil ? [] : [Self.appTag]) },
                            templates: [:], app: app)
    }

    private func deletions(_ fake: FakeCloudFormation) -> [String] {
        fake.calls.filter { $0.action == "DeleteStack" }.compactMap { $0.parameters["StackName"]?.components(separatedBy: "/").dropFirst().first }
    }

    @Test func aStackRemovedFromTheCodeIsPlannedAndPrunedWhileUntaggedAndOtherAppsStay() async throws {
        let before = try fixture(["web", "api"])
        defer { before.remove() }
        let fake = FakeCloudFormation()
        #expect(await runInfra(["deploy", "--dir", before.path], fake: fake).status == 0)
        // The deploy tagged both stacks with the app's name.
        #expect(fake.stack("api", in: "222222222222")?.tags[Manifest.appTagKey] == "shop")
        // Same naming pattern, but not this app's: no tag, and another app's tag.
        fake.seed("api-legacy", account: "222222222222", status: "CREATE_COMPLETE")
        fake.seed("api-other", account: "222222222222", status: "CREATE_COMPLETE", tags: [Manifest.appTagKey: "other"])

        let after = try fixture(["web"])
        defer { after.remove() }
        let plan = await runInfra(["plan", "--dir", after.path], fake: fake)
        #expect(plan.status == 0, "\(plan.console.standardError)")
        #expect(plan.console.standardOutput.contains("No longer declared (deploy --prune deletes them):\n  222222222222 / api (eu-west-1): delete [CREATE_COMPLETE]\n"))
        #expect(!plan.console.standardOutput.contains("api-legacy") && !plan.console.standardOutput.contains("api-other"))
        #expect(plan.console.standardOutput.contains("1 undeclared"))
        let json = await runInfra(["plan", "--dir", after.path, "--output", "json"], fake: fake)
        let report = try JSONValue.parse(Array(json.console.standardOutput.utf8))
        #expect(report["undeclared"] == .list([["account": "222222222222", "name": "api", "region": "eu-west-1", "status": "CREATE_COMPLETE", "terminationProtection": false]]))
        #expect(deletions(fake).isEmpty)

        // Without --prune a deploy leaves it.
        #expect(await runInfra(["deploy", "--dir", after.path], fake: fake).status == 0)
        #expect(fake.stack("api", in: "222222222222")?.status == "CREATE_COMPLETE")

        let pruned = await runInfra(["deploy", "--dir", after.path, "--prune"], fake: fake)
        #expect(pruned.status == 0, "\(pruned.console.standardError)")
        #expect(deletions(fake) == ["api"])
        #expect(fake.stack("api", in: "222222222222")?.status == "DELETE_COMPLETE")
        #expect(fake.stack("api-legacy", in: "222222222222")?.status == "CREATE_COMPLETE")
        #expect(fake.stack("api-other", in: "222222222222")?.status == "CREATE_COMPLETE")
        #expect(pruned.console.standardOutput.contains("1 deleted"))
        // Nothing left to prune: a re-run deletes nothing.
        let again = await runInfra(["deploy", "--dir", after.path, "--prune"], fake: fake)
        #expect(again.status == 0)
        #expect(deletions(fake) == ["api"])
        #expect(again.console.standardError.contains("prune: no undeclared stacks of this app"))
    }

    @Test func nothingIsPrunedWhenADeclaredStackFails() async throws {
        let before = try fixture(["web", "api"])
        defer { before.remove() }
        let fake = FakeCloudFormation()
        #expect(await runInfra(["deploy", "--dir", before.path], fake: fake).status == 0)
        let after = try ArtifactFixture(stacks: [ArtifactFixture.stack("web", account: "222222222222", stage: "development", tags: [Self.appTag])],
                                        templates: ["web": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])], app: "shop")
        defer { after.remove() }
        fake.outcomes["web"] = .init(statuses: ["UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"])
        let failed = await runInfra(["deploy", "--dir", after.path, "--prune"], fake: fake)
        #expect(failed.status == 1)
        #expect(deletions(fake).isEmpty)
        #expect(fake.stack("api", in: "222222222222")?.status == "CREATE_COMPLETE")
    }

    @Test func pruneNeedsTheWholeManifestAndAnAppName() async throws {
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["deploy", "--prune", "--stage", "development"]) }
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["deploy", "--prune", "--stack", "web"]) }
        var flags = DeployFlags()
        flags.prune = true
        #expect(try ArgumentParser.parse(["deploy", "--prune"]) == .deploy(Selection(), flags))
        // A manifest without an app name lists nothing and prunes nothing, even beside tagged stacks.
        let unnamed = try fixture(["web"], app: nil)
        defer { unnamed.remove() }
        let fake = FakeCloudFormation()
        fake.seed("api", account: "222222222222", status: "CREATE_COMPLETE", tags: [Manifest.appTagKey: "shop"])
        let run = await runInfra(["deploy", "--dir", unnamed.path, "--prune"], fake: fake)
        #expect(run.status == 0)
        #expect(run.console.standardError.contains("the manifest names no app"))
        #expect(deletions(fake).isEmpty)
    }

    @Test func aStackThatLostTheTagSinceItWasListedIsNotDeleted() async throws {
        let manifest = try fixture(["web"])
        defer { manifest.remove() }
        let fake = FakeCloudFormation()
        fake.seed("api", account: "222222222222", status: "CREATE_COMPLETE", tags: [Manifest.appTagKey: "shop"])
        let environment = testEnvironment(["AWS_REGION": "eu-west-1"], transport: fake)
        let sessions = AccountSessions(environment: environment, baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "base-secret-key")))
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: manifest.path), sessions: sessions)
        let found = try await engine.undeclaredStacks()
        #expect(found.map(\.stack.name) == ["api"])
        // Re-created without the tag between the listing and the deletion.
        fake.seed("api", account: "222222222222", status: "CREATE_COMPLETE")
        let results = await engine.prune(found, options: DestroyOptions(pollInterval: .milliseconds(1))) { _ in }
        #expect(results.map(\.result.outcome) == [.failed])
        #expect(results.first?.result.error?.description.contains("does not carry the tag infradsl:app=shop") == true)
        #expect(deletions(fake).isEmpty)
    }

    @Test func aProtectedUndeclaredStackIsListedAndRefusedNotDeleted() async throws {
        let manifest = try fixture(["web"])
        defer { manifest.remove() }
        let fake = FakeCloudFormation()
        fake.seed("api", account: "222222222222", status: "CREATE_COMPLETE", tags: [Manifest.appTagKey: "shop"])
        var guarded = try #require(fake.stack("api", in: "222222222222"))
        guarded.terminationProtection = true
        fake.put(guarded)
        let plan = await runInfra(["plan", "--dir", manifest.path], fake: fake)
        #expect(plan.console.standardOutput.contains("  222222222222 / api (eu-west-1): delete [CREATE_COMPLETE]  termination protection: prune refuses it\n"))
        let pruned = await runInfra(["deploy", "--dir", manifest.path, "--prune"], fake: fake)
        #expect(pruned.status == 1)
        #expect(pruned.console.standardError.contains("has termination protection; nothing was deleted"))
        #expect(deletions(fake).isEmpty)
        #expect(fake.stack("api", in: "222222222222")?.status == "CREATE_COMPLETE")
    }

    @Test func theManifestRefusesANamedAppWhoseStackLacksTheTag() throws {
        var web = ArtifactFixture.stack("web", account: "222222222222", stage: nil)
        web.templateSHA256 = String(repeating: "a", count: 64)
        let bad = Manifest(stages: [], stacks: [web], app: "shop")
        #expect(throws: ArtifactError.self) { try bad.validate() }
        web.tags = [Self.appTag]
        let good = Manifest(stages: [], stacks: [web], app: "shop")
        try good.validate()
        #expect(try Manifest.parse(Array(JSONWriter.write(good.json).utf8)) == good)
        #expect(JSONWriter.write(good.json).hasPrefix("{\n  \"version\": 1,\n  \"app\": \"shop\","))
    }
}
