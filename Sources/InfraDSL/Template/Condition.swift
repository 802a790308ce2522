/// A `Conditions` entry: a named boolean that resources, outputs and `Fn.if` can depend on.
///
/// ```swift
/// let isProduction = Condition("IsProduction", .equals(stage.ref, "production"))
/// ```
public struct Condition: StackContent {
    /// The condition's logical name.
    public let name: String
    /// What it evaluates.
    public var expression: ConditionExpression
    /// Where it was declared.
    public internal(set) var location: SourceLocation

    /// A named condition.
    public init(_ name: String, _ expression: ConditionExpression, file: String = #filePath, line: Int = #line) {
        self.name = name
        self.expression = expression
        location = SourceLocation(file: file, line: line)
    }

    /// The stack elements this contributes: itself.
    public var stackElements: [StackElement] { [.condition(self)] }
}

/// A condition function: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, or another condition by name.
public indirect enum ConditionExpression: Sendable, Equatable {
    /// `Fn::Equals`: the two values are equal.
    case equals(CFValue, CFValue)
    /// `Fn::And`: all hold (2 to 10 of them).
    case and([ConditionExpression])
    /// `Fn::Or`: at least one holds (2 to 10 of them).
    case or([ConditionExpression])
    /// `Fn::Not`: the expression does not hold.
    case not(ConditionExpression)
    /// `{"Condition": name}`: another condition of the same stack.
    case condition(String)

    /// `Fn::Equals` of two string tokens.
    public static func equals(_ lhs: Token<String>, _ rhs: Token<String>) -> ConditionExpression {
        .equals(lhs.cfValue, rhs.cfValue)
    }

    /// Another condition of the same stack.
    public static func holds(_ condition: Condition) -> ConditionExpression {
        .condition(condition.name)
    }

    /// The expression as CloudFormation reads it.
    public var cfValue: CFValue {
        switch self {
        case .equals(let lhs, let rhs): ["Fn::Equals": [lhs, rhs]]
        case .and(let parts): ["Fn::And": .list(parts.map(\.cfValue))]
        case .or(let parts): ["Fn::Or": .list(parts.map(\.cfValue))]
        case .not(let part): ["Fn::Not": [part.cfValue]]
        case .condition(let name): ["Condition": .string(name)]
        }
    }
}
