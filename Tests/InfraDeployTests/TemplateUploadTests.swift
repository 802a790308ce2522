import Foundation
@testable import InfraDeploy
import Testing

private let devAccount = "222222222222"
private let bucket = "infradsl-templates-222222222222-eu-west-1"

/// A template over 51,200 bytes: one topic and template metadata as padding.
func largeTemplate(bytes: Int = 60_000, topic: String = "Topic") -> String {
    let head = "{\"Metadata\": {\"Padding\": \""
    let tail = "\"}, \"Resources\": {\"\(topic)\": {\"Type\": \"AWS::SNS::Topic\"}}}\n"
    return head + String(repeating: "x", count: bytes - head.utf8.count - tail.utf8.count) + tail
}

/// What infra sends for a template file: its compact JSON.
func compact(_ template: String) -> String { JSONWriter.compact(try! JSONValue.parse(template)) }

/// An indented template over 51,200 bytes whose compact JSON is far below: a list of short strings.
func indentedTemplate(items: Int = 6_000) -> String {
    let list = (0..<items).map { _ in "          \"a\"" }.joined(separator: ",\n")
    return "{\n  \"Resources\": {\n    \"Thing\": {\n      \"Type\": \"Custom::Thing\",\n      \"Properties\": {\n        \"ServiceToken\": \"arn:aws:lambda:eu-west-1:222222222222:function:f\",\n        \"Items\": [\n\(list)\n        ]\n      }\n    }\n  }\n}\n"
}

/// Large templates through the rollout engine, against ``FakeCloudFormation`` (which also plays S3).
@Suite struct TemplateUploadTests {
    private struct Harness {
        let fake = FakeCloudFormation()
        let artifacts: ArtifactFixture

        init(bucket: String?, template: String) throws {
            artifacts = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: devAccount, stage: "development", templateBucket: bucket)], templates: ["app": template])
        }

        func engine() throws -> RolloutEngine {
            let sessions = AccountSessions(environment: testEnvironment(["AWS_REGION": "eu-west-1"], transport: fake),
                                           baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "base-secret-key")))
            return RolloutEngine(artifacts: try ArtifactFolder.load(path: artifacts.path), sessions: sessions)
        }

        func deploy() async throws -> RolloutReport {
            try await engine().deploy(RolloutOptions(approval: .never), approver: FixedApproval(.approved)) { _ in }
        }

        /// The input error deploy refuses with before any call.
        func refusal(sourceLocation: SourceLocation = #_sourceLocation) async throws -> RolloutError {
            do {
                let report = try await deploy()
                Issue.record("deployed: \(report.results.map(\.outcome.label))", sourceLocation: sourceLocation)
                throw TestFailure("no refusal")
            } catch let error as RolloutError {
                return error
            }
        }
    }

    @Test func aLargeTemplateIsUploadedWithTheStacksCredentialsAndPassedAsTemplateURL() async throws {
        let template = largeTemplate()
        let harness = try Harness(bucket: bucket, template: template)
        defer { harness.artifacts.remove() }
        harness.fake.buckets.insert("\(devAccount)|\(bucket)")
        let report = try await harness.deploy()
        #expect(report.succeeded, "\(report.firstError.map { "\($0)" } ?? "")")
        let key = "app/\(SHA256Hex.of(compact(template))).template.json"
        #expect(harness.fake.object(bucket, key, in: devAccount) == compact(template))
        let create = try #require(harness.fake.calls.first { $0.action == "CreateChangeSet" })
        #expect(create.parameters["TemplateURL"] == "https://\(bucket).s3.eu-west-1.amazonaws.com/\(key)")
        #expect(create.parameters["TemplateBody"] == nil)
        #expect(harness.fake.actions(in: devAccount).filter { $0.hasPrefix("S3:") } == ["S3:HEAD", "S3:PUT"])
        #expect(harness.fake.writes == ["S3:PUT", "CreateChangeSet", "ExecuteChangeSet"])
        #expect(harness.fake.stack("app", in: devAccount)?.template == compact(template))
    }

    @Test func anUnchangedLargeTemplateMakesNoS3CallAtAll() async throws {
        let template = largeTemplate()
        let harness = try Harness(bucket: bucket, template: template)
        defer { harness.artifacts.remove() }
        harness.fake.seed("app", account: devAccount, status: "CREATE_COMPLETE", template: template)
        let report = try await harness.deploy()
        #expect(report.results.map(\.outcome) == [.unchanged])
        #expect(harness.fake.writes.isEmpty)
        #expect(!harness.fake.actions().contains { $0.hasPrefix("S3:") })
    }

    @Test func anObjectAlreadyInTheBucketIsNotUploadedAgain() async throws {
        let template = largeTemplate()
        let harness = try Harness(bucket: bucket, template: template)
        defer { harness.artifacts.remove() }
        // From an earlier, interrupted run; the bucket itself is not even writable now.
        harness.fake.putObject(bucket, "app/\(SHA256Hex.of(compact(template))).template.json", compact(template), in: devAccount)
        let report = try await harness.deploy()
        #expect(report.succeeded, "\(report.firstError.map { "\($0)" } ?? "")")
        #expect(harness.fake.actions(in: devAccount).filter { $0.hasPrefix("S3:") } == ["S3:HEAD"])
        #expect(harness.fake.writes == ["CreateChangeSet", "ExecuteChangeSet"])
        #expect(harness.fake.stack("app", in: devAccount)?.template == compact(template))
    }

    @Test func aPlanOfAChangedLargeTemplateCreatesItsChangeSetFromTheBucket() async throws {
        let template = largeTemplate(topic: "Renamed")
        let harness = try Harness(bucket: bucket, template: template)
        defer { harness.artifacts.remove() }
        harness.fake.buckets.insert("\(devAccount)|\(bucket)")
        harness.fake.seed("app", account: devAccount, status: "CREATE_COMPLETE", template: largeTemplate())
        let plans = try await harness.engine().plan(stages: nil, stacks: [])
        #expect(plans.map(\.action) == [.update])
        #expect(plans.first?.changes.map { "\($0.action) \($0.logicalResourceID)" }.sorted() == ["Add Renamed", "Remove Topic"])
        let create = try #require(harness.fake.calls.first { $0.action == "CreateChangeSet" })
        #expect(create.parameters["TemplateURL"]?.hasSuffix("/app/\(SHA256Hex.of(compact(template))).template.json") == true)
        #expect(harness.fake.writes == ["S3:PUT", "CreateChangeSet", "DeleteChangeSet"])
    }

    @Test func aSmallTemplateGoesInlineEvenWithABucket() async throws {
        let harness = try Harness(bucket: bucket, template: ArtifactFixture.template())
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy()
        #expect(report.succeeded)
        #expect(harness.fake.calls.first { $0.action == "CreateChangeSet" }?.parameters["TemplateBody"] == compact(ArtifactFixture.template()))
        #expect(!harness.fake.actions().contains { $0.hasPrefix("S3:") })
    }

    @Test func anIndentedFileOverTheLimitGoesInlineWhenItsCompactJSONFits() async throws {
        let template = indentedTemplate()
        #expect(template.utf8.count > 51_200 && compact(template).utf8.count < 51_200)
        let harness = try Harness(bucket: nil, template: template)
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy()
        #expect(report.succeeded, "\(report.firstError.map { "\($0)" } ?? "")")
        let create = try #require(harness.fake.calls.first { $0.action == "CreateChangeSet" })
        #expect(create.parameters["TemplateBody"] == compact(template))
        #expect(!harness.fake.actions().contains { $0.hasPrefix("S3:") })
    }

    @Test func aMissingBucketFailsNamingAccountRegionStackAndBucket() async throws {
        let harness = try Harness(bucket: bucket, template: largeTemplate())
        defer { harness.artifacts.remove() }
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        let text = error.description
        #expect(error.code == .deployment)
        #expect(text.contains("stack 'app' (account \(devAccount), region eu-west-1)"))
        #expect(text.contains("S3 bucket '\(bucket)'"))
        #expect(text.contains("NoSuchBucket"))
        #expect(error.remedy?.contains("create the bucket '\(bucket)' in account \(devAccount), region eu-west-1") == true)
        #expect(!harness.fake.actions().contains("CreateChangeSet"))
        for secret in ["base-secret-key", "assumed-secret-\(devAccount)", "assumed-token-\(devAccount)"] { #expect(!text.contains(secret)) }
    }

    @Test func accessDeniedSaysWhichPermissionIsMissing() async throws {
        let harness = try Harness(bucket: bucket, template: largeTemplate())
        defer { harness.artifacts.remove() }
        harness.fake.injected["S3:PUT"] = [xml("<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId></Error>", status: 403)]
        let report = try await harness.deploy()
        let error = try #require(report.firstError)
        #expect(error.description.contains("AccessDenied"))
        #expect(error.remedy?.contains("s3:PutObject and s3:GetObject on arn:aws:s3:::\(bucket)/app/*") == true)
        #expect(!harness.fake.actions().contains("CreateChangeSet"))
    }

    @Test func aLargeTemplateWithoutABucketIsRefusedBeforeAnyCallAndNamesTheOption() async throws {
        let harness = try Harness(bucket: nil, template: largeTemplate())
        defer { harness.artifacts.remove() }
        let error = try await harness.refusal()
        #expect(error.code == .input)
        #expect(error.message.contains("at most 51,200 bytes inline"))
        #expect(error.remedy?.contains("App(templateBucket:") == true)
        #expect(harness.fake.calls.isEmpty)
    }

    @Test func aTemplateOverOneMillionBytesIsRefusedEvenWithABucket() async throws {
        let harness = try Harness(bucket: bucket, template: largeTemplate(bytes: 1_000_100))
        defer { harness.artifacts.remove() }
        let error = try await harness.refusal()
        #expect(error.message.contains("at most 1,000,000 bytes even through S3"))
        #expect(harness.fake.calls.isEmpty)
    }

    @Test func theManifestsTemplateBucketIsReadAndChecked() throws {
        func manifest(_ bucket: String?) -> Data {
            let field = bucket.map { ", \"templateBucket\": \"\($0)\"" } ?? ""
            return Data(#"{"version": 1, "stages": [], "stacks": [{"name": "app", "account": "222222222222", "region": "eu-west-1", "templateFile": "app.template.json", "templateSHA256": "ab"\#(field)}]}"#.utf8)
        }
        #expect(try Manifest.parse(manifest(bucket)).stacks[0].templateBucket == bucket)
        #expect(try Manifest.parse(manifest(nil)).stacks[0].templateBucket == nil)
        do {
            _ = try Manifest.parse(manifest("Evil.example.com:443/x"))
            Issue.record("an invalid bucket name was accepted")
        } catch {
            #expect(error.exitStatus == 2)
            #expect(error.description.contains("templateBucket 'Evil.example.com:443/x' is not a valid S3 bucket name"))
        }
    }
}
