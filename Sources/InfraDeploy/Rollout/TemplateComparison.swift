import Foundation
import InfraArtifact

extension JSONValue {
    /// Parses a template body; `nil` when it is not JSON (a YAML template deployed by another tool, say).
    static func template(_ text: String) -> JSONValue? { try? JSONValue.parse(text) }

    /// Pretty JSON with sorted keys, two-space indentation: stable text for line diffs.
    func canonicalText() -> String { JSONWriter.write(canonical).dropLast().description }
}

/// Compares templates and parameters the way a deployer must: by meaning, not by bytes.
public enum TemplateComparison {
    /// Whether the deployed template body means the same as the local one.
    public static func templatesEqual(deployed: String, local: String) -> Bool {
        if deployed == local { return true }
        guard let left = JSONValue.template(deployed), let right = JSONValue.template(local) else { return false }
        return left.canonical == right.canonical
    }

    /// Whether the deployed parameter values are the wanted ones. Parameters the manifest leaves out
    /// must hold the local `template`'s `Default` (CloudFormation reports defaulted values too). A
    /// masked (`****`, NoEcho) value cannot be compared and counts as different.
    public static func parametersEqual(deployed: [StackParameter], wanted: [StackParameter], template: String = "") -> Bool {
        var want = Dictionary(wanted.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        for (key, value) in parameterDefaults(template) where want[key] == nil { want[key] = value }
        let have = Dictionary(deployed.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        guard have.count == want.count else { return false }
        for (key, value) in want {
            guard let deployedValue = have[key], deployedValue == value, deployedValue != "****" else { return false }
        }
        return true
    }

    /// The `Default` of every parameter of a template, as CloudFormation reports it (text).
    static func parameterDefaults(_ template: String) -> [String: String] {
        guard let parameters = JSONValue.template(template)?["Parameters"]?.dictionary else { return [:] }
        var defaults: [String: String] = [:]
        for (name, declaration) in parameters {
            switch declaration["Default"] {
            case .string(let text)?: defaults[name] = text
            case .int?, .double?, .bool?: defaults[name] = declaration["Default"]!.canonicalText()
            case .list(let items)?: defaults[name] = items.map { if case .string(let text) = $0 { text } else { $0.canonicalText() } }.joined(separator: ",")
            default: break
            }
        }
        return defaults
    }

    /// Whether the deployed stack tags are the wanted ones (order does not matter).
    public static func tagsEqual(deployed: [StackTag], wanted: [StackTag]) -> Bool {
        Set(deployed.map { "\($0.key)=\($0.value)" }) == Set(wanted.map { "\($0.key)=\($0.value)" })
    }

    /// Resource types whose changes can widen who may do what (IAM and resource policies) or who may
    /// connect where (security groups).
    public static let securitySensitiveTypes: Set<String> = [
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group",
        "AWS::IAM::InstanceProfile", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy",
        "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
        "AWS::Lambda::Permission", "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::KMS::Key",
    ]

    /// The security facts that `local` adds over `deployed` (nil for a new stack): IAM statements,
    /// managed policy attachments, trust policies and security-group rules, each as
    /// `LogicalId: what`. Empty when the change only keeps or narrows permissions.
    public static func broadening(deployed: String?, local: String) -> [String] {
        let before = deployed.flatMap(JSONValue.template).map(securityFacts) ?? []
        guard let localTemplate = JSONValue.template(local) else { return [] }
        let added = securityFacts(localTemplate).subtracting(before)
        return added.sorted()
    }

    /// Every security fact of a template, one string each.
    static func securityFacts(_ template: JSONValue) -> Set<String> {
        guard let resources = template["Resources"]?.dictionary else { return [] }
        var facts: Set<String> = []
        func statements(_ document: JSONValue?) -> [JSONValue] {
            switch document?["Statement"] {
            case .list(let list)?: return list
            case let single?: return [single]
            case nil: return []
            }
        }
        func compact(_ value: JSONValue) -> String {
            value.canonicalText().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        for (logicalID, resource) in resources {
            guard case .string(let type)? = resource["Type"], securitySensitiveTypes.contains(type) else { continue }
            let properties = resource["Properties"] ?? .object([])
            for statement in statements(properties["AssumeRolePolicyDocument"]) { facts.insert("\(logicalID) (\(type)) trust: \(compact(statement))") }
            for statement in statements(properties["PolicyDocument"]) { facts.insert("\(logicalID) (\(type)) allows: \(compact(statement))") }
            for statement in statements(properties["KeyPolicy"]) { facts.insert("\(logicalID) (\(type)) key policy: \(compact(statement))") }
            if case .list(let policies)? = properties["Policies"] {
                for policy in policies {
                    for statement in statements(policy["PolicyDocument"]) { facts.insert("\(logicalID) (\(type)) allows: \(compact(statement))") }
                }
            }
            for key in ["ManagedPolicyArns", "Roles", "Users", "Groups", "SecurityGroupIngress", "SecurityGroupEgress"] {
                if case .list(let items)? = properties[key] {
                    for item in items { facts.insert("\(logicalID) (\(type)) \(key): \(compact(item))") }
                }
            }
            if ["AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::Lambda::Permission"].contains(type) {
                facts.insert("\(logicalID) (\(type)): \(compact(properties))")
            }
        }
        return facts
    }

    /// A unified line diff of `old` and `new` with `context` lines around each change; empty when equal.
    public static func lineDiff(old: [String], new: [String], oldName: String, newName: String, context: Int = 3) -> [String] {
        let n = old.count, m = new.count
        // Longest common subsequence table, from the end.
        var table = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        enum Edit { case same(String), removed(String), added(String) }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] { edits.append(.same(old[i])); i += 1; j += 1 }
            else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] { edits.append(.removed(old[i])); i += 1 }
            else { edits.append(.added(new[j])); j += 1 }
        }
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        var lines = ["--- \(oldName)", "+++ \(newName)"]
        var shown = Set<Int>()
        for index in changed { for k in max(0, index - context)...min(edits.count - 1, index + context) { shown.insert(k) } }
        var previous = -2
        for index in shown.sorted() {
            if index != previous + 1 { lines.append("@@") }
            switch edits[index] {
            case .same(let text): lines.append(" " + text)
            case .removed(let text): lines.append("-" + text)
            case .added(let text): lines.append("+" + text)
            }
            previous = index
        }
        return lines
    }
}
