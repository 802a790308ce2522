/// CloudWatch Logs' rules for log groups.
enum LogsRules {
    /// The only values `RetentionInDays` accepts.
    static let retentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    static func checkLogGroup(_ context: inout RuleContext) {
        if let retention = context.property("RetentionInDays"), let days = retention.intValue, !retentionDays.contains(days) {
            let nearest = retentionDays.min { abs($0 - days) < abs($1 - days) }!
            context.error(
                "RetentionInDays \(days) is not one CloudWatch Logs accepts (the nearest is \(nearest)); use one of \(retentionDays.map(String.init).joined(separator: ", "))")
        }
        context.checkName(
            context.property("LogGroupName"), property: "LogGroupName", length: 1...512,
            allowed: { ($0.isASCIILetter || $0.isASCIIDigit) || "._-/#".contains($0) },
            allowedText: "letters, digits and ._-/#")
    }
}
