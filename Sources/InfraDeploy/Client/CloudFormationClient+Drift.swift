import Foundation

/// Drift detection: `DetectStackDrift`, `DescribeStackDriftDetectionStatus`, `DescribeStackResourceDrifts`.
extension CloudFormationClient {
    /// Starts drift detection on a stack; returns the detection id to poll.
    public func detectStackDrift(stackName: String) async throws -> String {
        let result = try await query.perform("DetectStackDrift", [("StackName", stackName)])
        guard let id = result.string("StackDriftDetectionId"), !id.isEmpty else {
            throw QueryResponseShape.missing("StackDriftDetectionId", in: "DetectStackDrift", query)
        }
        return id
    }

    /// Where a drift detection stands.
    public func describeStackDriftDetectionStatus(detectionID: String) async throws -> DriftDetectionStatus {
        let result = try await query.perform("DescribeStackDriftDetectionStatus", [("StackDriftDetectionId", detectionID)])
        guard let status = result.string("DetectionStatus") else {
            throw QueryResponseShape.missing("DetectionStatus", in: "DescribeStackDriftDetectionStatus", query)
        }
        return DriftDetectionStatus(
            detectionStatus: status, reason: result.string("DetectionStatusReason"), stackDriftStatus: result.string("StackDriftStatus"),
            driftedResourceCount: result.string("DriftedStackResourceCount").flatMap { Int($0) }
        )
    }

    /// The last detection's results per resource (all pages), only those whose status is in `statuses`
    /// (`MODIFIED`, `DELETED`, `IN_SYNC`, `NOT_CHECKED`, …; empty: all).
    public func describeStackResourceDrifts(stackName: String, statuses: [String] = []) async throws -> [StackResourceDrift] {
        var parameters = [("StackName", stackName)]
        for (index, status) in statuses.enumerated() { parameters.append(("StackResourceDriftStatusFilters.member.\(index + 1)", status)) }
        var drifts: [StackResourceDrift] = []
        try await query.pages("DescribeStackResourceDrifts", parameters) { result in
            drifts += result.members("StackResourceDrifts").map { node in
                StackResourceDrift(
                    logicalResourceID: node.string("LogicalResourceId") ?? "", physicalResourceID: node.string("PhysicalResourceId"),
                    resourceType: node.string("ResourceType") ?? "", status: node.string("StackResourceDriftStatus") ?? "",
                    differences: node.members("PropertyDifferences").map {
                        PropertyDifference(path: $0.string("PropertyPath") ?? "", expected: $0.string("ExpectedValue"),
                                           actual: $0.string("ActualValue"), kind: $0.string("DifferenceType") ?? "")
                    },
                    reason: node.string("DriftStatusReason")
                )
            }
            return true
        }
        return drifts
    }
}

/// `DescribeStackDriftDetectionStatus`'s answer.
public struct DriftDetectionStatus: Sendable, Equatable {
    /// `DETECTION_IN_PROGRESS`, `DETECTION_COMPLETE` or `DETECTION_FAILED`.
    public let detectionStatus: String
    /// Why, mostly for `DETECTION_FAILED` (which still reports the resources it could check).
    public let reason: String?
    /// `DRIFTED`, `IN_SYNC`, `UNKNOWN` or `NOT_CHECKED`, once detection ended.
    public let stackDriftStatus: String?
    /// How many resources drifted.
    public let driftedResourceCount: Int?

    /// Detection is still running.
    public var isInProgress: Bool { detectionStatus == "DETECTION_IN_PROGRESS" }
}

/// One resource's drift from its template.
public struct StackResourceDrift: Sendable, Equatable {
    /// The logical id.
    public let logicalResourceID: String
    /// The physical id.
    public let physicalResourceID: String?
    /// The resource type.
    public let resourceType: String
    /// `MODIFIED`, `DELETED`, `IN_SYNC`, `NOT_CHECKED`, `UNKNOWN`, `UNSUPPORTED`.
    public let status: String
    /// The properties that differ, for `MODIFIED`.
    public let differences: [PropertyDifference]
    /// Why the status, when AWS says (e.g. for `UNKNOWN`).
    public let reason: String?
}

/// One property that differs between the template and the live resource.
public struct PropertyDifference: Sendable, Equatable {
    /// The JSON pointer of the property, e.g. `/VersioningConfiguration/Status`.
    public let path: String
    /// The value the template gives (JSON text); `nil` when the template has none.
    public let expected: String?
    /// The value the resource has (JSON text); `nil` when it has none.
    public let actual: String?
    /// `ADD`, `REMOVE` or `NOT_EQUAL`.
    public let kind: String
}
