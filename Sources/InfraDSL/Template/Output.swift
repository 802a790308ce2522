/// An `Outputs` entry: a value the stack publishes, optionally exported for `Fn::ImportValue`.
///
/// ```swift
/// Output("DeployRoleArn", value: deployRole.arn, exportName: "\(AWS.stackName)-DeployRoleArn")
/// ```
public struct Output: StackContent {
    /// The output's logical name.
    public let name: String
    /// `Value`.
    public var value: CFValue
    /// `Description`.
    public var description: String?
    /// `Export.Name`: makes the value importable in the same account and region.
    public var exportName: Token<String>?
    /// `Condition`: the output exists only where the condition holds.
    public var condition: String?
    /// Where it was declared.
    public internal(set) var location: SourceLocation

    /// An output of any typed value.
    public init<T>(
        _ name: String,
        value: Token<T>,
        description: String? = nil,
        exportName: Token<String>? = nil,
        condition: Condition? = nil,
        file: String = #filePath,
        line: Int = #line
    ) {
        self.name = name
        self.value = value.cfValue
        self.description = description
        self.exportName = exportName
        self.condition = condition?.name
        location = SourceLocation(file: file, line: line)
    }

    /// The stack elements this contributes: itself.
    public var stackElements: [StackElement] { [.output(self)] }

    var rendered: CFValue {
        var members: [CFValue.Member] = []
        if let description { members.append(CFValue.Member("Description", .string(description))) }
        if let condition { members.append(CFValue.Member("Condition", .string(condition))) }
        members.append(CFValue.Member("Value", value))
        if let exportName { members.append(CFValue.Member("Export", ["Name": exportName.cfValue])) }
        return .object(members)
    }
}
