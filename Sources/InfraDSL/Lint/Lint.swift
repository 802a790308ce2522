/// Lint: warnings about templates CloudFormation accepts but a careful reviewer would not — broad
/// IAM grants, whole-account trust, secrets in plain text, logs kept forever or not at all.
///
/// Findings are warnings with a rule ID (`[IAM001]`) at the resource's line; `--strict` makes them
/// errors. A resource silences a rule for itself with `.suppressingLint("IAM001", because: "…")`.
public struct LintRule: Sendable {
    /// The stable ID users suppress the rule by, such as `IAM001`.
    public let id: String
    /// What the rule looks for, one line.
    public let summary: String
    /// The check: what it finds in one stack.
    let check: @Sendable (LintContext) -> [LintFinding]
}

/// What a lint rule sees: one stack's resources, rendered, and the app's lint settings.
public struct LintContext: Sendable {
    /// The stack's name.
    public let stackName: String
    /// The stack's resources as the template holds them.
    public let resources: [ResourceDeclaration]
    /// The app's lint settings.
    public let settings: LintSettings
    /// Each resource's literal policy statements, read once for every rule that judges them.
    let policyStatements: [[LintStatement]]

    init(stackName: String, resources: [ResourceDeclaration], settings: LintSettings) {
        self.stackName = stackName
        self.resources = resources
        self.settings = settings
        policyStatements = resources.map { $0.policyDocuments.flatMap(\.statements) }
    }
}

/// One finding of a rule: which resource and what is wrong (and what to do).
public struct LintFinding: Sendable, Equatable {
    /// The resource's logical ID.
    public var logicalId: String
    /// What is wrong and what to do.
    public var message: String

    /// A finding about one resource.
    public init(_ logicalId: String, _ message: String) {
        self.logicalId = logicalId
        self.message = message
    }
}

/// App-wide lint settings.
public struct LintSettings: Sendable, Equatable {
    /// Every IAM role must have a `PermissionsBoundary` (rule IAM006).
    public var requirePermissionsBoundary: Bool

    /// Settings; every rule on, no boundary required.
    public init(requirePermissionsBoundary: Bool = false) {
        self.requirePermissionsBoundary = requirePermissionsBoundary
    }
}

extension Resource {
    /// Silences lint rule `id` for this resource; the reason is for the reviewer reading the code.
    public func suppressingLint(_ id: String, because reason: String) -> Self {
        var copy = self
        copy.options.suppressedLint[id] = reason
        return copy
    }
}

enum Linter {
    /// Every finding of every rule for one stack's resources, as warnings at the resources' lines.
    static func lint(_ stack: Stack, resources: [ResourceDeclaration], settings: LintSettings) -> [Diagnostic] {
        let context = LintContext(stackName: stack.name, resources: resources, settings: settings)
        let byId = Dictionary(resources.map { ($0.logicalId, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for rule in LintRules.all {
            for finding in rule.check(context) {
                guard let resource = byId[finding.logicalId], resource.options.suppressedLint[rule.id] == nil else { continue }
                diagnostics.append(Diagnostic(
                    .warning, "[\(rule.id)] resource '\(finding.logicalId)': \(finding.message)", at: resource.options.location))
            }
        }
        return diagnostics
    }
}
