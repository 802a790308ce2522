import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// Stack settings against the recorded-XML fake (moto 5.2 implements neither UpdateTerminationProtection
/// nor the stack policy calls): applied on deploy, shown by plan, and a no-op re-run writes nothing.
@Suite struct StackSettingsTests {
    static let policy = #"{"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]}"#
    static let role = "arn:aws:iam::222222222222:role/cloudformation-deploy"
    static let topic = "arn:aws:sns:eu-west-1:222222222222:stack-events"

    private func fixture(_ settings: Manifest.StackSettings) throws -> ArtifactFixture {
        var stack = ArtifactFixture.stack("app", account: "222222222222", stage: "development")
        stack.settings = settings
        return try ArtifactFixture(stacks: [stack], templates: [:])
    }

    private func call(_ fake: FakeCloudFormation, _ action: String) -> [String: String]? { fake.calls.last { $0.action == action }?.parameters }

    @Test func deployAppliesEverySettingAndANoOpRerunWritesNothing() async throws {
        let all = Manifest.StackSettings(terminationProtection: true, stackPolicy: Self.policy, notificationARNs: [Self.topic], serviceRoleARN: Self.role)
        let manifest = try fixture(all)
        defer { manifest.remove() }
        let fake = FakeCloudFormation()
        let first = await runInfra(["deploy", "--dir", manifest.path], fake: fake)
        #expect(first.status == 0, "\(first.console.standardError)")
        #expect(fake.writes == ["CreateChangeSet", "ExecuteChangeSet", "UpdateTerminationProtection", "SetStackPolicy"])
        #expect(call(fake, "CreateChangeSet")?["RoleARN"] == Self.role)
        #expect(call(fake, "CreateChangeSet")?["NotificationARNs.member.1"] == Self.topic)
        let deployed = try #require(fake.stack("app", in: "222222222222"))
        #expect(deployed.terminationProtection && deployed.stackPolicy == Self.policy && deployed.roleARN == Self.role && deployed.notificationARNs == [Self.topic])

        let before = fake.writes.count
        let again = await runInfra(["deploy", "--dir", manifest.path], fake: fake)
        #expect(again.status == 0)
        #expect(fake.writes.count == before)
        #expect(again.console.standardOutput.contains("unchanged"))
        let plan = await runInfra(["plan", "--dir", manifest.path], fake: fake)
        #expect(plan.console.standardOutput.contains("app (eu-west-1): no change"))
        #expect(!plan.console.standardOutput.contains("setting:"))
    }

    @Test func planShowsEachChangedSettingAndDeployMakesOnlyItsCall() async throws {
        let fake = FakeCloudFormation()
        let guarded = try fixture(.init(terminationProtection: true, stackPolicy: Self.policy))
        defer { guarded.remove() }
        #expect(await runInfra(["deploy", "--dir", guarded.path], fake: fake).status == 0)

        let deny = #"{"Statement": [{"Effect": "Deny", "Action": "Update:Replace", "Principal": "*", "Resource": "*"}]}"#
        let changed = try fixture(.init(terminationProtection: false, stackPolicy: deny, serviceRoleARN: Self.role))
        defer { changed.remove() }
        let plan = await runInfra(["plan", "--dir", changed.path], fake: fake)
        #expect(plan.status == 0, "\(plan.console.standardError)")
        let text = plan.console.standardOutput
        #expect(text.contains("app (eu-west-1): update"))
        #expect(text.contains("  setting: termination protection: on → off\n"))
        #expect(text.contains("  setting: stack policy: deployed policy → the manifest's policy\n"))
        #expect(text.contains("  setting: service role: (none) → \(Self.role)\n"))
        let json = try JSONValue.parse(Array(await runInfra(["plan", "--dir", changed.path, "--output", "json"], fake: fake).console.standardOutput.utf8))
        guard case .list(let plans)? = json["stacks"], case .list(let settings)? = plans.first?["settings"] else {
            Issue.record("plan JSON has no settings")
            return
        }
        #expect(settings.count == 3)

        let writes = fake.writes.count
        let deployed = await runInfra(["deploy", "--dir", changed.path], fake: fake)
        #expect(deployed.status == 0, "\(deployed.console.standardError)")
        // The role alone changes no resource: the empty change set is deleted and UpdateStack carries the role.
        #expect(Array(fake.writes.dropFirst(writes)) == ["CreateChangeSet", "DeleteChangeSet", "UpdateStack", "UpdateTerminationProtection", "SetStackPolicy"])
        let stack = try #require(fake.stack("app", in: "222222222222"))
        #expect(!stack.terminationProtection && stack.stackPolicy == deny && stack.roleARN == Self.role)
        // Formatting alone is no change of the policy.
        let reformatted = try fixture(.init(terminationProtection: false, stackPolicy: "{\"Statement\":[{\"Resource\":\"*\",\"Principal\":\"*\",\"Action\":\"Update:Replace\",\"Effect\":\"Deny\"}]}", serviceRoleARN: Self.role))
        defer { reformatted.remove() }
        let settled = fake.writes.count
        #expect(await runInfra(["deploy", "--dir", reformatted.path], fake: fake).status == 0)
        #expect(fake.writes.count == settled)
    }

    @Test func onlyTheNotificationTopicsChangingIsAnUpdateStack() async throws {
        let fake = FakeCloudFormation()
        let plain = try fixture(.init())
        defer { plain.remove() }
        #expect(await runInfra(["deploy", "--dir", plain.path, "--method", "direct"], fake: fake).status == 0)
        let notified = try fixture(.init(notificationARNs: [Self.topic]))
        defer { notified.remove() }
        let plan = await runInfra(["plan", "--dir", notified.path], fake: fake)
        #expect(plan.console.standardOutput.contains("  setting: notification ARNs: (none) → \(Self.topic)\n"))
        let writes = fake.writes.count
        #expect(await runInfra(["deploy", "--dir", notified.path, "--method", "direct"], fake: fake).status == 0)
        #expect(Array(fake.writes.dropFirst(writes)) == ["UpdateStack"])
        #expect(call(fake, "UpdateStack")?["NotificationARNs.member.1"] == Self.topic)
        #expect(fake.stack("app", in: "222222222222")?.notificationARNs == [Self.topic])
        let settled = fake.writes.count
        #expect(await runInfra(["deploy", "--dir", notified.path], fake: fake).status == 0)
        #expect(fake.writes.count == settled)
    }

    @Test func settingsNeedManifestVersionTwoAndWithoutThemItStaysOne() throws {
        var stack = ArtifactFixture.stack("app", account: "222222222222", stage: nil)
        stack.templateSHA256 = String(repeating: "a", count: 64)
        #expect(Manifest(stages: [], stacks: [stack]).writtenVersion == 1)
        stack.settings = .init(terminationProtection: true, stackPolicy: Self.policy, notificationARNs: [Self.topic], serviceRoleARN: Self.role)
        let manifest = Manifest(stages: [], stacks: [stack])
        let text = JSONWriter.write(manifest.json)
        #expect(text.hasPrefix("{\n  \"version\": 2,"))
        #expect(try Manifest.parse(Array(text.utf8)) == manifest)
        let downgraded = text.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1")
        #expect(throws: ArtifactError.self) { try Manifest.parse(Array(downgraded.utf8)) }
    }
}
