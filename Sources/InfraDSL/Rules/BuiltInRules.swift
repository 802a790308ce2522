/// The rules every app is held to, each living beside its service (`IAM/`, `ECS/`, `Logs/`);
/// lint findings print in this order.
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
/// | DEP001 | a `DependsOn` already implied by a reference |
///
/// IDs are stable: users suppress rules by them, so a retired rule's ID is never reused.
enum BuiltInRules {
    /// Every built-in rule: validation and lint, service by service.
    static let all: [any ResourceRule] = [ResourcePolicyRule()] + IAMRules.all + LogsRules.all + ECSRules.all + [RedundantDependsOnRule()]

    /// The built-in lint rules, in the order their findings print.
    static var lint: [any ResourceRule] { all.filter { $0.lintId != nil } }
}
