/// A property type (a generated struct, `Tag`, `PolicyDocument`) that an intrinsic function's
/// result can stand for, so `Fn.if(condition, policy, AWS.noValue())` fits where the type is taken:
/// a property, or one element of a list.
public protocol IntrinsicValue: CFValueConvertible {
    /// The value an intrinsic function resolves to, written as it is.
    init(intrinsic: CFValue)
}

extension Fn {
    /// `Fn::If` where a typed value is taken: `policies: [base, Fn.if(isProduction, audit, AWS.noValue())]`.
    public static func `if`<T: IntrinsicValue>(_ condition: Condition, _ whenTrue: T, _ whenFalse: T) -> T {
        T(intrinsic: ["Fn::If": [.string(condition.name), whenTrue.cfValue, whenFalse.cfValue]])
    }
}

extension AWS {
    /// `AWS::NoValue` where a typed value is taken, usually as one branch of `Fn.if`.
    public static func noValue<T: IntrinsicValue>() -> T {
        T(intrinsic: ["Ref": "AWS::NoValue"])
    }
}
