// Finding and reading IAM policy documents in rendered resources, for the lint rules: which
// property of which type holds them is IAM knowledge, so the table of every type lives here.
//
// Only literal values are judged: an intrinsic function (a `Ref`, an `Fn::If` …) has no value
// until deployment, so whatever it stands for is treated as unknown and never flagged.

/// Which kind of policy a document is, because the same statement means different things in each.
enum LintPolicyKind: Sendable, Hashable {
    /// A role's trust policy (`AssumeRolePolicyDocument`): who may assume the role.
    case trust
    /// An identity-based permission policy: what a role, user or group may do.
    case identity
    /// A resource-based policy (bucket, queue, topic, key …): who may use the resource.
    case resource

    /// Every kind.
    static let all: Set<LintPolicyKind> = [.trust, .identity, .resource]
}

/// One policy document found in a resource, with the path that names it in messages.
struct LintPolicyDocument: Sendable {
    /// The property holding the document (or the `Policies` list holding it).
    var property: String
    /// The document's index in the `Policies` list, for inline policies.
    var policyIndex: Int?
    /// Trust, identity or resource policy.
    var kind: LintPolicyKind
    /// The document as rendered.
    var document: CFValue

    /// The property path, such as `Policies[0].PolicyDocument`; built only for a message.
    var path: String {
        policyIndex.map { "\(property)[\($0)].PolicyDocument" } ?? property
    }

    /// The document's literal statements; a statement (or a whole list) given by an intrinsic is skipped.
    var statements: [LintStatement] {
        switch document["Statement"] {
        case .list(let items):
            return items.enumerated().compactMap { index, item in
                guard case .object = item, item.intrinsic == nil else { return nil }
                return LintStatement(document: self, index: index, value: item)
            }
        case .some(let single) where single.intrinsic == nil:
            guard case .object = single else { return [] }
            return [LintStatement(document: self, index: nil, value: single)]
        default:
            return []
        }
    }
}

/// Where each resource type keeps its policy documents.
enum LintPolicyLocations {
    /// Resource type → (property, kind) of documents held directly in a property.
    static let direct: [String: [(property: String, kind: LintPolicyKind)]] = [
        IAMType.role: [("AssumeRolePolicyDocument", .trust)],
        IAMType.policy: [("PolicyDocument", .identity)],
        IAMType.managedPolicy: [("PolicyDocument", .identity)],
        IAMType.rolePolicy: [("PolicyDocument", .identity)],
        IAMType.userPolicy: [("PolicyDocument", .identity)],
        IAMType.groupPolicy: [("PolicyDocument", .identity)],
        "AWS::S3::BucketPolicy": [("PolicyDocument", .resource)],
        "AWS::S3::AccessPoint": [("Policy", .resource)],
        "AWS::SQS::QueuePolicy": [("PolicyDocument", .resource)],
        "AWS::SQS::QueueInlinePolicy": [("PolicyDocument", .resource)],
        "AWS::SNS::TopicPolicy": [("PolicyDocument", .resource)],
        "AWS::SNS::TopicInlinePolicy": [("PolicyDocument", .resource)],
        "AWS::KMS::Key": [("KeyPolicy", .resource)],
        "AWS::KMS::ReplicaKey": [("KeyPolicy", .resource)],
        "AWS::ECR::Repository": [("RepositoryPolicyText", .resource)],
        "AWS::SecretsManager::ResourcePolicy": [("ResourcePolicy", .resource)],
        "AWS::EC2::VPCEndpoint": [("PolicyDocument", .resource)],
        "AWS::EFS::FileSystem": [("FileSystemPolicy", .resource)],
        "AWS::Backup::BackupVault": [("AccessPolicy", .resource)],
        "AWS::ApiGateway::RestApi": [("Policy", .resource)],
        "AWS::OpenSearchService::Domain": [("AccessPolicies", .resource)],
    ]

    /// Types whose `Policies` list holds inline identity policies (`Policies[].PolicyDocument`).
    static let inlinePolicies: Set<String> = [IAMType.role, IAMType.user, IAMType.group]
}

extension ResourceDeclaration {
    /// The rendered property `key`, if set.
    func lintProperty(_ key: String) -> CFValue? {
        properties.first { $0.key == key }?.value
    }

    /// Every policy document this resource holds as an object. Documents written as JSON text
    /// (some types take a string) or given by an intrinsic are not read.
    var policyDocuments: [LintPolicyDocument] {
        var found: [LintPolicyDocument] = []
        for (property, kind) in LintPolicyLocations.direct[type] ?? [] {
            if let document = lintProperty(property), document.isLiteralObject {
                found.append(LintPolicyDocument(property: property, kind: kind, document: document))
            }
        }
        if LintPolicyLocations.inlinePolicies.contains(type), case .list(let policies)? = lintProperty("Policies") {
            for (index, policy) in policies.enumerated() {
                guard policy.intrinsic == nil, let document = policy["PolicyDocument"], document.isLiteralObject else { continue }
                found.append(LintPolicyDocument(property: "Policies", policyIndex: index, kind: .identity, document: document))
            }
        }
        return found
    }
}

extension CFValue {
    /// Whether this is an object that is not an intrinsic-function call.
    var isLiteralObject: Bool {
        guard case .object = self else { return false }
        return intrinsic == nil
    }

    /// The items when this is a literal list, the value itself otherwise (IAM takes either).
    var lintItems: [CFValue] {
        if case .list(let items) = self { return items }
        return [self]
    }
}

/// One policy statement, read the way IAM reads it.
struct LintStatement: Sendable {
    /// The document holding the statement.
    var document: LintPolicyDocument
    /// The statement's index when the document lists several.
    var index: Int?
    /// The statement as rendered.
    var value: CFValue

    /// The statement's path for messages, such as `Policies[0].PolicyDocument.Statement[1]`; built
    /// only for a finding, since most statements produce none.
    var place: String {
        "\(document.path).Statement" + (index.map { "[\($0)]" } ?? "")
    }

    /// Whether `Effect` is literally `Allow`.
    var isAllow: Bool { value["Effect"]?.stringValue == "Allow" }

    /// Whether the statement has a non-empty `Condition` (an intrinsic counts: it may hold one).
    var hasCondition: Bool {
        guard let condition = value["Condition"] else { return false }
        if case .object(let members) = condition { return !members.isEmpty }
        return true
    }

    /// The literal strings of `key` (`Action`, `Resource` …), whether written as one string or a list;
    /// items given by intrinsics are left out.
    func literals(_ key: String) -> [String] {
        (value[key]?.lintItems ?? []).compactMap(\.stringValue)
    }

    /// The literal actions.
    var actions: [String] { literals("Action") }

    /// Whether `Resource` literally includes `*`.
    var coversEveryResource: Bool { literals("Resource").contains("*") }

    /// The literal actions that grant `action` (IAM wildcards, case-insensitive), except the bare
    /// `*`, which rule IAM001 reports on its own.
    func actionsGranting(_ action: String) -> [String] {
        actions.filter { $0 != "*" && IAMWildcard.matches($0, action) }
    }

    /// Whether the statement applies to `sts:AssumeRole`, through any literal action (`*` included).
    var coversAssumeRole: Bool {
        actions.contains { IAMWildcard.matches($0, "sts:AssumeRole") }
    }

    /// The values of `Principal` under `AWS`, or `["*"]` for the bare `"Principal": "*"`.
    var awsPrincipals: [CFValue] {
        guard let principal = value["Principal"] else { return [] }
        if principal.stringValue == "*" { return [.string("*")] }
        guard principal.isLiteralObject, let aws = principal["AWS"] else { return [] }
        return aws.lintItems
    }

    /// Whether the principal is anyone: `"*"` or `{"AWS": "*"}` (or a list holding `*`).
    var allowsAnyone: Bool {
        awsPrincipals.contains { $0.stringValue == "*" }
    }
}

/// IAM's wildcard matching of actions: `*` is any run of characters, `?` one, case ignored.
enum IAMWildcard {
    /// Whether `pattern` (as written in a policy) covers `name`.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        // Bytes, lower-cased the ASCII way: action names are ASCII, and Unicode case folding per
        // Character cost more than the rest of lint together.
        func folded(_ text: String) -> [UInt8] {
            text.utf8.map { $0.isASCIIUppercase ? $0 + 0x20 : $0 }
        }
        let pattern = folded(pattern), name = folded(name)
        // Greedy matching with one backtrack point: linear enough for policy-sized strings.
        var p = 0, n = 0, star = -1, resume = 0
        while n < name.count {
            if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == name[n]) {
                p += 1; n += 1
            } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p; resume = n; p += 1
            } else if star >= 0 {
                p = star + 1; resume += 1; n = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

/// Recognizing AWS account principals written literally.
enum AccountPrincipal {
    /// Whether `text` is a 12-digit account ID.
    static func isAccountId(_ text: some StringProtocol) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCIIDigit)
    }

    /// The account a principal names as a whole — `111111111111` or `arn:aws:iam::111111111111:root` —
    /// as shown in messages; nil for roles, users, services and anything given by an intrinsic.
    ///
    /// An `Fn::Sub` of `arn:…:iam::${Account}:root` is a whole account whatever the account turns out
    /// to be, so it counts too; a `Ref` alone could be a role ARN as well as an account ID, so it does not.
    static func wholeAccount(_ principal: CFValue) -> String? {
        if let text = principal.stringValue {
            return isAccountId(text) || isRootARN(text, allowingPlaceholders: false) ? text : nil
        }
        if let (name, argument) = principal.intrinsic, name == "Fn::Sub" {
            let template = argument.stringValue ?? argument.lintItems.first?.stringValue
            if let template, isRootARN(template, allowingPlaceholders: true) { return template }
        }
        return nil
    }

    /// `arn:<partition>:iam::<account>:root`; with placeholders, `${…}` may stand for the partition or account.
    private static func isRootARN(_ text: String, allowingPlaceholders: Bool) -> Bool {
        // A placeholder such as `${AWS::Partition}` holds colons itself, so it becomes one marker first.
        let marker: Character = "\u{1}"
        let text = allowingPlaceholders ? replacingPlaceholders(in: text, with: marker) : text
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty, parts[5] == "root" else { return false }
        return (parts[1].hasPrefix("aws") || parts[1] == String(marker)) && (isAccountId(parts[4]) || parts[4] == String(marker))
    }

    /// `text` with every `${…}` placeholder replaced by `marker`; `${!…}` is literal text in `Fn::Sub`, so it stays.
    private static func replacingPlaceholders(in text: String, with marker: Character) -> String {
        var result = "", rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard !after.hasPrefix("!"), let end = after.firstIndex(of: "}") else {
                result += rest[start]
                rest = after
                continue
            }
            result.append(marker)
            rest = after[after.index(after: end)...]
        }
        return result + rest
    }
}
