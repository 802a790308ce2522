import Foundation
@testable import InfraDeploy
import Testing

private let devAccount = "222222222222"

/// `--method direct`: CreateStack/UpdateStack against the recorded-XML fake.
@Suite struct DirectDeployTests {
    private let direct = RolloutOptions(approval: .never, pollInterval: .milliseconds(1), method: .direct)

    @Test func createsAndUpdatesWithoutChangeSetsStreamingEventsWithAClientRequestToken() async throws {
        let harness = try LifecycleHarness([ArtifactFixture.stack("app", account: devAccount, stage: "development", tags: [StackTag(key: "team", value: "platform")])])
        defer { harness.artifacts.remove() }
        let first = try await harness.deploy(direct)
        #expect(first.results.map(\.outcome) == [.created], "\(first.firstError.map { "\($0)" } ?? "")")
        #expect(first.results.first?.status == "CREATE_COMPLETE")
        #expect(harness.fake.writes == ["CreateStack"])
        let create = try #require(harness.fake.calls.first { $0.action == "CreateStack" })
        #expect(create.account == devAccount)
        #expect(create.parameters["ClientRequestToken"]?.hasPrefix("infra-") == true)
        #expect(create.parameters["Capabilities.member.1"] == "CAPABILITY_NAMED_IAM")
        #expect(create.parameters["Tags.member.1.Key"] == "team")
        #expect(harness.events.all.contains("app: event Topic CREATE_IN_PROGRESS"))
        #expect(harness.events.all.contains("app: event app CREATE_COMPLETE"))

        let unchanged = try await harness.deploy(direct)
        #expect(unchanged.results.map(\.outcome) == [.unchanged])
        #expect(harness.fake.writes == ["CreateStack"])

        try harness.change("app", to: ArtifactFixture.template(["Topic": "AWS::SNS::Topic", "Queue": "AWS::SQS::Queue"]))
        let updated = try await harness.deploy(direct)
        #expect(updated.results.map(\.outcome) == [.updated])
        #expect(updated.results.first?.status == "UPDATE_COMPLETE")
        #expect(harness.fake.writes == ["CreateStack", "UpdateStack"])
        let update = try #require(harness.fake.calls.first { $0.action == "UpdateStack" })
        #expect(update.parameters["ClientRequestToken"]?.hasPrefix("infra-") == true)
        #expect(harness.fake.stack("app", in: devAccount)?.template.contains("Queue") == true)
    }

    @Test func noUpdatesToPerformIsSuccess() async throws {
        let harness = try LifecycleHarness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "CREATE_COMPLETE", template: ArtifactFixture.template(["Old": "AWS::SNS::Topic"]))
        harness.fake.injected["UpdateStack"] = [xml(Fixture.text("Error.NoUpdates.xml"), status: 400)]
        let report = try await harness.deploy(direct)
        #expect(report.results.map(\.outcome) == [.unchanged], "\(report.firstError.map { "\($0)" } ?? "")")
        #expect(report.succeeded)
        #expect(harness.fake.writes == ["UpdateStack"])
    }

    @Test func aFailedFirstCreationIsReportedWithItsEventsAndRecreatedOnRequest() async throws {
        let harness = try LifecycleHarness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.outcomes["app"] = .init(statuses: ["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"],
                                             failures: [("Topic", "AWS::SNS::Topic", "CREATE_FAILED", "Topic name already taken")])
        let failed = try await harness.deploy(direct)
        #expect(failed.results.map(\.outcome) == [.failed])
        let error = try #require(failed.firstError)
        #expect(error.message.contains("ended in ROLLBACK_COMPLETE"))
        #expect(error.events.contains("Topic (AWS::SNS::Topic) CREATE_FAILED: Topic name already taken"))
        #expect(error.remedy?.contains("--recreate-failed") == true)

        harness.fake.outcomes["app"] = nil
        let refused = try await harness.deploy(direct)
        #expect(refused.results.map(\.outcome) == [.failed])
        #expect(refused.firstError?.message.contains("is in ROLLBACK_COMPLETE") == true)
        var recreate = direct
        recreate.recreateFailed = true
        let recreated = try await harness.deploy(recreate)
        #expect(recreated.results.map(\.outcome) == [.created])
        #expect(harness.fake.writes == ["CreateStack", "DeleteStack", "CreateStack"])
    }

    @Test func aBroadeningDirectChangeStillNeedsApproval() async throws {
        let role = #"{"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}"#
        let harness = try LifecycleHarness([ArtifactFixture.stack("app", account: devAccount, stage: "development")],
                                           templates: ["app": ArtifactFixture.template(["Role": "AWS::IAM::Role"], properties: ["Role": role])])
        defer { harness.artifacts.remove() }
        var options = direct
        options.approval = .broadening
        let declined = try await harness.deploy(options, approval: .declined)
        #expect(declined.results.map(\.outcome) == [.notApproved])
        #expect(declined.firstError?.message == "direct CreateStack (no change set) was not approved; nothing was changed")
        #expect(harness.fake.writes.isEmpty)
        let approved = try await harness.deploy(options, approval: .approved)
        #expect(approved.results.map(\.outcome) == [.created])
    }

    @Test func templateChangesAreReadFromTheTemplates() {
        let old = ArtifactFixture.template(["Keep": "AWS::SNS::Topic", "Gone": "AWS::SQS::Queue", "Edit": "AWS::SNS::Topic"])
        let new = ArtifactFixture.template(["Keep": "AWS::SNS::Topic", "New": "AWS::SQS::Queue", "Edit": "AWS::SNS::Topic"], properties: ["Edit": #"{"TopicName": "x"}"#])
        let changes = StackDeployer.templateChanges(deployed: old, local: new).map { "\($0.action) \($0.logicalResourceID) \($0.resourceType)" }
        #expect(changes == ["Modify Edit AWS::SNS::Topic", "Remove Gone AWS::SQS::Queue", "Add New AWS::SQS::Queue"])
    }
}
