/// The lint rules, in the order their findings print.
///
/// | ID | finds |
/// |---|---|
/// | IAM001 | Allow of `*` actions on `*` resources |
/// | IAM002 | trust of a whole account without a condition |
/// | IAM003 | `iam:PassRole` on `*` |
/// | IAM004 | a `*` principal in an Allow statement without a condition |
/// | IAM005 | Allow with `NotAction` or `NotResource` |
/// | IAM006 | a role without `PermissionsBoundary` (when `requirePermissionsBoundary`) |
/// | IAM007 | `sts:AssumeRole` on `*` in a permission policy |
/// | LOG001 | a log group without `RetentionInDays` |
/// | ECS001 | a container without `LogConfiguration` |
/// | ECS002 | a secret in a plain environment variable |
///
/// IDs are stable: users suppress rules by them, so a retired rule's ID is never reused.
enum LintRules {
    /// Every rule, in the order its findings print.
    static let all: [LintRule] = [
        IAMLintRules.adminAccess,
        IAMLintRules.wholeAccountTrust,
        IAMLintRules.passRoleOnAnyResource,
        IAMLintRules.anyonePrincipal,
        IAMLintRules.allowWithNot,
        IAMLintRules.missingPermissionsBoundary,
        IAMLintRules.assumeAnyRole,
        LogsLintRules.missingRetention,
        ECSLintRules.missingLogConfiguration,
        ECSLintRules.secretInEnvironment,
    ]
}

extension LintRule {
    /// A rule judging each resource; `judge` returns the messages for one resource.
    static func resources(
        _ id: String, _ summary: String, _ judge: @escaping @Sendable (ResourceDeclaration, LintSettings) -> [String]
    ) -> LintRule {
        // By index rather than by element: copying a resource declaration for every rule cost
        // more than judging it.
        LintRule(id: id, summary: summary) { context in
            context.resources.indices.flatMap { index in
                judge(context.resources[index], context.settings).map { LintFinding(context.resources[index].logicalId, $0) }
            }
        }
    }

    /// A rule judging each literal statement of each policy document of the given kinds.
    static func statements(
        _ id: String, _ summary: String, kinds: Set<LintPolicyKind> = LintPolicyKind.all,
        _ judge: @escaping @Sendable (LintStatement) -> [String]
    ) -> LintRule {
        LintRule(id: id, summary: summary) { context in
            context.policyStatements.indices.flatMap { index in
                context.policyStatements[index].filter { kinds.contains($0.document.kind) }.flatMap(judge)
                    .map { LintFinding(context.resources[index].logicalId, $0) }
            }
        }
    }

    /// A rule judging each literal container definition of each ECS task definition; `judge` gets
    /// the container and its label for messages (`container 'app'`, or its index when the name is
    /// not literal).
    static func containers(
        _ id: String, _ summary: String, _ judge: @escaping @Sendable (CFValue, String) -> [String]
    ) -> LintRule {
        resources(id, summary) { resource, _ in
            guard resource.type == "AWS::ECS::TaskDefinition", case .list(let containers)? = resource.lintProperty("ContainerDefinitions") else { return [] }
            return containers.enumerated().flatMap { index, container -> [String] in
                guard container.isLiteralObject else { return [] }
                let label = container["Name"]?.stringValue.map { "container '\($0)'" } ?? "ContainerDefinitions[\(index)]"
                return judge(container, label)
            }
        }
    }
}
