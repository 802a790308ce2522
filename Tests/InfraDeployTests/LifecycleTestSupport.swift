import Foundation
@testable import InfraDeploy

/// An engine over ``FakeCloudFormation`` for the rollout and lifecycle tests (deploys, destroy, outputs),
/// with the base credentials `AKIABASE`, recording every event as a line.
struct LifecycleHarness {
    let fake = FakeCloudFormation()
    let artifacts: ArtifactFixture
    let events = Recorder<String>()

    init(_ stacks: [Manifest.Stack], templates: [String: String] = [:], stages: [String] = ["development", "production"]) throws {
        artifacts = try ArtifactFixture(stacks: stacks, templates: templates, stages: stages)
    }

    func engine() throws -> RolloutEngine {
        let environment = testEnvironment(["AWS_REGION": "eu-west-1"], transport: fake)
        let sessions = AccountSessions(environment: environment, baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "base-secret-key")))
        return RolloutEngine(artifacts: try ArtifactFolder.load(path: artifacts.path), sessions: sessions)
    }

    /// Records `event` as one line (`app: event Topic CREATE_FAILED`).
    func record(_ event: RolloutEvent) {
        switch event {
        case .stageStarted(let stage): events.append("stage \(stage ?? "-")")
        case .progress(let stack, let text): events.append("\(stack.name): \(text)")
        case .stackEvent(let stack, let event): events.append("\(stack.name): event \(event.logicalResourceID) \(event.status)")
        case .changeSet(let stack, let name, let changes): events.append("\(stack.name): change set \(name) \(changes.map { "\($0.action) \($0.logicalResourceID)" })")
        case .finished(let result): events.append("\(result.stack.name): finished \(result.outcome.label)")
        }
    }

    func deploy(_ options: RolloutOptions = RolloutOptions(approval: .never), approval: ApprovalDecision = .approved) async throws -> RolloutReport {
        try await engine().deploy(options, approver: FixedApproval(approval)) { record($0) }
    }

    /// The outcome of stack `name` in `report`.
    func outcome(_ report: RolloutReport, _ name: String) -> StackOutcome? { report.results.first { $0.stack.name == name }?.outcome }

    /// Replaces a template and its SHA-256 in the manifest, as a regeneration would.
    func change(_ stack: String, to template: String) throws {
        let file = artifacts.folder.appendingPathComponent("\(stack).template.json")
        let old = try String(contentsOf: file, encoding: .utf8)
        try Data(template.utf8).write(to: file)
        let manifestFile = artifacts.folder.appendingPathComponent("manifest.json")
        let manifest = try String(contentsOf: manifestFile, encoding: .utf8)
        try Data(manifest.replacingOccurrences(of: SHA256Hex.of(old), with: SHA256Hex.of(template)).utf8).write(to: manifestFile)
    }
}
