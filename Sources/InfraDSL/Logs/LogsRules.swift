/// CloudWatch Logs' rules, validation and lint, for log groups.
enum LogsRules {
    /// Every Logs rule, validation first.
    static let all: [any ResourceRule] = [LogGroupRule()] + LogsLintRules.all

    /// The only values `RetentionInDays` accepts.
    static let retentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]
}

/// A log group as CreateLogGroup and PutRetentionPolicy accept it: its retention and name.
struct LogGroupRule: ResourceRule {
    let resourceType: String? = LogsType.logGroup
    let kind = RuleKind.validation
    /// Checked here, naming the nearest accepted retention, rather than by the schema.
    let coveredProperties = ["RetentionInDays", "LogGroupName"]

    func check(_ context: inout RuleContext) {
        let accepted = LogsRules.retentionDays
        if let retention = context.property("RetentionInDays"), let days = retention.intValue, !accepted.contains(days) {
            let nearest = accepted.min { abs($0 - days) < abs($1 - days) }!
            context.report(
                "RetentionInDays \(days) is not one CloudWatch Logs accepts (the nearest is \(nearest)); use one of \(accepted.map(String.init).joined(separator: ", "))")
        }
        context.checkName(
            context.property("LogGroupName"), property: "LogGroupName", length: 1...512,
            allowed: { ($0.isASCIILetter || $0.isASCIIDigit) || "._-/#".contains($0) },
            allowedText: "letters, digits and ._-/#")
    }
}
