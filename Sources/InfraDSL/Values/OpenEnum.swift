/// A string enumeration from a resource schema that stays open: static members name the values
/// the schema lists, and any other string, an interpolation or an intrinsic function is accepted too.
///
/// ```swift
/// networkMode: .awsvpc           // a listed value
/// networkMode: "bridge"          // a literal
/// networkMode: .init(mode.ref)   // a parameter or another intrinsic function
/// ```
///
/// Validation reports a literal outside the schema's list; an intrinsic function always passes.
public protocol OpenEnum: RawRepresentable, CFValueConvertible, ExpressibleByStringInterpolation, Equatable
where RawValue == Token<String>, StringLiteralType == String, StringInterpolation == SubInterpolation {
    /// A value: a listed one, any other string, or an intrinsic function yielding a string.
    init(rawValue: Token<String>)
}

extension OpenEnum {
    /// A literal value.
    public init(stringLiteral value: String) { self.init(rawValue: Token(value)) }

    /// A string with references interpolated (`Fn::Sub`).
    public init(stringInterpolation: SubInterpolation) { self.init(rawValue: Token(stringInterpolation: stringInterpolation)) }

    /// A value from a token, such as a parameter's `ref` or `Fn.if(…)`.
    public init(_ token: Token<String>) { self.init(rawValue: token) }

    /// The value as CloudFormation reads it.
    public var cfValue: CFValue { rawValue.cfValue }
}
