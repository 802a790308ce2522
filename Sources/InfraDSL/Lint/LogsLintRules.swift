/// Lint rules for CloudWatch Logs.
enum LogsLintRules {
    /// LOG001: without `RetentionInDays` CloudWatch Logs keeps (and bills) every event forever.
    static let missingRetention = LintRule.resources("LOG001", "Log group without RetentionInDays (events kept forever)") { resource, _ in
        guard resource.type == "AWS::Logs::LogGroup", resource.lintProperty("RetentionInDays") == nil else { return [] }
        return ["log group has no RetentionInDays, so CloudWatch Logs keeps (and bills) its events forever; set retentionInDays, such as 30"]
    }
}
