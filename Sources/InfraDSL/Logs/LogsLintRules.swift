/// Lint rules for CloudWatch Logs.
enum LogsLintRules {
    /// The Logs lint rules, in the order their findings print.
    static let all: [any ResourceRule] = [missingRetention]

    /// LOG001: without `RetentionInDays` CloudWatch Logs keeps (and bills) every event forever.
    static let missingRetention = LogGroupRetentionLintRule()
}

/// LOG001: a log group without `RetentionInDays`.
struct LogGroupRetentionLintRule: ResourceRule {
    let resourceType: String? = LogsType.logGroup
    let kind = RuleKind.lint(id: "LOG001", summary: "Log group without RetentionInDays (events kept forever)")

    func check(_ context: inout RuleContext) {
        guard context.property("RetentionInDays") == nil else { return }
        context.report("log group has no RetentionInDays, so CloudWatch Logs keeps (and bills) its events forever; set retentionInDays, such as 30")
    }
}
