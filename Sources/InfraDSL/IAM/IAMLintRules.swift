/// Lint rules for IAM: broad grants, whole-account and anonymous trust, missing boundaries.
///
/// They read every policy document a resource holds (roles, inline and managed policies, bucket,
/// queue, topic and key policies …), judging literal values only.
enum IAMLintRules {
    /// The IAM lint rules, in the order their findings print.
    static let all: [any ResourceRule] = [
        adminAccess, wholeAccountTrust, passRoleOnAnyResource, anyonePrincipal, allowWithNot, missingPermissionsBoundary, assumeAnyRole,
    ]

    /// IAM001: `*` actions on `*` resources is administrator access, rarely what a role needs.
    static let adminAccess = PolicyStatementLintRule(
        "IAM001", "Allow of every action ('*') on every resource ('*')", kinds: [.identity, .resource]
    ) { statement in
        guard statement.isAllow, statement.actions.contains("*"), statement.coversEveryResource else { return [] }
        return ["\(statement.place) allows '*' actions on '*' resources, which is full administrator access; list only the actions and resources it needs"]
    }

    /// IAM002: trusting an account (its root or bare ID) without a condition lets every principal
    /// there assume the role — the article's deploy role does this.
    static let wholeAccountTrust = PolicyStatementLintRule(
        "IAM002", "Trust of a whole AWS account without a condition", kinds: [.trust]
    ) { statement in
        guard statement.isAllow, !statement.hasCondition, statement.coversAssumeRole else { return [] }
        return statement.awsPrincipals.compactMap(AccountPrincipal.wholeAccount).map { account in
            "\(statement.place) trusts the whole account '\(account)' with no Condition, so every role and user in it may assume this role; add a condition on aws:PrincipalArn naming the role that needs it, or name that role's ARN as the principal"
        }
    }

    /// IAM003: `iam:PassRole` on `*` lets the holder give any role, however privileged, to a service
    /// it controls — a classic privilege escalation.
    static let passRoleOnAnyResource = PolicyStatementLintRule(
        "IAM003", "iam:PassRole allowed on every resource ('*')", kinds: [.identity, .resource]
    ) { statement in
        guard statement.isAllow, statement.coversEveryResource else { return [] }
        let granting = statement.actionsGranting("iam:PassRole")
        guard !granting.isEmpty else { return [] }
        return ["\(statement.place) allows iam:PassRole\(through(granting, "iam:PassRole")) on every resource ('*'), so it can hand any role, however privileged, to a service; list the ARNs of the roles it may pass"]
    }

    /// IAM004: a `*` principal with no condition is anyone on the internet (or any AWS account).
    static let anyonePrincipal = PolicyStatementLintRule("IAM004", "Wildcard principal ('*') in an Allow statement without a condition") { statement in
        guard statement.isAllow, !statement.hasCondition, statement.allowsAnyone else { return [] }
        return ["\(statement.place) allows any principal ('*'), anonymous callers included, with no Condition; name the principals, or add a Condition that narrows them, such as aws:PrincipalOrgID or aws:SourceArn"]
    }

    /// IAM005: Allow with NotAction or NotResource grants everything else, including what AWS adds later.
    static let allowWithNot = PolicyStatementLintRule("IAM005", "Allow with NotAction or NotResource") { statement in
        guard statement.isAllow else { return [] }
        var messages: [String] = []
        if statement.value["NotAction"] != nil {
            messages.append("\(statement.place) allows with NotAction, which grants every action not listed, including actions AWS adds later; list what is allowed under Action instead")
        }
        if statement.value["NotResource"] != nil {
            messages.append("\(statement.place) allows with NotResource, which grants on every resource not listed, including ones created later; list the resources under Resource instead")
        }
        return messages
    }

    /// IAM006: organisations that cap every role with a boundary policy turn this on in `LintSettings`.
    static let missingPermissionsBoundary = PermissionsBoundaryLintRule()

    /// IAM007: `sts:AssumeRole` on `*` lets the holder assume every role that trusts its account,
    /// where an agent needs exactly one deploy role.
    static let assumeAnyRole = PolicyStatementLintRule(
        "IAM007", "sts:AssumeRole allowed on every resource ('*') in a permission policy", kinds: [.identity]
    ) { statement in
        guard statement.isAllow, statement.coversEveryResource else { return [] }
        let granting = statement.actionsGranting("sts:AssumeRole")
        guard !granting.isEmpty else { return [] }
        return ["\(statement.place) allows sts:AssumeRole\(through(granting, "sts:AssumeRole")) on every resource ('*'), so it may assume any role that trusts its account; name the ARNs of the roles it may assume"]
    }

    /// ` (through 'iam:*')` when the action is granted by a wildcard rather than by name.
    private static func through(_ granting: [String], _ action: String) -> String {
        let wildcards = granting.filter { $0.lowercased() != action.lowercased() }
        guard wildcards.count == granting.count else { return "" }
        return " (through \(wildcards.map { "'\($0)'" }.joined(separator: ", ")))"
    }
}

/// A lint rule judging each literal statement of each policy document of the given kinds, in
/// whatever resource holds it (roles, managed policies, bucket, queue and key policies …).
struct PolicyStatementLintRule: ResourceRule {
    let resourceType: String? = nil
    let kind: RuleKind
    /// The kinds of document judged: trust, identity or resource policies.
    let kinds: Set<LintPolicyKind>
    /// The messages for one statement.
    let judge: @Sendable (LintStatement) -> [String]

    init(_ id: String, _ summary: String, kinds: Set<LintPolicyKind> = LintPolicyKind.all, _ judge: @escaping @Sendable (LintStatement) -> [String]) {
        kind = .lint(id: id, summary: summary)
        self.kinds = kinds
        self.judge = judge
    }

    func check(_ context: inout RuleContext) {
        for statement in context.policyStatements where kinds.contains(statement.document.kind) {
            for message in judge(statement) { context.report(message) }
        }
    }
}

/// IAM006: a role without a `PermissionsBoundary`, for apps that require one
/// (`LintSettings.requirePermissionsBoundary`).
struct PermissionsBoundaryLintRule: ResourceRule {
    let resourceType: String? = IAMType.role
    let kind = RuleKind.lint(id: "IAM006", summary: "Role without a PermissionsBoundary (only with LintSettings.requirePermissionsBoundary)")

    func check(_ context: inout RuleContext) {
        guard context.lintSettings.requirePermissionsBoundary, context.property("PermissionsBoundary") == nil else { return }
        context.report("role has no PermissionsBoundary, which this app requires (LintSettings.requirePermissionsBoundary); set permissionsBoundary to the ARN of the boundary policy")
    }
}
