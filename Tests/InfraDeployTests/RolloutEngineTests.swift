import Foundation
@testable import InfraDeploy
import Testing

private let devAccount = "222222222222"
private let prodAccount = "555555555555"
private let toolAccount = "111111111111"

/// A rollout against ``FakeCloudFormation`` (recorded XML), with the base credentials `AKIABASE`.
private typealias Harness = LifecycleHarness

/// The input error `body` throws; records an issue when it does not.
private func refusal(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async throws -> RolloutError {
    do {
        try await body()
    } catch let error as RolloutError {
        return error
    }
    Issue.record("no refusal", sourceLocation: sourceLocation)
    throw TestFailure("no refusal")
}

@Suite struct RolloutEngineTests {
    @Test func createsANewStackWithAnExplicitCreateChangeSetAndStreamsItsEvents() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development", tags: [StackTag(key: "team", value: "platform")])])
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy()
        #expect(report.succeeded)
        #expect(harness.outcome(report, "app") == .created)
        #expect(report.results.first?.status == "CREATE_COMPLETE")
        let create = try #require(harness.fake.calls.first { $0.action == "CreateChangeSet" })
        #expect(create.parameters["ChangeSetType"] == "CREATE")
        #expect(create.parameters["Capabilities.member.1"] == "CAPABILITY_NAMED_IAM")
        #expect(create.parameters["Tags.member.1.Key"] == "team")
        #expect(create.account == devAccount)  // through the assumed role
        #expect(harness.fake.actions(in: FakeCloudFormation.baseAccount) == ["AssumeRole"])
        #expect(harness.fake.writes == ["CreateChangeSet", "ExecuteChangeSet"])
        #expect(harness.events.all.contains("app: event Topic CREATE_IN_PROGRESS"))
        #expect(harness.events.all.contains("app: event app CREATE_COMPLETE"))
        #expect(harness.fake.stack("app", in: devAccount)?.status == "CREATE_COMPLETE")
    }

    @Test func anUnchangedStackGetsNoWriteCall() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development", parameters: [.value(name: "Size", value: "2")])])
        defer { harness.artifacts.remove() }
        // Same meaning, different bytes: key order and spacing do not count as a change.
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: #"{ "Resources" : { "Topic" : { "Type" : "AWS::SNS::Topic" } } }"#, parameters: ["Size": "2"])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .unchanged)
        #expect(harness.fake.writes.isEmpty)
        #expect(harness.fake.actions(in: devAccount) == ["DescribeStacks", "GetTemplate"])
    }

    @Test func aChangedParameterUpdatesThroughAnUpdateChangeSet() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development", parameters: [.value(name: "Size", value: "3")])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "CREATE_COMPLETE", template: ArtifactFixture.template(), parameters: ["Size": "2"])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .updated)
        #expect(harness.fake.calls.first { $0.action == "CreateChangeSet" }?.parameters["ChangeSetType"] == "UPDATE")
        #expect(harness.fake.calls.first { $0.action == "CreateChangeSet" }?.parameters["Parameters.member.1.ParameterValue"] == "3")
        #expect(harness.fake.stack("app", in: devAccount)?.parameters == ["Size": "3"])
    }

    @Test func defaultedParametersCountAsUnchanged() async throws {
        let template = #"{"Parameters": {"Retention": {"Type": "Number", "Default": 30}, "Image": {"Type": "String", "Default": "jenkins/inbound-agent"}, "Subnets": {"Type": "CommaDelimitedList", "Default": ["a", "b"]}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}"#
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development", parameters: [.value(name: "Image", value: "custom")])], templates: ["app": template])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: template, parameters: ["Retention": "30", "Image": "custom", "Subnets": "a,b"])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .unchanged)
        #expect(harness.fake.writes.isEmpty)
        #expect(!TemplateComparison.parametersEqual(deployed: [StackParameter(key: "Retention", value: "7")], wanted: [], template: template))
    }

    @Test func aTemplateTooLargeToSendInlineIsAnInputError() async throws {
        let big = "{\"Description\": \"\(String(repeating: "x", count: 52_000))\", \"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}"
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": big])
        defer { harness.artifacts.remove() }
        let error = try await refusal { _ = try await harness.deploy() }
        #expect(error.message.contains("at most 51,200 bytes inline"))
        #expect(harness.fake.calls.isEmpty)
    }

    @Test func aTemplateInALaterStageThatCannotBeSentStopsTheRunBeforeTheFirstWrite() async throws {
        let big = "{\"Description\": \"\(String(repeating: "x", count: 52_000))\", \"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}"
        let harness = try Harness([ArtifactFixture.stack("first", account: devAccount, stage: "development"),
                                   ArtifactFixture.stack("second", account: devAccount, stage: "development"),
                                   ArtifactFixture.stack("late", account: prodAccount, stage: "production"),
                                   ArtifactFixture.stack("later", account: prodAccount, stage: "production")],
                                  templates: ["late": big, "later": big])
        defer { harness.artifacts.remove() }
        let error = try await refusal { _ = try await harness.deploy() }
        #expect(error.code == .input)
        #expect(error.context.stack == "late")
        #expect(error.message.contains("nothing was deployed; refused as well: later"), "\(error.message)")
        #expect(harness.fake.calls.isEmpty)
        // plan refuses the same stack, before it asks CloudFormation anything.
        let planned = try await refusal { _ = try await harness.engine().plan(stages: nil, stacks: []) }
        #expect(planned.context.stack == "late")
        #expect(harness.fake.calls.isEmpty)
    }

    @Test func anEmptyChangeSetIsSuccessAndIsDeleted() async throws {
        // A NoEcho parameter reads back as ****, so the deployer cannot tell; CloudFormation can.
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development", parameters: [.value(name: "Secret", value: "****")])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template(), parameters: ["Secret": "****"])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .unchanged)
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
        #expect(harness.fake.stack("app", in: devAccount)?.changeSets.isEmpty == true)
    }

    @Test func noUpdatesToPerformAsAChangeSetReasonIsSuccess() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        harness.fake.injected["DescribeChangeSet"] = [xml(Fixture.fill("DescribeChangeSet.xml", [
            "ChangeSetName": "x", "ChangeSetId": "arn:x", "StackId": "arn:y", "StackName": "app", "ExecutionStatus": "UNAVAILABLE", "Status": "FAILED",
            "StatusReason": "<StatusReason>No updates are to be performed.</StatusReason>", "Changes": "",
        ]))]
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .unchanged)
        #expect(!harness.fake.writes.contains("ExecuteChangeSet"))
        #expect(harness.fake.writes.contains("DeleteChangeSet"))
    }

    @Test func noUpdatesToPerformAsAnErrorIsSuccess() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        harness.fake.injected["CreateChangeSet"] = [xml(Fixture.text("Error.NoUpdates.xml"), status: 400)]
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .unchanged)
        #expect(harness.fake.writes == ["CreateChangeSet"])
    }

    @Test func motosMixedErrorShapeIsReadAsAnAWSError() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.injected["DescribeStacks"] = [HTTPResponse(status: 403, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(Fixture.text("Error.SignatureDoesNotMatch.Moto.xml").utf8))]
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.description.contains("SignatureDoesNotMatch: The request signature we calculated does not match"), "\(error)")
    }

    @Test func formBodiesEncodeSpacesAsTheSDKsDo() {
        #expect(QueryClient.formBody(action: "A", version: "1", parameters: [("TemplateBody", "{\"a b\": \"c+d ~e*\"}")])
            == "Action=A&Version=1&TemplateBody=%7B%22a+b%22%3A+%22c%2Bd+~e%2A%22%7D")
    }

    @Test func rollbackCompleteIsRefusedWithoutRecreateFailedAndNamesTheCause() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development"), ArtifactFixture.stack("later", account: prodAccount, stage: "production")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "ROLLBACK_COMPLETE", events: [
            ("app", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"),
            ("Topic", "AWS::SNS::Topic", "CREATE_FAILED", "Resource handler returned message: \"Invalid parameter: TopicName\""),
            ("app", "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Topic]."),
            ("app", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE", nil),
        ])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .failed)
        #expect(harness.outcome(report, "later") == .skipped)
        let error = try #require(report.firstError)
        #expect(error.exitStatus == 1)
        #expect(error.context == RolloutError.Context(stack: "app", account: devAccount, region: "eu-west-1"))
        #expect(error.description.contains("ROLLBACK_COMPLETE"))
        #expect(error.description.contains("--recreate-failed"))
        #expect(error.events == ["Topic (AWS::SNS::Topic) CREATE_FAILED: Resource handler returned message: \"Invalid parameter: TopicName\""])
        #expect(harness.fake.writes.isEmpty)
        #expect(harness.fake.actions(in: prodAccount).isEmpty)
    }

    @Test func rollbackCompleteIsDeletedAndRecreatedWithRecreateFailed() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "ROLLBACK_COMPLETE")
        let report = try await harness.deploy(RolloutOptions(approval: .never, recreateFailed: true))
        #expect(harness.outcome(report, "app") == .created)
        #expect(harness.fake.writes == ["DeleteStack", "CreateChangeSet", "ExecuteChangeSet"])
        #expect(harness.fake.calls.first { $0.action == "CreateChangeSet" }?.parameters["ChangeSetType"] == "CREATE")
    }

    @Test func createFailedCountsAsNeverCreated() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "CREATE_FAILED", reason: "The following resource(s) failed to create: [Topic].")
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .failed)
        #expect(report.firstError?.message.contains("CREATE_FAILED") == true)
    }

    @Test func updateRollbackFailedNeedsAPersonAndSaysHow() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_ROLLBACK_FAILED", events: [
            ("app", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
            ("Topic", "AWS::SNS::Topic", "UPDATE_FAILED", "Access denied"),
            ("Topic", "AWS::SNS::Topic", "UPDATE_FAILED", "Rollback failed: access denied"),
        ])
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.description.contains("continue-update-rollback"))
        #expect(error.events.count == 2)
        #expect(harness.fake.writes.isEmpty)
    }

    @Test func updateRollbackCompleteIsAHealthyStartingPoint() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_ROLLBACK_COMPLETE", template: ArtifactFixture.template())
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .updated)
    }

    @Test func aFailedUpdateEndsInUpdateRollbackCompleteAndStopsLaterStages() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development"), ArtifactFixture.stack("prod", account: prodAccount, stage: "production")],
                                  templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "CREATE_COMPLETE", template: ArtifactFixture.template())
        harness.fake.outcomes["app"] = .init(statuses: ["UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"],
                                             failures: [("Queue", "AWS::SQS::Queue", "CREATE_FAILED", "Queue name already exists")])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .failed)
        #expect(harness.outcome(report, "prod") == .skipped)
        let error = try #require(report.firstError)
        #expect(error.message.contains("UPDATE_ROLLBACK_COMPLETE"))
        #expect(error.events == ["Queue (AWS::SQS::Queue) CREATE_FAILED: Queue name already exists"])
        #expect(harness.fake.actions(in: prodAccount).isEmpty)
        #expect(harness.events.all.contains("app: event Queue CREATE_FAILED"))
    }

    @Test func aFailedCreateEndsInRollbackCompleteAndPointsAtRecreateFailed() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.outcomes["app"] = .init(statuses: ["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"], failures: [("Topic", "AWS::SNS::Topic", "CREATE_FAILED", "denied")])
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.message.contains("ROLLBACK_COMPLETE"))
        #expect(error.remedy?.contains("--recreate-failed") == true)
    }

    @Test func anOperationInProgressIsWaitedForFirst() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_IN_PROGRESS", template: ArtifactFixture.template(),
                          upcoming: ["UPDATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"])
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .unchanged)
        #expect(harness.fake.writes.isEmpty)
        #expect(harness.events.all.contains("app: UPDATE_IN_PROGRESS in progress; waiting for it to finish"))
    }

    @Test func reviewInProgressFromAnInterruptedCreateIsRecovered() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "REVIEW_IN_PROGRESS")
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .created)
        #expect(harness.fake.writes == ["DeleteStack", "CreateChangeSet", "ExecuteChangeSet"])
    }

    @Test func aReviewInProgressStackHoldingSomeoneElsesChangeSetIsNotDeleted() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "REVIEW_IN_PROGRESS")
        var stack = try #require(harness.fake.stack("app", in: devAccount))
        stack.changeSets["under-review"] = .init(name: "under-review", id: "arn:review", type: "CREATE", template: "{}", parameters: [:], tags: [:], status: "CREATE_COMPLETE", executionStatus: "AVAILABLE", reason: nil, changes: [])
        harness.fake.put(stack)
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.message.contains("change set 'under-review', which infra did not create"), "\(error.message)")
        #expect(harness.fake.writes.isEmpty)
        #expect(harness.fake.stack("app", in: devAccount)?.changeSets["under-review"] != nil)
    }

    @Test func changeSetsLeftByAnInterruptedRunAreDeletedFirst() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        var stack = try #require(harness.fake.stack("app", in: devAccount))
        stack.changeSets["infra-20261126-090000-1"] = .init(name: "infra-20261126-090000-1", id: "arn:old", type: "UPDATE", template: "{}", parameters: [:], tags: [:], status: "CREATE_COMPLETE", executionStatus: "AVAILABLE", reason: nil, changes: [])
        stack.changeSets["someone-elses"] = .init(name: "someone-elses", id: "arn:other", type: "UPDATE", template: "{}", parameters: [:], tags: [:], status: "CREATE_COMPLETE", executionStatus: "AVAILABLE", reason: nil, changes: [])
        harness.fake.put(stack)
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .updated)
        let deleted = harness.fake.calls.filter { $0.action == "DeleteChangeSet" }.map { $0.parameters["ChangeSetName"] }
        #expect(deleted == ["infra-20261126-090000-1"])
        #expect(harness.fake.stack("app", in: devAccount)?.changeSets.keys.sorted() == ["someone-elses"])
    }

    @Test func aFailedChangeSetIsDeletedAndReported() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        harness.fake.injected["DescribeChangeSet"] = [xml(Fixture.fill("DescribeChangeSet.xml", [
            "ChangeSetName": "x", "ChangeSetId": "arn:x", "StackId": "arn:y", "StackName": "app", "ExecutionStatus": "UNAVAILABLE", "Status": "FAILED",
            "StatusReason": "<StatusReason>Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template</StatusReason>", "Changes": "",
        ]))]
        let report = try await harness.deploy()
        #expect(harness.outcome(report, "app") == .failed)
        #expect(report.firstError?.message.contains("Unresolved resource dependencies [Missing]") == true)
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
    }

    @Test func broadeningChangesNeedApprovalAndWithoutAnAnswerNothingIsExecuted() async throws {
        let role = #"{"RoleName": "deploy", "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}]}}"#
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")],
                                  templates: ["app": ArtifactFixture.template(["Role": "AWS::IAM::Role"], properties: ["Role": role])])
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy(RolloutOptions(approval: .broadening), approval: .unavailable("standard input is not a terminal and --yes was not given"))
        #expect(harness.outcome(report, "app") == .notApproved)
        let error = try #require(report.firstError)
        #expect(error.description.contains("--yes"))
        #expect(error.exitStatus == 1)
        #expect(!harness.fake.writes.contains("ExecuteChangeSet"))
        // The CREATE change set's empty REVIEW_IN_PROGRESS stack is removed again.
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteStack"])
    }

    @Test func narrowingAndNonSecurityChangesNeedNoApprovalUnderBroadening() async throws {
        let wide = #"{"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:*", "sqs:*"], "Resource": "*"}]}, "PolicyName": "p", "Roles": ["r"]}"#
        let narrow = #"{"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:*", "sqs:*"], "Resource": "*"}]}, "PolicyName": "p", "Roles": ["r"]}"#
        let local = ArtifactFixture.template(["Policy": "AWS::IAM::Policy", "Queue": "AWS::SQS::Queue"], properties: ["Policy": narrow])
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": local])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template(["Policy": "AWS::IAM::Policy"], properties: ["Policy": wide]))
        let report = try await harness.deploy(RolloutOptions(approval: .broadening), approval: .declined)
        #expect(harness.outcome(report, "app") == .updated)
        #expect(TemplateComparison.broadening(deployed: ArtifactFixture.template(["Policy": "AWS::IAM::Policy"], properties: ["Policy": wide]),
                                              local: ArtifactFixture.template(["Policy": "AWS::IAM::Policy"], properties: ["Policy": #"{"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:*", "sqs:*", "iam:*"], "Resource": "*"}]}}"#])).count == 1)
    }

    @Test func anyChangeAsksAndADeclineExecutesNothing() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        let report = try await harness.deploy(RolloutOptions(approval: .anyChange), approval: .declined)
        #expect(harness.outcome(report, "app") == .notApproved)
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
    }

    @Test func outputsAreReadInTheProducersAccountBeforeTheConsumerDeploys() async throws {
        let producer = ArtifactFixture.stack("network", account: toolAccount, stage: nil)
        let consumer = ArtifactFixture.stack("app", account: devAccount, stage: "development", dependencies: ["network"],
                                             parameters: [.fromOutput(name: "VpcId", stack: "network", output: "VpcId"), .value(name: "Size", value: "1")])
        let harness = try Harness([producer, consumer])
        defer { harness.artifacts.remove() }
        harness.fake.seed("network", account: toolAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template(), outputs: ["VpcId": "vpc-0abc"])
        let report = try await harness.deploy()
        #expect(report.succeeded)
        let create = try #require(harness.fake.calls.first { $0.action == "CreateChangeSet" && $0.account == devAccount })
        #expect(create.parameters["Parameters.member.1.ParameterKey"] == "VpcId")
        #expect(create.parameters["Parameters.member.1.ParameterValue"] == "vpc-0abc")
        // The producer was read with the producer account's role, not the consumer's.
        #expect(harness.fake.calls.contains { $0.account == toolAccount && $0.action == "DescribeStacks" })
    }

    @Test func aMissingOutputFailsNamingProducerAndConsumer() async throws {
        let producer = ArtifactFixture.stack("network", account: toolAccount, stage: nil)
        let consumer = ArtifactFixture.stack("app", account: devAccount, stage: "development", parameters: [.fromOutput(name: "VpcId", stack: "network", output: "VpcId")])
        let harness = try Harness([producer, consumer])
        defer { harness.artifacts.remove() }
        harness.fake.seed("network", account: toolAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template(), outputs: ["Other": "x"])
        let report = try await harness.deploy(RolloutOptions(stacks: ["app"], approval: .never))
        let error = try #require(report.firstError)
        #expect(error.description.contains("output VpcId of stack 'network' (account 111111111111, region eu-west-1)"))
        #expect(error.context.stack == "app")
        #expect(harness.fake.writes.isEmpty)
    }

    @Test func stagesRunInOrderAndDependenciesFirstWithinAStage() async throws {
        let stacks = [
            ArtifactFixture.stack("prod", account: prodAccount, stage: "production"),
            ArtifactFixture.stack("app", account: devAccount, stage: "development", dependencies: ["base"]),
            ArtifactFixture.stack("base", account: devAccount, stage: "development"),
            ArtifactFixture.stack("other", account: "333333333333", stage: "development"),
        ]
        let harness = try Harness(stacks)
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy(RolloutOptions(concurrency: 4, approval: .never))
        #expect(report.succeeded)
        let finished = harness.events.all.filter { $0.hasSuffix("finished created") }.map { $0.components(separatedBy: ":")[0] }
        #expect(finished.firstIndex(of: "base")! < finished.firstIndex(of: "app")!)
        #expect(finished.last == "prod")
        #expect(report.results.map(\.stack.name) == ["app", "base", "other", "prod"])
        #expect(harness.events.all.filter { $0.hasPrefix("stage") } == ["stage development", "stage production"])
    }

    @Test func anInterruptBeforeExecutionDeletesTheChangeSetAndSkipsTheRest() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development"), ArtifactFixture.stack("prod", account: prodAccount, stage: "production")],
                                  templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        let interrupter = InterruptingTransport(harness.fake, on: "DescribeChangeSet")
        let environment = testEnvironment(["AWS_REGION": "eu-west-1"], transport: interrupter)
        let sessions = AccountSessions(environment: environment, baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "s")))
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: harness.artifacts.path), sessions: sessions)
        let task = Task { try await engine.deploy(RolloutOptions(approval: .never), approver: FixedApproval(.approved)) { _ in } }
        interrupter.task.set(task)
        let report = try await task.value
        #expect(report.results.map(\.outcome) == [.failed, .skipped])
        #expect(report.firstError?.code == .cancelled)
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
        #expect(harness.fake.stack("app", in: devAccount)?.changeSets.isEmpty == true)
        #expect(harness.fake.actions(in: prodAccount).isEmpty)
    }

    /// Deploys `harness` and interrupts it at `action` while that call is in flight.
    private func interrupted(_ harness: Harness, at action: String) async throws -> RolloutReport {
        let interrupter = InterruptingTransport(harness.fake, on: action, inFlight: true)
        let environment = testEnvironment(["AWS_REGION": "eu-west-1"], transport: interrupter)
        let sessions = AccountSessions(environment: environment, baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "s")))
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: harness.artifacts.path), sessions: sessions)
        let task = Task { try await engine.deploy(RolloutOptions(approval: .never), approver: FixedApproval(.approved)) { _ in } }
        interrupter.task.set(task)
        return try await task.value
    }

    @Test func anInterruptDuringCreateChangeSetWaitsForItsAnswerAndDeletesIt() async throws {
        // An update: the change set the in-flight call created is deleted.
        let update = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { update.artifacts.remove() }
        update.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        let report = try await interrupted(update, at: "CreateChangeSet")
        #expect(report.firstError?.code == .cancelled)
        #expect(update.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
        #expect(update.fake.stack("app", in: devAccount)?.changeSets.isEmpty == true)
        #expect(update.fake.stack("app", in: devAccount)?.status == "UPDATE_COMPLETE")

        // A new stack: the REVIEW_IN_PROGRESS stack holding the change set goes with it.
        let create = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { create.artifacts.remove() }
        _ = try await interrupted(create, at: "CreateChangeSet")
        #expect(create.fake.writes == ["CreateChangeSet", "DeleteStack"])
        #expect(create.fake.stack("app", in: devAccount)?.status.hasPrefix("DELETE_") == true)
    }

    @Test func anInterruptDuringExecuteChangeSetNeverDeletesTheExecutingStack() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        let report = try await interrupted(harness, at: "ExecuteChangeSet")
        #expect(report.firstError?.code == .cancelled)
        #expect(!harness.fake.writes.contains("DeleteStack"))
        #expect(!harness.fake.writes.contains("DeleteChangeSet"))
        #expect(harness.fake.stack("app", in: devAccount)?.status != "DELETE_COMPLETE")
    }

    @Test func differentAccountsDeployInParallelAndOneAccountOneStackAtATime() async throws {
        let stacks = [
            ArtifactFixture.stack("a1", account: devAccount, stage: "development"),
            ArtifactFixture.stack("a2", account: devAccount, stage: "development"),
            ArtifactFixture.stack("b", account: "333333333333", stage: "development"),
            ArtifactFixture.stack("c", account: "444444444444", stage: "development"),
        ]
        for (concurrency, expectedAccounts) in [(4, 3), (1, 1)] {
            let harness = try Harness(stacks)
            defer { harness.artifacts.remove() }
            let slow = SlowTransport(harness.fake)
            let environment = testEnvironment(["AWS_REGION": "eu-west-1"], transport: slow)
            let sessions = AccountSessions(environment: environment, baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "s")))
            let report = try await RolloutEngine(artifacts: try ArtifactFolder.load(path: harness.artifacts.path), sessions: sessions)
                .deploy(RolloutOptions(concurrency: concurrency, approval: .never), approver: FixedApproval(.approved)) { _ in }
            #expect(report.succeeded)
            #expect(slow.maxAccountsInFlight == expectedAccounts, "concurrency \(concurrency)")
            #expect(slow.maxStacksInFlightPerAccount == 1)
        }
    }

    @Test func theCurrentCredentialsMustActInTheManifestsAccount() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development", role: false)])
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.description.contains("the current credentials act in account 999999999999"))
        #expect(error.description.contains("deploys this stack to account 222222222222"))
        #expect(harness.fake.writes.isEmpty)
    }

    @Test func selectionByStageAndStackAndUnknownNamesAreInputErrors() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development"), ArtifactFixture.stack("prod", account: prodAccount, stage: "production")])
        defer { harness.artifacts.remove() }
        let engine = try harness.engine()
        #expect(try engine.selection(stages: ["production"], stacks: []).flatMap(\.stacks).map(\.name) == ["prod"])
        #expect(try engine.selection(stages: nil, stacks: ["app"]).flatMap(\.stacks).map(\.name) == ["app"])
        #expect(throws: RolloutError.self) { try engine.selection(stages: ["staging"], stacks: []) }
        do {
            _ = try engine.selection(stages: nil, stacks: ["nope"])
        } catch let error as RolloutError {
            #expect(error.exitStatus == 2)
            #expect(error.message.contains("unknown stack 'nope'"))
        }
    }

    @Test func bothXMLErrorShapesAndHTMLPagesAreHandled() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")])
        defer { harness.artifacts.remove() }
        harness.fake.injected["DescribeStacks"] = [
            xml(Fixture.text("Error.InternalFailure.html"), status: 500),
            xml(Fixture.text("Error.Throttling.xml"), status: 400),
            xml(Fixture.fill("Error.AccessDenied.ResponseShape.xml", ["Account": devAccount]), status: 403),
        ]
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.description.contains("AccessDenied"))
        #expect(error.description.contains("not authorized to perform: cloudformation:DescribeStacks"))
        #expect(error.context.account == devAccount)
        #expect(harness.fake.actions(in: devAccount).filter { $0 == "DescribeStacks" }.count == 3)
    }

    @Test func planReportsCreateUpdateWithReplacementsAndNoChangeAndDeletesItsChangeSet() async throws {
        let harness = try Harness([
            ArtifactFixture.stack("new", account: devAccount, stage: "development"),
            ArtifactFixture.stack("same", account: prodAccount, stage: "production"),
            ArtifactFixture.stack("changed", account: toolAccount, stage: nil),
        ], templates: ["changed": ArtifactFixture.template(["Topic": "AWS::SNS::Topic"], properties: ["Topic": #"{"TopicName": "b"}"#])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("same", account: prodAccount, status: "CREATE_COMPLETE", template: ArtifactFixture.template())
        harness.fake.seed("changed", account: toolAccount, status: "CREATE_COMPLETE", template: ArtifactFixture.template(["Topic": "AWS::SNS::Topic"], properties: ["Topic": #"{"TopicName": "a"}"#]))
        harness.fake.replacing = ["Topic"]
        let plans = try await harness.engine().plan(stages: nil, stacks: [])
        // Rollout order: the stack without a stage first.
        #expect(plans.map(\.stack.name) == ["changed", "new", "same"])
        #expect(plans.map(\.action) == [.update, .create, .noChange])
        #expect(plans[0].changes.map(\.replacement) == ["True"])
        #expect(plans[1].changes.map(\.logicalResourceID) == ["Topic"])
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
        #expect(harness.fake.stack("changed", in: toolAccount)?.status == "CREATE_COMPLETE")
    }

    @Test func planWaitsForAPendingChangeSet() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        harness.fake.injected["DescribeChangeSet"] = [xml(Fixture.fill("DescribeChangeSet.xml", [
            "ChangeSetName": "x", "ChangeSetId": "arn:x", "StackId": "arn:y", "StackName": "app", "ExecutionStatus": "UNAVAILABLE", "Status": "CREATE_PENDING", "StatusReason": "", "Changes": "",
        ]))]
        let plans = try await harness.engine().plan(stages: nil, stacks: [])
        #expect(plans.map(\.action) == [.update])
        #expect(plans[0].changes.map(\.action).sorted() == ["Add", "Remove"])
        #expect(harness.fake.actions(in: devAccount).filter { $0 == "DescribeChangeSet" }.count == 2)
        #expect(harness.fake.writes == ["CreateChangeSet", "DeleteChangeSet"])
    }

    @Test func statusAndDiffAreReadOnly() async throws {
        let harness = try Harness([ArtifactFixture.stack("app", account: devAccount, stage: "development"), ArtifactFixture.stack("prod", account: prodAccount, stage: "production")],
                                  templates: ["app": ArtifactFixture.template(["Queue": "AWS::SQS::Queue"])])
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "UPDATE_ROLLBACK_COMPLETE", template: ArtifactFixture.template(), tags: ["old": "1"])
        let states = try await harness.engine().status(stages: nil, stacks: [])
        #expect(states.map(\.status) == ["UPDATE_ROLLBACK_COMPLETE", nil])
        #expect(states[0].upToDate == false)
        let diffs = try await harness.engine().diff(stages: nil, stacks: [])
        #expect(diffs[0].templateLines.contains("+    \"Queue\": {"))
        #expect(diffs[0].templateLines.contains("-    \"Topic\": {"))
        #expect(diffs[0].tagChanges == ["old: 1 → (unset)"])
        #expect(diffs[1].deployed == false)
        #expect(harness.fake.writes.isEmpty)
    }
}

@Suite struct BroadeningTests {
    private func template(_ ingress: [String]) -> String {
        let rules = ingress.map { #"{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "\#($0)"}"# }.joined(separator: ", ")
        return #"{"Resources": {"Web": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "web", "SecurityGroupIngress": [\#(rules)]}}}}"#
    }

    @Test func securityGroupRulesAddedAreBroadeningAndRemovedAreNot() {
        #expect(TemplateComparison.broadening(deployed: template(["10.0.0.0/8"]), local: template(["10.0.0.0/8", "0.0.0.0/0"])).count == 1)
        #expect(TemplateComparison.broadening(deployed: template(["10.0.0.0/8", "0.0.0.0/0"]), local: template(["10.0.0.0/8"])).isEmpty)
        #expect(TemplateComparison.broadening(deployed: template(["10.0.0.0/8"]), local: template(["10.0.0.0/8"])).isEmpty)
        let standalone = #"{"Resources": {"Open": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": "sg-1", "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}}}}"#
        #expect(TemplateComparison.broadening(deployed: #"{"Resources": {}}"#, local: standalone).first?.hasPrefix("Open (AWS::EC2::SecurityGroupIngress)") == true)
    }

    @Test func iamStatementsTrustAndManagedPoliciesAreBroadeningWhenAdded() {
        let role = { (actions: String, managed: String) in
            #"{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "ManagedPolicyArns": [\#(managed)], "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": [\#(actions)], "Resource": "*"}]}}]}}}}"#
        }
        let base = role(#""s3:GetObject""#, "")
        #expect(TemplateComparison.broadening(deployed: base, local: base).isEmpty)
        #expect(TemplateComparison.broadening(deployed: base, local: role(#""s3:GetObject", "s3:PutObject""#, "")).count == 1)
        #expect(TemplateComparison.broadening(deployed: base, local: role(#""s3:GetObject""#, #""arn:aws:iam::aws:policy/AdministratorAccess""#)) == [#"R (AWS::IAM::Role) ManagedPolicyArns: "arn:aws:iam::aws:policy/AdministratorAccess""#])
        // A new stack: everything it grants is new.
        #expect(TemplateComparison.broadening(deployed: nil, local: base).count == 2)
        // Key order and formatting are not changes.
        #expect(TemplateComparison.broadening(deployed: base, local: JSONValue.template(base)!.canonicalText()).isEmpty)
    }
}

@Suite struct ManifestTests {
    @Test func unknownVersionsAreRefused() throws {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: [:], version: 4)
        defer { fixture.remove() }
        do {
            _ = try ArtifactFolder.load(path: fixture.path)
            Issue.record("version 4 was accepted")
        } catch {
            #expect(error.exitStatus == 2)
            #expect(error.description.contains("has version 4, but this infra reads only versions 1 to 3"))
        }
    }

    @Test func aTemplateChangedAfterGenerationIsAnInputErrorNamingTheFile() throws {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: devAccount, stage: "development")], templates: [:])
        defer { fixture.remove() }
        try Data("{\"Resources\": {}}\n".utf8).write(to: fixture.folder.appendingPathComponent("app.template.json"))
        do {
            _ = try ArtifactFolder.load(path: fixture.path)
            Issue.record("a modified template was accepted")
        } catch {
            #expect(error.exitStatus == 2)
            #expect(error.file?.hasSuffix("app.template.json") == true)
            #expect(error.description.contains("does not match the manifest"))
        }
    }

    @Test func cyclesUnknownDependenciesAndLaterStageDependenciesAreInputErrors() throws {
        func load(_ stacks: [Manifest.Stack]) throws -> String {
            let fixture = try ArtifactFixture(stacks: stacks, templates: [:])
            defer { fixture.remove() }
            do {
                _ = try ArtifactFolder.load(path: fixture.path)
                return "accepted"
            } catch {
                return error.message
            }
        }
        #expect(try load([ArtifactFixture.stack("a", account: devAccount, stage: "development", dependencies: ["b"]),
                          ArtifactFixture.stack("b", account: devAccount, stage: "development", dependencies: ["a"])]).contains("dependency cycle"))
        #expect(try load([ArtifactFixture.stack("a", account: devAccount, stage: "development", dependencies: ["ghost"])]).contains("'ghost', which is not in the manifest"))
        #expect(try load([ArtifactFixture.stack("a", account: devAccount, stage: "development", dependencies: ["p"]),
                          ArtifactFixture.stack("p", account: prodAccount, stage: "production")]).contains("later stage"))
    }

    @Test func theGeneratedExampleManifestIsRead() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("InfraDSLTests/Golden/stacks")
        let artifacts = try ArtifactFolder.load(path: golden.path)
        #expect(artifacts.manifest.stages == ["development", "test", "acceptance", "production"])
        #expect(artifacts.manifest.stacks.count == artifacts.templates.count)
        #expect(artifacts.manifest.stacks.allSatisfy { if case .assumeRole = $0.access { true } else { false } })
    }
}

/// Delays every call a little and records, per account, how many stacks have calls in flight.
private final class SlowTransport: HTTPTransport, @unchecked Sendable {
    private let base: FakeCloudFormation
    private let lock = NSLock()
    private var inFlight: [String: Set<String>] = [:]
    private(set) var maxAccountsInFlight = 0
    private(set) var maxStacksInFlightPerAccount = 0

    init(_ base: FakeCloudFormation) { self.base = base }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let fields = formFields(request)
        let keyID = request.headers["Authorization"]?.components(separatedBy: "Credential=").last?.components(separatedBy: "/").first ?? ""
        let account = keyID.hasPrefix("ASIA") ? String(keyID.dropFirst(4)) : "base"
        let stack = fields["StackName"].map { $0.components(separatedBy: "/").dropFirst().first ?? $0 } ?? "-"
        lock.locked {
            inFlight[account, default: []].insert(stack)
            maxAccountsInFlight = max(maxAccountsInFlight, inFlight.filter { !$0.value.isEmpty && $0.key != "base" }.count)
            maxStacksInFlightPerAccount = max(maxStacksInFlightPerAccount, inFlight.filter { $0.key != "base" }.map { $0.value.count }.max() ?? 0)
        }
        defer { _ = lock.locked { inFlight[account]?.remove(stack) } }
        try await Task.sleep(for: .milliseconds(15))
        return try await base.send(request, timeout: timeout)
    }
}

/// Cancels the rollout's task (as Ctrl-C does) when a given action is called.
private final class InterruptingTransport: HTTPTransport, @unchecked Sendable {
    final class Holder: @unchecked Sendable {
        private let lock = NSLock()
        private var task: Task<RolloutReport, any Error>?
        func set(_ task: Task<RolloutReport, any Error>) { lock.locked { self.task = task } }
        /// Cancels the task, waiting (briefly) for the test to have handed it over.
        func cancel() async {
            for _ in 0..<1000 {
                if let task = lock.locked({ task }) {
                    task.cancel()
                    return
                }
                await Task.yield()
                usleep(1000)
            }
        }
    }

    private let base: FakeCloudFormation
    private let action: String
    private let inFlight: Bool
    let task = Holder()

    /// With `inFlight`, the interrupt comes while the call is on the wire: CloudFormation acts on
    /// it, and a caller that was cancelled never sees the answer (as URLSession drops it).
    init(_ base: FakeCloudFormation, on action: String, inFlight: Bool = false) {
        self.base = base
        self.action = action
        self.inFlight = inFlight
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        guard formFields(request)["Action"] == action else { return try await base.send(request, timeout: timeout) }
        if !inFlight { await task.cancel() }
        let response = try await base.send(request, timeout: timeout)
        if inFlight {
            await task.cancel()
            if Task.isCancelled { throw CancellationError() }
        }
        return response
    }
}
