/// The CloudWatch Logs resource type names the core needs, written once, here.
enum LogsType {
    /// `AWS::Logs::LogGroup`.
    static let logGroup = "AWS::Logs::LogGroup"
}
