// Lint: warnings about templates CloudFormation accepts but a careful reviewer would not — broad
// IAM grants, whole-account trust, secrets in plain text, logs kept forever or not at all. The
// rules are `ResourceRule`s of kind `.lint` (see `BuiltInRules`), beside their services.
//
// Findings are warnings with a rule ID (`[IAM001]`) at the resource's line; `--strict` makes them
// errors. A resource silences a rule for itself with `.suppressingLint("IAM001", because: "…")`.

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
