/// IAM's rules for roles and policy documents, as the IAM API enforces them.
enum IAMRules {
    /// Letters, digits and `+=,.@_-`: what IAM allows in role and policy names.
    static func isNameCharacter(_ character: Character) -> Bool {
        guard let byte = character.asciiValue else { return false }
        return byte.isASCIIAlphanumeric || "+=,.@_-".utf8.contains(byte)
    }

    static func checkRole(_ context: inout RuleContext) {
        context.checkName(
            context.property("RoleName"), property: "RoleName", length: 1...64, allowed: isNameCharacter,
            allowedText: "letters, digits and +=,.@_-")
        if let duration = context.property("MaxSessionDuration"), let seconds = duration.intValue, !(3600...43200).contains(seconds) {
            context.error("MaxSessionDuration \(seconds) is outside 3600 to 43200 seconds (1 to 12 hours)")
        }
        if let path = context.property("Path")?.stringValue, !(path == "/" || (path.count <= 512 && path.hasPrefix("/") && path.hasSuffix("/"))) {
            context.error("Path '\(path)' must begin and end with '/' and be at most 512 characters")
        }
        if let trust = context.property("AssumeRolePolicyDocument") {
            checkDocument(trust, name: "AssumeRolePolicyDocument", isTrustPolicy: true, &context)
        }
        for (index, policy) in context.items(context.property("Policies")).enumerated() {
            // Places are spelled out only for a message; most policies produce none.
            func place() -> String { "Policies[\(index)]" }
            context.require("PolicyName", in: policy, path: place())
            context.require("PolicyDocument", in: policy, path: place())
            context.checkName(
                policy["PolicyName"], property: "\(place()).PolicyName", length: 1...128, allowed: isNameCharacter,
                allowedText: "letters, digits and +=,.@_-")
            if let document = policy["PolicyDocument"] {
                checkDocument(document, name: "\(place()).PolicyDocument", isTrustPolicy: false, &context)
            }
        }
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
            context.error("\(name()) has no Statement")
            return
        }
        for (index, statement) in statements.enumerated() {
            guard case .object = statement, statement.intrinsic == nil else { continue }
            func place() -> String { "\(name()).Statement[\(index)]" }
            if let effect = statement["Effect"] {
                if let text = effect.stringValue, text != "Allow", text != "Deny" {
                    context.error("\(place()).Effect is '\(text)'; IAM accepts only Allow or Deny")
                }
            } else {
                context.error("\(place()) has no Effect; add Allow or Deny")
            }
            exactlyOne("Action", "NotAction", in: statement, at: place(), &context)
            if statement["Principal"] != nil && statement["NotPrincipal"] != nil {
                context.error("\(place()) has both Principal and NotPrincipal; keep one")
            }
            if statement["Resource"] != nil && statement["NotResource"] != nil {
                context.error("\(place()) has both Resource and NotResource; keep one")
            }
            if isTrustPolicy {
                if statement["Principal"] == nil && statement["NotPrincipal"] == nil {
                    context.error("\(place()) has no Principal; a trust policy must say who may assume the role")
                }
            } else {
                if statement["Principal"] != nil || statement["NotPrincipal"] != nil {
                    context.error("\(place()) has a Principal; a role's permission policy must not name one")
                }
                if statement["Resource"] == nil && statement["NotResource"] == nil {
                    context.error("\(place()) has no Resource; a permission policy must say which resources it covers")
                }
            }
        }
    }

    private static func exactlyOne(
        _ first: String, _ second: String, in statement: CFValue, at place: @autoclosure () -> String, _ context: inout RuleContext
    ) {
        switch (statement[first] != nil, statement[second] != nil) {
        case (true, true): context.error("\(place()) has both \(first) and \(second); keep one")
        case (false, false): context.error("\(place()) has neither \(first) nor \(second); add one")
        default: break
        }
    }
}
