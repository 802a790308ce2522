/// A value where an integer property is taken: a plain `Int` (a literal or a variable), any token
/// (a parameter's `ref`, `Fn.if(…)`, `Fn.importValue(…)` — CloudFormation resolves it), or a string
/// in CloudFormation's lenient form (`"5"`). Validation checks what it can at the resource's line:
/// a literal must read as an integer, a parameter's `Ref` must name a `Number` parameter.
public protocol IntegerValue: CFValueConvertible {}

/// A value where a number property (a schema `number`) is taken: a plain `Double` or `Int` (so `1`
/// and `0.5` both fit), any token, or a string in CloudFormation's lenient form (`"0.5"`).
public protocol NumberValue: CFValueConvertible {}

/// A value where a Boolean property is taken: a plain `Bool`, any token, or `"true"` / `"false"`,
/// which CloudFormation takes too (validation refuses other strings at the resource's line).
public protocol BooleanValue: CFValueConvertible {}

extension Int: IntegerValue, NumberValue {}
extension Double: NumberValue {}
extension Bool: BooleanValue {}
extension String: IntegerValue, NumberValue, BooleanValue {}
extension Token: IntegerValue, NumberValue, BooleanValue {}

extension Fn {
    /// `Fn::If` of two integers, where an integer is taken: `readCapacityUnits: Fn.if(isProduction, 100, 5)`.
    public static func `if`(_ condition: Condition, _ whenTrue: Int, _ whenFalse: Int) -> Token<Int> {
        Token(raw: ["Fn::If": [.string(condition.name), .int(whenTrue), .int(whenFalse)]])
    }

    /// `Fn::If` of two Booleans, where a Boolean is taken.
    public static func `if`(_ condition: Condition, _ whenTrue: Bool, _ whenFalse: Bool) -> Token<Bool> {
        Token(raw: ["Fn::If": [.string(condition.name), .bool(whenTrue), .bool(whenFalse)]])
    }
}
