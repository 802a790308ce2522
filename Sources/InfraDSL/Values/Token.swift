/// A CloudFormation value that yields a `T` when the stack deploys: a literal, or an intrinsic
/// function such as `Ref` or `Fn::GetAtt`.
///
/// The type parameter only guards what you pass where: `roleName:` takes a `Token<String>`,
/// `maxSessionDuration:` a `Token<Int>`. A Swift literal converts on its own; interpolating a
/// reference into a string renders `Fn::Sub`:
///
/// ```swift
/// let arn: Token<String> = "arn:aws:iam::\(targetAccount):role/deploy-role"
/// // {"Fn::Sub": "arn:aws:iam::${TargetAccountX}:role/deploy-role"}
/// ```
public struct Token<T>: CFValueConvertible, Equatable {
    /// The value as CloudFormation reads it.
    public let cfValue: CFValue

    /// Wraps a raw value; you vouch that it yields a `T`.
    public init(raw value: CFValue) {
        cfValue = value
    }

    /// The same value viewed as another type, for the places CloudFormation converts itself
    /// (a `Number` parameter passed where a string is expected, say).
    public func `as`<U>(_ type: U.Type) -> Token<U> {
        Token<U>(raw: cfValue)
    }
}

extension Token: Sendable {}

extension Token: ExpressibleByIntegerLiteral where T: ExpressibleByIntegerLiteral {
    /// A literal integer (also where a `Double` is expected).
    public init(integerLiteral value: Int) { cfValue = .int(value) }
}

extension Token: ExpressibleByFloatLiteral where T == Double {
    /// A literal number.
    public init(floatLiteral value: Double) { cfValue = .double(value) }
}

extension Token: ExpressibleByBooleanLiteral where T == Bool {
    /// A literal boolean.
    public init(booleanLiteral value: Bool) { cfValue = .bool(value) }
}

extension Token: ExpressibleByArrayLiteral where T == [String] {
    /// A literal list whose items may be references.
    public init(arrayLiteral elements: Token<String>...) { cfValue = .list(elements.map(\.cfValue)) }
}

extension Token where T == [String] {
    /// A list of string tokens.
    public init(_ elements: [Token<String>]) { cfValue = .list(elements.map(\.cfValue)) }
}

extension Token: ExpressibleByUnicodeScalarLiteral where T == String {
    /// A literal string.
    public init(unicodeScalarLiteral value: String) { cfValue = .string(value) }
}

extension Token: ExpressibleByExtendedGraphemeClusterLiteral where T == String {
    /// A literal string.
    public init(extendedGraphemeClusterLiteral value: String) { cfValue = .string(value) }
}

extension Token: ExpressibleByStringLiteral where T == String {
    /// A literal string.
    public init(stringLiteral value: String) { cfValue = .string(value) }
}

extension Token: ExpressibleByStringInterpolation where T == String {
    /// A string with references interpolated: a literal when there are none, `Fn::Sub` otherwise.
    public init(stringInterpolation: SubInterpolation) { cfValue = stringInterpolation.rendered }
}

extension Token where T == String {
    /// A literal string from a Swift value.
    public init(_ text: String) { cfValue = .string(text) }
}
