/// A check of one resource at a time, shared by validation and lint and open to users: the
/// built-in IAM, ECS and Logs rules are conformers, and an app adds its own (like CDK Aspects).
///
/// A finding points at the Swift line that declared the resource. A `.validation` rule's findings
/// are errors that fail synthesis; a `.lint` rule's are warnings under its ID, which a resource
/// silences with `.suppressingLint(id, because:)` and `--strict` makes errors.
///
/// ```swift
/// struct BucketsNameTheirTeam: ResourceRule {
///     let resourceType: String? = "AWS::S3::Bucket"
///     let kind = RuleKind.lint(id: "ORG001", summary: "S3 bucket without a 'team' tag")
///     func check(_ context: inout RuleContext) {
///         if context.tag("team") == nil { context.report("bucket has no 'team' tag; add one naming its owners") }
///     }
/// }
///
/// App(rules: [BucketsNameTheirTeam()]) { stack }
/// ```
public protocol ResourceRule: Sendable {
    /// The CloudFormation type the rule judges, such as `AWS::S3::Bucket`; nil judges every resource.
    var resourceType: String? { get }
    /// Whether findings are validation errors or lint warnings under an ID.
    var kind: RuleKind { get }
    /// Property paths (`Policies.*.PolicyName`, `*` for any list item) a validation rule checks
    /// with messages of its own, so the registry schema's check of the same paths is skipped.
    var coveredProperties: [String] { get }
    /// Judges one resource, reporting each problem with `context.report(_:)`.
    func check(_ context: inout RuleContext)
}

extension ResourceRule {
    /// No paths: the schema check runs on every property.
    public var coveredProperties: [String] { [] }

    /// The lint ID, such as `IAM001`; nil for a validation rule.
    public var lintId: String? {
        if case .lint(let id, _) = kind { return id }
        return nil
    }

    /// Whether the rule judges resources of `type`.
    func applies(to type: String) -> Bool {
        resourceType.map { $0 == type } ?? true
    }
}

/// How a rule's findings are reported.
public enum RuleKind: Sendable, Equatable {
    /// What CloudFormation or the service would reject: an error that fails synthesis.
    case validation
    /// What a careful reviewer would not accept: a warning under a stable ID users suppress it by
    /// (a retired rule's ID is never reused), with a one-line summary of what it looks for.
    case lint(id: String, summary: String)
}
