import Foundation
@testable import InfraDeploy
import Testing

/// The one classification `infra plan` and `infra deploy` share: deployed status and input comparison → decision.
@Suite struct StackDecisionTests {
    private static func deployed(_ status: String) -> StackDescription {
        StackDescription(name: "app", id: "arn:aws:cloudformation:eu-west-1:222222222222:stack/app/1", status: StackStatus(rawValue: status), statusReason: nil,
                         creationTime: nil, lastUpdatedTime: nil, description: nil, terminationProtection: false, outputs: [], parameters: [], tags: [], capabilities: [])
    }

    private static let equal = InputComparison(parameters: [StackParameter(key: "Size", value: "1")], deployedTemplate: "{}", equal: true)
    private static let different = InputComparison(parameters: [StackParameter(key: "Size", value: "2")], deployedTemplate: "{}", equal: false)
    private static let unknown = InputComparison(parameters: nil, deployedTemplate: nil, equal: nil)

    /// A decision's case name, so one table covers every case whatever its payload.
    private static func name(_ decision: StackDecision) -> String {
        switch decision {
        case .create: "create"
        case .replaceUnexecutedCreate: "replaceUnexecutedCreate"
        case .recreate: "recreate"
        case .waitForOperation: "waitForOperation"
        case .blocked: "blocked"
        case .unchanged: "unchanged"
        case .update: "update"
        }
    }

    static let decidedByStatusAlone: [(String?, String)] = [
        (nil, "create"),
        ("DELETE_COMPLETE", "create"),
        ("REVIEW_IN_PROGRESS", "replaceUnexecutedCreate"),
        ("ROLLBACK_COMPLETE", "recreate"),
        ("CREATE_FAILED", "recreate"),
        ("ROLLBACK_FAILED", "recreate"),
        ("CREATE_IN_PROGRESS", "waitForOperation"),
        ("ROLLBACK_IN_PROGRESS", "waitForOperation"),
        ("UPDATE_IN_PROGRESS", "waitForOperation"),
        ("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "waitForOperation"),
        ("UPDATE_ROLLBACK_IN_PROGRESS", "waitForOperation"),
        ("DELETE_IN_PROGRESS", "waitForOperation"),
        ("IMPORT_IN_PROGRESS", "waitForOperation"),
        ("UPDATE_ROLLBACK_FAILED", "blocked"),
        ("DELETE_FAILED", "blocked"),
        ("IMPORT_ROLLBACK_FAILED", "blocked"),
    ]

    @Test(arguments: decidedByStatusAlone)
    func theStatusAloneDecidesWithoutReadingTheDeployedTemplate(status: String?, expected: String) async {
        var compared = false
        let decision = await StackDecision.decide(status.map(Self.deployed)) { _ in
            compared = true
            return Self.different
        }
        #expect(Self.name(decision) == expected, "\(status ?? "no stack")")
        #expect(!compared, "\(status ?? "no stack") needs no comparison")
    }

    static let liveStatuses = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE"]

    @Test(arguments: liveStatuses)
    func aLiveStackIsComparedAndTheComparisonDecides(status: String) async {
        let live = Self.deployed(status)
        #expect(await StackDecision.decide(live) { _ in Self.equal } == .unchanged(live))
        #expect(await StackDecision.decide(live) { _ in Self.different } == .update(live, Self.different))
        // Parameters from producers not deployed yet: possibly different, so an update (plan says why).
        #expect(await StackDecision.decide(live) { _ in Self.unknown } == .update(live, Self.unknown))
    }

    @Test func theDeployedStackTravelsWithTheDecision() async {
        let leftover = Self.deployed("REVIEW_IN_PROGRESS")
        #expect(await StackDecision.decide(leftover) { _ in Self.equal } == .replaceUnexecutedCreate(leftover))
        let failed = Self.deployed("ROLLBACK_COMPLETE")
        #expect(await StackDecision.decide(failed) { _ in Self.equal } == .recreate(failed))
        let stuck = Self.deployed("UPDATE_ROLLBACK_FAILED")
        #expect(await StackDecision.decide(stuck) { _ in Self.equal } == .blocked(stuck))
    }

    @Test func statusHelpersFollowAWSsStatuses() {
        #expect(StackStatus.reviewInProgress.isInProgress && !StackStatus.reviewInProgress.isOperationRunning)
        #expect(StackStatus(rawValue: "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS").isOperationRunning)
        #expect(StackStatus.rollbackComplete.isFailedCreation && !StackStatus.updateRollbackFailed.isFailedCreation)
        #expect(StackStatus.updateRollbackFailed.needsIntervention && !StackStatus(rawValue: "ROLLBACK_FAILED").needsIntervention)
        #expect(StackStatus(rawValue: "IMPORT_COMPLETE").isSuccess && !StackStatus(rawValue: "UPDATE_ROLLBACK_COMPLETE").isSuccess)
    }
}
