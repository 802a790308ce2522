import Foundation
import InfraCrypto

/// What differs between a StackSet in the manifest and the one in its administrator account, shared
/// by `deploy` (which acts on it) and `plan` / `status` (which report it).
///
/// Every read is per set or per page of instances, never per account, so a set over 1,000 accounts
/// costs the same reads as one over 10 — except `DescribeStackInstance` for the instances an
/// override names (CloudFormation reports overrides only per instance).
struct StackSetComparison: Sendable {
    /// The set as deployed; `nil` when it does not exist.
    let deployed: StackSetDescription?
    /// The set-level differences in words (`template`, `parameter Size: 1 → 2`, …); empty when equal.
    let setChanges: [String]
    /// The instances CloudFormation lists.
    let instances: [StackInstanceSummary]
    /// Declared instances that do not exist yet.
    let missing: [Manifest.Instance]
    /// Instances that exist but are no longer declared (deleted only with `--prune`).
    let undeclared: [Manifest.Instance]
    /// Declared instances whose overrides differ, and those an earlier operation left `OUTDATED`.
    let outdated: [Manifest.Instance]
    /// The `OUTDATED` ones among `outdated` (a failed or stopped operation's), retried as CloudFormation
    /// advises: the same `CreateStackInstances` again with a new operation id.
    let retry: [Manifest.Instance]
    /// The set's resolved parameters; `nil` when some come from stacks not deployed yet.
    let parameters: [StackParameter]?

    /// Whether a deploy would write nothing.
    var inSync: Bool { deployed != nil && setChanges.isEmpty && missing.isEmpty && outdated.isEmpty }

    /// Reads the deployed set and its instances and compares them with `set`.
    static func read(_ set: Manifest.StackSet, template: String, parameters: [StackParameter]?, cfn: CloudFormationClient) async throws -> StackSetComparison {
        let callAs = set.callAs
        guard let deployed = try await cfn.describeStackSet(named: set.name, callAs: callAs), deployed.status != "DELETED" else {
            return StackSetComparison(deployed: nil, setChanges: ["new StackSet"], instances: [], missing: set.instances, undeclared: [], outdated: [], retry: [], parameters: parameters)
        }
        let instances = try await cfn.listStackInstances(stackSetName: set.name, callAs: callAs)
        let existing = Dictionary(instances.map { (set.place(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
        let declared = set.instances
        var outdated: [Manifest.Instance] = []
        var retry: [Manifest.Instance] = []
        for place in declared {
            guard let instance = existing[place] else { continue }
            if instance.status == "OUTDATED", !instance.isBusy {
                outdated.append(place)
                retry.append(place)
                continue
            }
            // Only the instances an override names are read one by one (see the type's note).
            let wanted = set.overrides(for: place)
            guard !wanted.isEmpty, !set.isServiceManaged else { continue }
            let have = try await cfn.stackInstanceOverrides(stackSetName: set.name, account: instance.account, region: instance.region, callAs: callAs)
            if have != wanted { outdated.append(place) }
        }
        return StackSetComparison(
            deployed: deployed, setChanges: differences(deployed, set, template: template, parameters: parameters), instances: instances,
            missing: declared.filter { existing[$0] == nil }, undeclared: existing.keys.filter { !declared.contains($0) }.sorted { ($0.target, $0.region) < ($1.target, $1.region) },
            outdated: outdated, retry: retry, parameters: parameters)
    }

    /// The set-level settings that differ, in words.
    static func differences(_ deployed: StackSetDescription, _ set: Manifest.StackSet, template: String, parameters: [StackParameter]?) -> [String] {
        var changes: [String] = []
        if !TemplateComparison.templatesEqual(deployed: deployed.templateBody, local: template) { changes.append("template") }
        if let parameters {
            changes += ParameterDifferences.lines(deployed: deployed.parameters, wanted: parameters, template: template).map { "parameter \($0)" }
        } else {
            changes.append("parameters (some come from stacks not deployed yet)")
        }
        if Set(deployed.capabilities) != Set(set.stack.capabilities) {
            changes.append("capabilities: \(deployed.capabilities.sorted().joined(separator: ",")) → \(set.stack.capabilities.sorted().joined(separator: ","))")
        }
        changes += ParameterDifferences.tagLines(deployed: deployed.tags, wanted: set.stack.tags).map { "tag \($0)" }
        if (deployed.description ?? "") != (set.description ?? "") { changes.append("description") }
        if deployed.permissionModel != set.permissionModel { changes.append("permission model: \(deployed.permissionModel) → \(set.permissionModel)") }
        switch set.permissions {
        case .selfManaged(let administrationRoleARN, let executionRoleName):
            // `nil` means CloudFormation's default, which DescribeStackSet reports by name.
            if let administrationRoleARN, deployed.administrationRoleARN != administrationRoleARN {
                changes.append("administration role: \(deployed.administrationRoleARN ?? "(default)") → \(administrationRoleARN)")
            }
            if let executionRoleName, deployed.executionRoleName != executionRoleName {
                changes.append("execution role: \(deployed.executionRoleName ?? "(default)") → \(executionRoleName)")
            }
        case .serviceManaged(let autoDeployment, _):
            let want = autoDeployment ?? Manifest.AutoDeployment(enabled: false, retainStacksOnAccountRemoval: false)
            let have = deployed.autoDeployment ?? Manifest.AutoDeployment(enabled: false, retainStacksOnAccountRemoval: false)
            if want != have { changes.append("auto-deployment: \(have.enabled ? "on" : "off") → \(want.enabled ? "on" : "off")") }
        }
        return changes
    }
}

/// Parameter and tag differences as `name: deployed → local` lines; `infra diff` prints them for
/// stacks and StackSets alike.
enum ParameterDifferences {
    /// Parameters whose deployed value differs from the wanted one (a value the template defaults counts as set).
    static func lines(deployed: [StackParameter], wanted: [StackParameter], template: String = "") -> [String] {
        guard !TemplateComparison.parametersEqual(deployed: deployed, wanted: wanted, template: template) else { return [] }
        let have = Dictionary(deployed.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        var want = Dictionary(wanted.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        for (key, value) in TemplateComparison.parameterDefaults(template) where want[key] == nil { want[key] = value }
        var lines: [String] = []
        for key in want.keys.sorted() where have[key] != want[key] || have[key] == "****" { lines.append("\(key): \(have[key] ?? "(unset)") → \(want[key] ?? "")") }
        for key in have.keys.sorted() where want[key] == nil { lines.append("\(key): \(have[key] ?? "") → (unset)") }
        return lines
    }

    /// Tags that differ.
    static func tagLines(deployed: [StackTag], wanted: [StackTag]) -> [String] {
        let have = Dictionary(deployed.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for tag in wanted where have[tag.key] != tag.value { lines.append("\(tag.key): \(have[tag.key] ?? "(unset)") → \(tag.value)") }
        for key in have.keys.sorted() where !wanted.contains(where: { $0.key == key }) { lines.append("\(key): \(have[key] ?? "") → (unset)") }
        return lines
    }
}

extension StackInstanceSummary {
    /// Whether an operation is still working on the instance.
    var isBusy: Bool { ["PENDING", "RUNNING"].contains(detailedStatus ?? "") }
}

extension Manifest.StackSet {
    /// `SELF_MANAGED` or `SERVICE_MANAGED`.
    var permissionModel: String {
        if case .serviceManaged = permissions { return "SERVICE_MANAGED" }
        return "SELF_MANAGED"
    }

    /// Whether the targets are OUs.
    var isServiceManaged: Bool { permissionModel == "SERVICE_MANAGED" }

    /// `CallAs` for the calls about this set: `DELEGATED_ADMIN` for a delegated administrator, else left out (`SELF`).
    var callAs: String? {
        if case .serviceManaged(_, true) = permissions { return "DELEGATED_ADMIN" }
        return nil
    }

    /// Where a listed instance sits in the manifest's terms: its OU for a service-managed set, else its account.
    func place(of instance: StackInstanceSummary) -> Manifest.Instance {
        Manifest.Instance(target: isServiceManaged ? instance.organizationalUnit ?? instance.account : instance.account, region: instance.region)
    }

    /// The overrides of one instance: every override naming its target and region, later ones winning, sorted by key.
    func overrides(for place: Manifest.Instance) -> [StackParameter] {
        var values: [String: String] = [:]
        for override in overrides where override.targets.contains(place.target) && override.regions.contains(place.region) {
            for parameter in override.parameters {
                if case .value(let name, let value) = parameter { values[name] = value }
            }
        }
        return values.keys.sorted().map { StackParameter(key: $0, value: values[$0]!) }
    }

    /// The fewest instance operations covering `places`: one per distinct override set and region
    /// set, each the cross product of its targets and regions (what one CloudFormation call takes).
    func batches(_ places: [Manifest.Instance], overrides: Bool = true) -> [(targets: [String], regions: [String], overrides: [StackParameter])] {
        // Grouped by the overrides' text (`Size=2,…`, sorted by key), in first-seen order.
        var byOverride: [String: (overrides: [StackParameter], places: [Manifest.Instance])] = [:]
        var overrideOrder: [String] = []
        for place in places {
            let values = overrides ? self.overrides(for: place) : []
            let key = values.map { "\($0.key)=\($0.value ?? "")" }.joined(separator: "\u{1f}")
            if byOverride[key] == nil {
                overrideOrder.append(key)
                byOverride[key] = (values, [])
            }
            byOverride[key]!.places.append(place)
        }
        var result: [(targets: [String], regions: [String], overrides: [StackParameter])] = []
        for key in overrideOrder {
            var regionsByTarget: [String: [String]] = [:]
            var targetOrder: [String] = []
            for place in byOverride[key]!.places {
                if regionsByTarget[place.target] == nil { targetOrder.append(place.target) }
                regionsByTarget[place.target, default: []].append(place.region)
            }
            var targetsByRegions: [[String]: [String]] = [:]
            var regionOrder: [[String]] = []
            for target in targetOrder {
                let regions = regionsByTarget[target]!
                if targetsByRegions[regions] == nil { regionOrder.append(regions) }
                targetsByRegions[regions, default: []].append(target)
            }
            for regions in regionOrder { result.append((targetsByRegions[regions]!, regions, byOverride[key]!.overrides)) }
        }
        return result
    }
}

/// Operation ids derived from what an operation does and from the set's newest operation before it:
/// a call retried (after a lost answer, or by the retry policy) carries the same id and CloudFormation
/// runs it once; the next change, made after that operation, gets a new one.
enum StackSetOperationID {
    /// `infra-<32 hex>` (CloudFormation allows `[a-zA-Z0-9][-a-zA-Z0-9]*`, up to 128 characters).
    static func make(_ parts: [String]) -> String {
        "infra-" + SHA256.hexDigest(Array(parts.joined(separator: "\u{1f}").utf8)).prefix(32)
    }
}
