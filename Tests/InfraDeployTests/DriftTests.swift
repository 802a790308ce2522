import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// The drift calls on top of `FakeCloudFormation`, answered from recorded responses: moto 5.2.1
/// implements none of DetectStackDrift, DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts
/// (each answers "has not been implemented").
final class DriftFake: HTTPTransport, @unchecked Sendable {
    struct Script {
        /// `DetectionStatus` per poll, the last one sticking.
        var detection: [String] = ["DETECTION_IN_PROGRESS", "DETECTION_COMPLETE"]
        var stackDriftStatus = "IN_SYNC"
        var reason: String?
        /// The `DescribeStackResourceDrifts` fixture.
        var resources = "DescribeStackResourceDrifts.empty.xml"
    }

    let cloud = FakeCloudFormation()
    private let lock = NSLock()
    /// Per stack name.
    var scripts: [String: Script] = [:]
    private var polls: [String: Int] = [:]
    private(set) var driftCalls: [(action: String, parameters: [String: String])] = []

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let fields = request.method == "POST" ? formFields(request) : [:]
        let action = fields["Action"] ?? ""
        guard ["DetectStackDrift", "DescribeStackDriftDetectionStatus", "DescribeStackResourceDrifts"].contains(action) else {
            return try await cloud.send(request, timeout: timeout)
        }
        return lock.locked {
            driftCalls.append((action, fields))
            switch action {
            case "DetectStackDrift":
                // The stack's ARN names it: `…:stack/<name>/<uuid>`.
                let name = Self.name(fields["StackName"] ?? "")
                return xml(Fixture.fill("DetectStackDrift.xml", ["DetectionId": "detection-\(name)"]))
            case "DescribeStackDriftDetectionStatus":
                let name = String((fields["StackDriftDetectionId"] ?? "").dropFirst("detection-".count))
                let script = scripts[name] ?? Script()
                let index = polls[name, default: 0]
                polls[name] = index + 1
                let status = script.detection[min(index, script.detection.count - 1)]
                let done = status != "DETECTION_IN_PROGRESS"
                return xml(Fixture.fill("DescribeStackDriftDetectionStatus.xml", [
                    "StackId": "arn:aws:cloudformation:eu-west-1:222222222222:stack/\(name)/uuid", "DetectionId": "detection-\(name)", "DetectionStatus": status,
                    "StackDriftStatus": done ? "<StackDriftStatus>\(script.stackDriftStatus)</StackDriftStatus>" : "",
                    "DetectionStatusReason": script.reason.map { "<DetectionStatusReason>\(Fixture.escape($0))</DetectionStatusReason>" } ?? "",
                    "DriftedStackResourceCount": done ? "<DriftedStackResourceCount>\(script.stackDriftStatus == "DRIFTED" ? 2 : 0)</DriftedStackResourceCount>" : "",
                ]))
            default:
                let name = Self.name(fields["StackName"] ?? "")
                return xml(Fixture.fill((scripts[name] ?? Script()).resources, ["StackId": fields["StackName"] ?? ""]))
            }
        }
    }

    static func name(_ nameOrARN: String) -> String {
        nameOrARN.hasPrefix("arn:") ? nameOrARN.split(separator: "/").dropFirst().first.map(String.init) ?? nameOrARN : nameOrARN
    }

    var pollCount: Int { lock.locked { driftCalls.filter { $0.action == "DescribeStackDriftDetectionStatus" }.count } }
}

@Suite struct DriftTests {
    private func fixture() throws -> ArtifactFixture {
        try ArtifactFixture(stacks: [
            ArtifactFixture.stack("app", account: "222222222222", stage: "development"),
            ArtifactFixture.stack("web", account: "222222222222", stage: "development"),
        ], templates: [:])
    }

    private func run(_ arguments: [String], _ fake: DriftFake, sleeps: Recorder<Duration> = Recorder()) async -> (Int32, CapturingConsole) {
        let console = CapturingConsole()
        let environment = testEnvironment(["AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIABASEKEY", "AWS_SECRET_ACCESS_KEY": "base-secret-key-never-printed"], transport: fake, sleeps: sleeps)
        return (await CommandRunner(environment: environment, console: console).run(arguments), console)
    }

    private func deployed(_ fake: DriftFake) {
        for name in ["app", "web"] { fake.cloud.seed(name, account: "222222222222", status: "UPDATE_COMPLETE", template: ArtifactFixture.template()) }
    }

    @Test func inSyncStacksExitZero() async throws {
        let folder = try fixture()
        defer { folder.remove() }
        let fake = DriftFake()
        deployed(fake)
        let sleeps = Recorder<Duration>()
        let (status, console) = await run(["drift", "--dir", folder.path], fake, sleeps: sleeps)
        #expect(status == 0)
        #expect(console.standardOutput.contains("development / 222222222222 / app (eu-west-1): IN_SYNC\n"))
        #expect(console.standardOutput.hasSuffix("Drift: 2 in sync\n"))
        // Detection is started on the stack's ARN, polled until it completes, and only drifted resources are asked for.
        #expect(fake.driftCalls.filter { $0.action == "DetectStackDrift" }.allSatisfy { $0.parameters["StackName"]?.hasPrefix("arn:aws:cloudformation:") == true })
        #expect(fake.pollCount == 4)
        let filters = fake.driftCalls.first { $0.action == "DescribeStackResourceDrifts" }?.parameters
        #expect(filters?["StackResourceDriftStatusFilters.member.1"] == "MODIFIED")
        #expect(filters?["StackResourceDriftStatusFilters.member.2"] == "DELETED")
        #expect(fake.cloud.writes.isEmpty)
    }

    @Test func driftedResourcesArePrintedWithTheirPropertyDifferencesAndExitOne() async throws {
        let folder = try fixture()
        defer { folder.remove() }
        let fake = DriftFake()
        deployed(fake)
        fake.scripts["app"] = DriftFake.Script(stackDriftStatus: "DRIFTED", resources: "DescribeStackResourceDrifts.drifted.xml")
        let (status, console) = await run(["drift", "--dir", folder.path], fake)
        #expect(status == 1)
        let lines = console.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("development / 222222222222 / app (eu-west-1): DRIFTED (2 resources)"))
        #expect(lines.contains("  MODIFIED Bucket (AWS::S3::Bucket) app-bucket-1a2b3c"))
        #expect(lines.contains("      /VersioningConfiguration/Status: expected Enabled, actual Suspended  (NOT_EQUAL)"))
        #expect(lines.contains("      /Tags/0: expected null, actual {\"Key\":\"owner\",\"Value\":\"someone\"}  (ADD)"))
        #expect(lines.contains("  DELETED  Queue (AWS::SQS::Queue) https://sqs.eu-west-1.amazonaws.com/222222222222/app-queue"))
        #expect(lines.contains("development / 222222222222 / web (eu-west-1): IN_SYNC"))
        #expect(console.standardOutput.hasSuffix("Drift: 1 in sync, 1 drifted\n"))
    }

    @Test func jsonOutputCarriesEveryDifference() async throws {
        let folder = try fixture()
        defer { folder.remove() }
        let fake = DriftFake()
        deployed(fake)
        fake.scripts["app"] = DriftFake.Script(stackDriftStatus: "DRIFTED", resources: "DescribeStackResourceDrifts.drifted.xml")
        let (status, console) = await run(["drift", "--dir", folder.path, "--output", "json", "--stack", "app"], fake)
        #expect(status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(console.standardOutput.utf8)) as? [String: Any])
        #expect(document["inSync"] as? Bool == false)
        let stack = try #require((document["stacks"] as? [[String: Any]])?.first)
        #expect(stack["driftStatus"] as? String == "DRIFTED")
        #expect(stack["detectionStatus"] as? String == "DETECTION_COMPLETE")
        let resources = try #require(stack["resources"] as? [[String: Any]])
        #expect(resources.map { $0["status"] as? String } == ["MODIFIED", "DELETED"])
        let differences = try #require(resources[0]["differences"] as? [[String: Any]])
        #expect(differences[0]["path"] as? String == "/VersioningConfiguration/Status")
        #expect(differences[0]["expected"] as? String == "Enabled")
        #expect(differences[0]["actual"] as? String == "Suspended")
        #expect(differences[0]["kind"] as? String == "NOT_EQUAL")
    }

    @Test func pollingBacksOffByDoublingUpToTheCeiling() async throws {
        let folder = try fixture()
        defer { folder.remove() }
        let fake = DriftFake()
        deployed(fake)
        fake.scripts["app"] = DriftFake.Script(detection: Array(repeating: "DETECTION_IN_PROGRESS", count: 6) + ["DETECTION_COMPLETE"])
        let sleeps = Recorder<Duration>()
        let (status, _) = await run(["drift", "--dir", folder.path, "--stack", "app"], fake, sleeps: sleeps)
        #expect(status == 0)
        #expect(sleeps.all == [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30), .seconds(30)])
        #expect(DriftOptions().delay(beforePoll: 1) == .seconds(2))
    }

    @Test func aDetectionThatNeverEndsIsReportedAfterTheMaximumWait() async throws {
        let folder = try fixture()
        defer { folder.remove() }
        let fake = DriftFake()
        deployed(fake)
        fake.scripts["app"] = DriftFake.Script(detection: ["DETECTION_IN_PROGRESS"])
        let (status, console) = await run(["drift", "--dir", folder.path, "--stack", "app"], fake)
        #expect(status == 1)
        #expect(console.standardOutput.contains("app (eu-west-1): UNKNOWN"))
        #expect(console.standardOutput.contains("was still running after 900 s"))
    }

    @Test func failedDetectionAndMissingStacksAreNotInSync() async throws {
        let folder = try fixture()
        defer { folder.remove() }
        let fake = DriftFake()
        fake.cloud.seed("app", account: "222222222222", status: "UPDATE_COMPLETE", template: ArtifactFixture.template())
        fake.scripts["app"] = DriftFake.Script(detection: ["DETECTION_FAILED"], stackDriftStatus: "IN_SYNC", reason: "Failed to detect drift on resource [Topic]: access denied")
        let (status, console) = await run(["drift", "--dir", folder.path], fake)
        #expect(status == 1)
        #expect(console.standardOutput.contains("  note: detection ended DETECTION_FAILED: Failed to detect drift on resource [Topic]: access denied\n"))
        #expect(console.standardOutput.contains("web (eu-west-1): NOT_DEPLOYED\n  note: the stack is not deployed\n"))
        #expect(console.standardOutput.hasSuffix("Drift: 2 not fully checked\n"))
        #expect(!fake.driftCalls.contains { $0.action == "DetectStackDrift" && $0.parameters["StackName"]?.contains("/web/") == true })
    }

    @Test func driftTakesOutputAndRefusesUnknownOptions() throws {
        #expect(try ArgumentParser.parse(["drift", "--output", "json", "--stage", "production"]) == .drift(Selection(stages: ["production"]), output: .json))
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["drift", "--yes"]) }
    }
}
