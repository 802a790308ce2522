import InfraDeploy

/// What `infra drift` prints: per stack its drift status, then each drifted resource with the
/// properties that differ (expected by the template, actual in the account).
enum DriftReport {
    /// Property values longer than this are cut in the text (the JSON has them whole).
    static let maxValueLength = 100

    static func text(_ drifts: [StackDrift]) -> String {
        var text = ""
        for drift in drifts {
            text += "\(Reports.stage(drift.stack)) / \(drift.stack.account) / \(drift.stack.name) (\(drift.stack.region)): \(drift.driftStatus)"
            if !drift.resources.isEmpty { text += " (\(drift.resources.count) resource\(drift.resources.count == 1 ? "" : "s"))" }
            text += "\n"
            if let note = drift.note { text += "  note: \(note)\n" }
            for resource in drift.resources {
                text += "  \(resource.status.padding(toLength: 8, withPad: " ", startingAt: 0)) \(resource.logicalResourceID) (\(resource.resourceType))"
                if let physical = resource.physicalResourceID, !physical.isEmpty { text += " \(physical)" }
                text += "\n"
                for difference in resource.differences {
                    text += "      \(difference.path): expected \(value(difference.expected)), actual \(value(difference.actual))  (\(difference.kind))\n"
                }
            }
        }
        var counts: [String] = []
        let inSync = drifts.filter(\.inSync).count
        if inSync > 0 { counts.append("\(inSync) in sync") }
        let drifted = drifts.filter { $0.driftStatus == "DRIFTED" }.count
        if drifted > 0 { counts.append("\(drifted) drifted") }
        let other = drifts.count - inSync - drifted
        if other > 0 { counts.append("\(other) not fully checked") }
        return text + "\nDrift: " + (counts.isEmpty ? "no stacks selected" : counts.joined(separator: ", ")) + "\n"
    }

    private static func value(_ text: String?) -> String {
        guard let text else { return "(none)" }
        if text.isEmpty { return "\"\"" }
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maxValueLength ? "\(flat.prefix(maxValueLength))…" : flat
    }

    static func json(_ drifts: [StackDrift]) -> String {
        Reports.encode(["version": 1, "inSync": .bool(drifts.allSatisfy(\.inSync)), "stacks": .list(drifts.map { drift in
            var members = [
                JSONValue.Member("name", .string(drift.stack.name)), JSONValue.Member("account", .string(drift.stack.account)),
                JSONValue.Member("region", .string(drift.stack.region)), JSONValue.Member("driftStatus", .string(drift.driftStatus)),
                JSONValue.Member("inSync", .bool(drift.inSync)),
                JSONValue.Member("resources", .list(drift.resources.map { resource in
                    var fields = [
                        JSONValue.Member("logicalId", .string(resource.logicalResourceID)), JSONValue.Member("type", .string(resource.resourceType)),
                        JSONValue.Member("status", .string(resource.status)),
                        JSONValue.Member("differences", .list(resource.differences.map { difference in
                            var parts = [JSONValue.Member("path", .string(difference.path)), JSONValue.Member("kind", .string(difference.kind))]
                            if let expected = difference.expected { parts.append(JSONValue.Member("expected", .string(expected))) }
                            if let actual = difference.actual { parts.append(JSONValue.Member("actual", .string(actual))) }
                            return .object(parts)
                        })),
                    ]
                    if let physical = resource.physicalResourceID { fields.append(JSONValue.Member("physicalId", .string(physical))) }
                    if let reason = resource.reason { fields.append(JSONValue.Member("reason", .string(reason))) }
                    return .object(fields)
                })),
            ]
            if let stage = drift.stack.stage { members.append(JSONValue.Member("stage", .string(stage))) }
            if let detection = drift.detectionStatus { members.append(JSONValue.Member("detectionStatus", .string(detection))) }
            if let note = drift.note { members.append(JSONValue.Member("note", .string(note))) }
            return .object(members)
        })])
    }
}
