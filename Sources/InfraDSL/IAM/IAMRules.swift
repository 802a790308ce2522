/// IAM's rules, validation and lint: what the IAM API rejects in roles and policies, then what a
/// reviewer would not accept in any policy document.
enum IAMRules {
    /// Every IAM rule, validation first; the lint rules in the order their findings print.
    static let all: [any ResourceRule] = [
        IAMRoleRule(),
        RequiredPropertiesRule(IAMType.policy, ["PolicyDocument", "PolicyName"]),
        RequiredPropertiesRule(IAMType.managedPolicy, ["PolicyDocument"]),
    ] + IAMLintRules.all

    /// Letters, digits and `+=,.@_-`: what IAM allows in role and policy names.
    static func isNameCharacter(_ character: Character) -> Bool {
        guard let byte = character.asciiValue else { return false }
        return byte.isASCIIAlphanumeric || "+=,.@_-".utf8.contains(byte)
    }

    /// The statement-level rules IAM applies when the policy is written.
    static func checkDocument(_ document: CFValue, name: @autoclosure () -> String, isTrustPolicy: Bool, _ context: inout RuleContext) {
        guard case .object = document else { return }
        let statements: [CFValue]
        switch document["Statement"] {
        case .list(let items): statements = items
        case .some(let single) where single.intrinsic == nil: statements = [single]
        case .some: return
        case .none:
            context.report("\(name()) has no Statement")
            return
        }
        for (index, statement) in statements.enumerated() {
            guard case .object = statement, statement.intrinsic == nil else { continue }
            func place() -> String { "\(name()).Statement[\(index)]" }
            if let effect = statement["Effect"] {
                if let text = effect.stringValue, text != "Allow", text != "Deny" {
                    context.report("\(place()).Effect is '\(text)'; IAM accepts only Allow or Deny")
                }
            } else {
                context.report("\(place()) has no Effect; add Allow or Deny")
            }
            exactlyOne("Action", "NotAction", in: statement, at: place(), &context)
            if statement["Principal"] != nil && statement["NotPrincipal"] != nil {
                context.report("\(place()) has both Principal and NotPrincipal; keep one")
            }
            if statement["Resource"] != nil && statement["NotResource"] != nil {
                context.report("\(place()) has both Resource and NotResource; keep one")
            }
            if isTrustPolicy {
                if statement["Principal"] == nil && statement["NotPrincipal"] == nil {
                    context.report("\(place()) has no Principal; a trust policy must say who may assume the role")
                }
            } else {
                if statement["Principal"] != nil || statement["NotPrincipal"] != nil {
                    context.report("\(place()) has a Principal; a role's permission policy must not name one")
                }
                if statement["Resource"] == nil && statement["NotResource"] == nil {
                    context.report("\(place()) has no Resource; a permission policy must say which resources it covers")
                }
            }
        }
    }

    private static func exactlyOne(
        _ first: String, _ second: String, in statement: CFValue, at place: @autoclosure () -> String, _ context: inout RuleContext
    ) {
        switch (statement[first] != nil, statement[second] != nil) {
        case (true, true): context.report("\(place()) has both \(first) and \(second); keep one")
        case (false, false): context.report("\(place()) has neither \(first) nor \(second); add one")
        default: break
        }
    }
}

/// A role as IAM's CreateRole accepts it: its trust policy, name, session length and path, and
/// each inline policy's name and statements.
struct IAMRoleRule: ResourceRule {
    let resourceType: String? = IAMType.role
    let kind = RuleKind.validation
    /// Checked here with IAM's own wording rather than the schema's pattern.
    let coveredProperties = [
        "AssumeRolePolicyDocument", "RoleName", "MaxSessionDuration", "Path", "Policies.*.PolicyName", "Policies.*.PolicyDocument",
    ]

    func check(_ context: inout RuleContext) {
        context.require("AssumeRolePolicyDocument", in: .object(context.resource.properties), path: "")
        context.checkName(
            context.property("RoleName"), property: "RoleName", length: 1...64, allowed: IAMRules.isNameCharacter,
            allowedText: "letters, digits and +=,.@_-")
        if let duration = context.property("MaxSessionDuration"), let seconds = duration.intValue, !(3600...43200).contains(seconds) {
            context.report("MaxSessionDuration \(seconds) is outside 3600 to 43200 seconds (1 to 12 hours)")
        }
        if let path = context.property("Path")?.stringValue, !(path == "/" || (path.count <= 512 && path.hasPrefix("/") && path.hasSuffix("/"))) {
            context.report("Path '\(path)' must begin and end with '/' and be at most 512 characters")
        }
        if let trust = context.property("AssumeRolePolicyDocument") {
            IAMRules.checkDocument(trust, name: "AssumeRolePolicyDocument", isTrustPolicy: true, &context)
        }
        for (index, policy) in context.items(context.property("Policies")).enumerated() {
            // Places are spelled out only for a message; most policies produce none.
            func place() -> String { "Policies[\(index)]" }
            context.require("PolicyName", in: policy, path: place())
            context.require("PolicyDocument", in: policy, path: place())
            context.checkName(
                policy["PolicyName"], property: "\(place()).PolicyName", length: 1...128, allowed: IAMRules.isNameCharacter,
                allowedText: "letters, digits and +=,.@_-")
            if let document = policy["PolicyDocument"] {
                IAMRules.checkDocument(document, name: "\(place()).PolicyDocument", isTrustPolicy: false, &context)
            }
        }
    }
}
