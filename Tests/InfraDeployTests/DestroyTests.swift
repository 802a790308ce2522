import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// `infra destroy` against the recorded-XML fake: order, confirmation, protection, failures, retained resources.
@Suite struct DestroyTests {
    /// network (no stage) ← app (development); production: web depends on db, in two accounts, and api alone.
    private func fixture() throws -> ArtifactFixture {
        try ArtifactFixture(stacks: [
            ArtifactFixture.stack("network", account: "111111111111", stage: nil),
            ArtifactFixture.stack("app", account: "222222222222", stage: "development", dependencies: ["network"]),
            ArtifactFixture.stack("db", account: "666666666666", stage: "production"),
            ArtifactFixture.stack("web", account: "555555555555", stage: "production", dependencies: ["db"]),
            ArtifactFixture.stack("api", account: "555555555555", stage: "production"),
        ], templates: [:])
    }

    /// The stack names in the order `DeleteStack` was called for them.
    private func deletions(_ fake: FakeCloudFormation) -> [String] {
        fake.calls.filter { $0.action == "DeleteStack" }.compactMap { call in
            call.parameters["StackName"].map { $0.hasPrefix("arn:") ? $0.components(separatedBy: "/")[1] : $0 }
        }
    }

    private func deployed(_ fake: FakeCloudFormation, _ fixture: ArtifactFixture) async throws {
        #expect(await runInfra(["deploy", "--dir", fixture.path], fake: fake).status == 0)
    }

    @Test func deletesStagesInReverseAndConsumersBeforeProducersThenIsIdempotent() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        let (status, console) = await runInfra(["destroy", "--dir", fixture.path, "--yes"], fake: fake)
        #expect(status == 0, "\(console.standardError)")
        let order = deletions(fake)
        #expect(Set(order) == ["network", "app", "db", "web", "api"])
        func position(_ name: String) -> Int { order.firstIndex(of: name) ?? -1 }
        #expect(position("web") < position("db"))
        #expect(["db", "web", "api"].allSatisfy { position($0) < position("app") })
        #expect(position("app") < position("network"))
        for (name, account) in [("network", "111111111111"), ("app", "222222222222"), ("db", "666666666666"), ("web", "555555555555"), ("api", "555555555555")] {
            #expect(fake.stack(name, in: account)?.status == "DELETE_COMPLETE")
        }
        #expect(console.standardError.contains("production / 555555555555 / web: DELETE_COMPLETE AWS::CloudFormation::Stack web"))
        #expect(console.standardOutput.hasSuffix("5 deleted\n"))
        let tokens = fake.calls.filter { $0.action == "DeleteStack" }.compactMap { $0.parameters["ClientRequestToken"] }
        #expect(tokens.count == 5 && Set(tokens).count == 5)

        // Again: every stack is already gone, which is success, and nothing is called that writes.
        let again = await runInfra(["destroy", "--dir", fixture.path], fake: fake)
        #expect(again.status == 0)
        #expect(deletions(fake).count == 5)
        #expect(again.console.standardOutput.contains("deleted (already gone)"))
        #expect(again.console.standardOutput.hasSuffix("5 deleted\n"))
    }

    @Test func onlyTheSelectedStageIsDeleted() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        #expect(await runInfra(["destroy", "--dir", fixture.path, "--stage", "production", "--yes"], fake: fake).status == 0)
        #expect(Set(deletions(fake)) == ["db", "web", "api"])
        #expect(fake.stack("app", in: "222222222222")?.status == "CREATE_COMPLETE")
        #expect(fake.stack("network", in: "111111111111")?.status == "CREATE_COMPLETE")
        #expect(await runInfra(["destroy", "--dir", fixture.path, "--stack", "app", "--yes"], fake: fake).status == 0)
        #expect(Set(deletions(fake)) == ["db", "web", "api", "app"])
        let producer = await runInfra(["destroy", "--dir", fixture.path, "--stack", "network", "--yes"], fake: fake)
        #expect(producer.status == 0)
        #expect(!producer.console.standardError.contains("warning:"))
    }

    @Test func deletingAProducerWhoseConsumerIsNotSelectedIsSaid() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        let (status, console) = await runInfra(["destroy", "--dir", fixture.path, "--stack", "db", "--yes"], fake: fake)
        #expect(status == 0)
        #expect(console.standardError.contains("warning: db is deleted while web, not selected, depends on it"))
    }

    @Test func withoutATerminalAndWithoutYesItRefusesAndAnAnswerDecides() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        let refused = await runInfra(["destroy", "--dir", fixture.path], fake: fake)
        #expect(refused.status == 2)
        #expect(refused.console.standardError.contains("refusing to delete 5 stacks without confirmation: standard input is not a terminal and --yes was not given; nothing was deleted"))
        #expect(refused.console.standardError.contains("pass --yes"))
        let declined = await runInfra(["destroy", "--dir", fixture.path, "--stage", "development"], fake: fake, console: CapturingConsole(interactive: true, answers: ["n"]))
        #expect(declined.status == 1)
        #expect(declined.console.standardError.contains("development / 222222222222 / app (eu-west-1) CREATE_COMPLETE"))
        #expect(declined.console.standardError.contains("Delete them? [y/N]"))
        #expect(deletions(fake).isEmpty)
        let confirmed = await runInfra(["destroy", "--dir", fixture.path, "--stage", "development"], fake: fake, console: CapturingConsole(interactive: true, answers: ["yes"]))
        #expect(confirmed.status == 0)
        #expect(deletions(fake) == ["app"])
    }

    @Test func terminationProtectionRefusesTheWholeRunSayingHowToLiftIt() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        var db = try #require(fake.stack("db", in: "666666666666"))
        db.terminationProtection = true
        fake.put(db)
        let (status, console) = await runInfra(["destroy", "--dir", fixture.path, "--yes"], fake: fake)
        #expect(status == 1)
        #expect(console.standardError.contains("stack 'db' (account 666666666666, region eu-west-1): has termination protection; nothing was deleted"))
        #expect(console.standardError.contains("aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name db --region eu-west-1"))
        #expect(deletions(fake).isEmpty)
    }

    @Test func aFailedDeletionExitsOneWithItsEventsAndKeepsItsProducers() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        fake.deleteOutcomes["app"] = .init(statuses: ["DELETE_IN_PROGRESS", "DELETE_FAILED"],
                                           failures: [("Bucket", "AWS::S3::Bucket", "DELETE_FAILED", "The bucket you tried to delete is not empty")])
        let (status, console) = await runInfra(["destroy", "--dir", fixture.path, "--stack", "app", "--stack", "network", "--yes"], fake: fake)
        #expect(status == 1)
        #expect(console.standardError.contains("error: stack 'app' (account 222222222222, region eu-west-1): could not be deleted: DELETE_FAILED"))
        #expect(console.standardError.contains("event: Bucket (AWS::S3::Bucket) DELETE_FAILED: The bucket you tried to delete is not empty"))
        #expect(deletions(fake) == ["app"])
        #expect(fake.stack("network", in: "111111111111")?.status == "CREATE_COMPLETE")
        #expect(console.standardOutput.contains("network  skipped"))
    }

    @Test func retainedResourcesAreReported() async throws {
        let fixture = try fixture()
        defer { fixture.remove() }
        let fake = FakeCloudFormation()
        try await deployed(fake, fixture)
        fake.deleteOutcomes["app"] = .init(statuses: ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"], failures: [("Logs", "AWS::S3::Bucket", "DELETE_SKIPPED", "")])
        let (status, console) = await runInfra(["destroy", "--dir", fixture.path, "--stack", "app", "--yes"], fake: fake)
        #expect(status == 0)
        #expect(console.standardOutput.contains("retained by CloudFormation in app (account 222222222222): Logs (AWS::S3::Bucket) Logs"))
    }

    @Test func consumersComeBeforeProducersInsideAStage() {
        let a = ArtifactFixture.stack("a", account: "111111111111", stage: "s")
        let b = ArtifactFixture.stack("b", account: "111111111111", stage: "s", dependencies: ["a"])
        let c = ArtifactFixture.stack("c", account: "111111111111", stage: "s", dependencies: ["b"])
        #expect(RolloutEngine.consumersFirst([a, b, c]).map(\.name) == ["c", "b", "a"])
        #expect(RolloutEngine.consumersFirst([c, a, b]).map(\.name) == ["c", "b", "a"])
    }

    @Test func destroyParses() throws {
        #expect(try ArgumentParser.parse(["destroy", "--stage", "production", "--yes"]) == .destroy(Selection(stages: ["production"]), yes: true))
        #expect(try ArgumentParser.parse(["destroy", "--stack", "a", "--stack", "b"]) == .destroy(Selection(stacks: ["a", "b"]), yes: false))
    }
}
