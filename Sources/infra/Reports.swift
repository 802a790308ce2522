import Foundation
import InfraDeploy

/// The data the commands print on standard output: tables for people, JSON for CI.
enum Reports {
    /// Left-aligned columns separated by two spaces; the header row first.
    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func stage(_ stack: Manifest.Stack) -> String { stack.stage ?? "-" }

    /// The table after a deploy, one row per selected stack, and a count line.
    static func summary(_ report: RolloutReport) -> String {
        var rows = [["STAGE", "ACCOUNT", "REGION", "STACK", "RESULT", "STATUS", "TIME"]]
        var setLines = ""
        for result in report.results {
            guard let set = result.stackSet else {
                rows.append([stage(result.stack), result.stack.account, result.stack.region, result.stack.name, result.outcome.label, result.status ?? "-", String(format: "%.0fs", result.seconds)])
                continue
            }
            rows.append([stage(result.stack), result.stack.account, result.stack.region, "\(result.stack.name) (StackSet)", result.outcome.label, result.status ?? "-", String(format: "%.0fs", result.seconds)])
            rows += instanceRows(result, set)
            setLines += stackSetLine(result.stack.name, set)
        }
        var counts: [String] = []
        for outcome in [StackOutcome.created, .updated, .unchanged, .failed, .notApproved, .skipped] {
            let count = report.results.filter { $0.outcome == outcome }.count
            if count > 0 { counts.append("\(count) \(outcome.label)") }
        }
        return "\n" + table(rows) + setLines + (counts.isEmpty ? "no stacks selected" : counts.joined(separator: ", ")) + "\n"
    }

    /// One row per instance this run's operations touched or that is not `CURRENT` (a re-run that
    /// changes nothing lists none): account, region, what the operation did, the instance's status.
    static func instanceRows(_ result: StackResult, _ set: StackSetReport) -> [[String]] {
        var rows: [[String]] = []
        var listed: Set<String> = []
        for done in set.operationResults {
            let instance = set.instances.first { $0.account == done.account && $0.region == done.region }
            listed.insert("\(done.account)|\(done.region)")
            rows.append([stage(result.stack), done.account, done.region, "  instance", done.status, instanceStatus(instance) ?? (done.statusReason ?? "-"), "-"])
        }
        for instance in set.instances where instance.status != "CURRENT" && !listed.contains("\(instance.account)|\(instance.region)") {
            rows.append([stage(result.stack), instance.account, instance.region, "  instance", "-", instanceStatus(instance) ?? "-", "-"])
        }
        return rows
    }

    /// `CURRENT`, or `OUTDATED (FAILED: reason)`.
    static func instanceStatus(_ instance: StackInstanceSummary?) -> String? {
        guard let instance else { return nil }
        var text = instance.status
        let detail = [instance.detailedStatus, instance.statusReason].compactMap { $0 }.joined(separator: ": ")
        if instance.status != "CURRENT", !detail.isEmpty { text += " (\(detail))" }
        return text
    }

    /// `StackSet NAME: 40 instances (38 CURRENT, 2 OUTDATED); 1 not declared (deploy --prune deletes it)`.
    static func stackSetLine(_ name: String, _ set: StackSetReport) -> String {
        var byStatus: [String: Int] = [:]
        for instance in set.instances { byStatus[instance.status, default: 0] += 1 }
        let statuses = byStatus.keys.sorted().map { "\(byStatus[$0]!) \($0)" }.joined(separator: ", ")
        var line = "StackSet \(name): \(set.instances.count) instance\(set.instances.count == 1 ? "" : "s")\(statuses.isEmpty ? "" : " (\(statuses))")"
        if !set.undeclared.isEmpty {
            line += "; \(set.undeclared.count) not declared (deploy --prune deletes \(set.undeclared.count == 1 ? "it" : "them")): "
            line += set.undeclared.map { "\($0.target) \($0.region)" }.joined(separator: ", ")
        }
        return line + "\n"
    }

    /// The table after a destroy, one row per selected stack, the retained resources, and a count line.
    static func destroySummary(_ report: DestroyReport) -> String {
        var rows = [["STAGE", "ACCOUNT", "REGION", "STACK", "RESULT", "TIME"]]
        var retained = ""
        for entry in report.results {
            let result = entry.result
            let label = entry.alreadyGone ? "deleted (already gone)" : result.outcome.label
            rows.append([stage(result.stack), result.stack.account, result.stack.region, result.stack.name, label, String(format: "%.0fs", result.seconds)])
            for resource in entry.retained { retained += "retained by CloudFormation in \(result.stack.name) (account \(result.stack.account)): \(resource)\n" }
        }
        var counts: [String] = []
        for outcome in [StackOutcome.deleted, .failed, .skipped] {
            let count = report.results.filter { $0.result.outcome == outcome }.count
            if count > 0 { counts.append("\(count) \(outcome.label)") }
        }
        return "\n" + table(rows) + retained + (counts.isEmpty ? "no stacks selected" : counts.joined(separator: ", ")) + "\n"
    }

    static func planText(_ plans: [StackPlan], undeclared: [UndeclaredStack] = []) -> String {
        var text = ""
        var undeclaredInstances = 0
        for plan in plans {
            let kind = plan.stackSet == nil ? "" : "StackSet, "
            text += "\(stage(plan.stack)) / \(plan.stack.account) / \(plan.stack.name) (\(kind)\(plan.stack.region)): \(plan.action.rawValue)"
            if let status = plan.status { text += " [\(status)]" }
            text += "\n"
            if let note = plan.note { text += "  note: \(note)\n" }
            for change in plan.changes {
                var line = "  \(change.action.padding(toLength: 7, withPad: " ", startingAt: 0)) \(change.logicalResourceID) (\(change.resourceType))"
                if change.replacement == "True" { line += "  REPLACEMENT" } else if change.replacement == "Conditional" { line += "  may replace" }
                text += line + "\n"
                for detail in change.details { text += "      " + PropertyChangeText.line(detail) + "\n" }
            }
            for fact in plan.broadening { text += "  broadening: \(fact)\n" }
            for setting in plan.settingChanges { text += "  setting: \(setting)\n" }
            if let set = plan.stackSet {
                for change in set.setChanges { text += "  set: \(change)\n" }
                for instance in set.create { text += "  instance + \(instance.target) \(instance.region)\n" }
                for instance in set.update { text += "  instance ~ \(instance.target) \(instance.region)\n" }
                for instance in set.undeclared { text += "  instance - \(instance.target) \(instance.region)  not declared: deploy --prune deletes it\n" }
                text += "  instances: \(set.existing) deployed, \(set.create.count) to create, \(set.update.count) to update, \(set.undeclared.count) not declared\n"
                undeclaredInstances += set.undeclared.count
            }
        }
        var counts: [String] = []
        for action in [StackPlan.Action.create, .update, .recreate, .noChange, .blocked] {
            let count = plans.filter { $0.action == action }.count
            if count > 0 { counts.append("\(count) \(action.rawValue)") }
        }
        if !undeclared.isEmpty {
            text += "\nNo longer declared (deploy --prune deletes them):\n"
            for found in undeclared {
                text += "  \(found.stack.account) / \(found.stack.name) (\(found.stack.region)): delete [\(found.status)]"
                text += found.terminationProtection ? "  termination protection: prune refuses it\n" : "\n"
            }
            counts.append("\(undeclared.count) undeclared")
        }
        if undeclaredInstances > 0 { counts.append("\(undeclaredInstances) undeclared StackSet instance\(undeclaredInstances == 1 ? "" : "s")") }
        return text + "\nPlan: " + (counts.isEmpty ? "no stacks selected" : counts.joined(separator: ", ")) + "\n"
    }

    static func planJSON(_ plans: [StackPlan], undeclared: [UndeclaredStack] = []) -> String {
        encode(["version": 1, "undeclared": .list(undeclared.map { found in
            object([
                ("name", .string(found.stack.name)), ("account", .string(found.stack.account)), ("region", .string(found.stack.region)),
                ("status", .string(found.status)), ("terminationProtection", .bool(found.terminationProtection)),
            ])
        }), "stacks": .list(plans.map { plan in
            object([
                ("name", .string(plan.stack.name)), ("account", .string(plan.stack.account)), ("region", .string(plan.stack.region)),
                ("templateFile", .string(plan.stack.templateFile)), ("action", .string(plan.action.rawValue)),
                ("stage", optional(plan.stack.stage)), ("status", optional(plan.status)), ("note", optional(plan.note)),
                ("changes", .list(plan.changes.map { change in
                    object([
                        ("action", .string(change.action)), ("logicalId", .string(change.logicalResourceID)),
                        ("type", .string(change.resourceType)), ("replacement", optional(change.replacement)),
                        ("details", change.details.isEmpty ? .null : .list(change.details.map(PropertyChangeText.json))),
                    ])
                })),
                ("broadening", .list(plan.broadening.map(JSONValue.string))),
                ("settings", .list(plan.settingChanges.map(JSONValue.string))),
                ("stackSet", plan.stackSet.map { set in
                    let places = { (list: [Manifest.Instance]) in JSONValue.list(list.map { .object([JSONValue.Member("target", .string($0.target)), JSONValue.Member("region", .string($0.region))]) }) }
                    return object([
                        ("setChanges", .list(set.setChanges.map(JSONValue.string))), ("create", places(set.create)), ("update", places(set.update)),
                        ("undeclared", places(set.undeclared)), ("existing", .int(set.existing)), ("runningOperation", optional(set.running?.id)),
                    ])
                } ?? .null),
            ])
        })])
    }

    static func statusText(_ states: [StackState]) -> String {
        var rows = [["STAGE", "ACCOUNT", "REGION", "STACK", "STATUS", "LAST CHANGE", "MATCHES LOCAL"]]
        for state in states {
            let matches = state.upToDate.map { $0 ? "yes" : "no" } ?? "-"
            let name = state.instances == nil ? state.stack.name : "\(state.stack.name) (StackSet)"
            rows.append([stage(state.stack), state.stack.account, state.stack.region, name, state.status ?? "NOT DEPLOYED",
                         state.lastChanged.map(iso8601) ?? "-", matches])
            for instance in state.instances ?? [] {
                rows.append([stage(state.stack), instance.account, instance.region, "  instance", instanceStatus(instance) ?? "-", "-", "-"])
            }
        }
        return table(rows)
    }

    static func statusJSON(_ states: [StackState]) -> String {
        encode(["version": 1, "stacks": .list(states.map { state in
            let outputs = Dictionary(state.outputs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            return object([
                ("name", .string(state.stack.name)), ("account", .string(state.stack.account)), ("region", .string(state.stack.region)),
                ("stage", optional(state.stack.stage)), ("status", optional(state.status)), ("statusReason", optional(state.statusReason)),
                ("lastChanged", optional(state.lastChanged.map(iso8601))), ("matchesLocal", state.upToDate.map(JSONValue.bool) ?? .null),
                ("outputs", .object(outputs.keys.sorted().map { JSONValue.Member($0, .string(outputs[$0]!)) })),
                ("instances", state.instances.map { instances in
                    JSONValue.list(instances.map { instance in
                        object([("account", .string(instance.account)), ("region", .string(instance.region)), ("status", .string(instance.status)),
                                ("detailedStatus", optional(instance.detailedStatus)), ("statusReason", optional(instance.statusReason))])
                    })
                } ?? .null),
            ])
        })])
    }

    static func diffText(_ diffs: [StackDiff]) -> String {
        var text = ""
        var differing = 0
        for diff in diffs {
            let header = "\(stage(diff.stack)) / \(diff.stack.account) / \(diff.stack.name)"
            if !diff.differs {
                text += "\(header): no differences\n"
                continue
            }
            differing += 1
            text += "\(header): \(diff.deployed ? "differs" : "not deployed")\n"
            for line in diff.templateLines { text += line + "\n" }
            for change in diff.parameterChanges { text += "parameter \(change)\n" }
            for change in diff.tagChanges { text += "tag \(change)\n" }
            for change in diff.stackSetChanges { text += "\(change)\n" }
        }
        return text + "\n\(differing) of \(diffs.count) stacks differ from the local templates\n"
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Pretty JSON with the keys in alphabetical order, as `--output json` promises; fields without a value are left out.
    static func encode(_ value: JSONValue) -> String { JSONWriter.write(value.canonical) }

    /// An object of the fields that have a value (`null` ones are left out).
    private static func object(_ fields: [(String, JSONValue)]) -> JSONValue {
        .object(fields.filter { $0.1 != .null }.map { JSONValue.Member($0.0, $0.1) })
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
