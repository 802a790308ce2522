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

/// An open enumeration of the generated catalogue: `Choice<Tag>` where `Tag` names one schema
/// enumeration, whose listed values are static members in a constrained extension.
///
/// ```swift
/// typealias Mode = Choice<ModeValues>
/// extension Choice where Tag == ModeValues { static var fast: Self { "fast" } }
/// ```
///
/// One generic type carries the conformances every enumeration needs, so the catalogue's
/// thousands of enumerations cost a tag type and their getters each, not a struct of their own.
public struct Choice<Tag>: OpenEnum, Sendable {
    /// The value: a listed one, another string, or an intrinsic function.
    public let rawValue: Token<String>

    /// A value from a token; literals and the static members are shorter.
    public init(rawValue: Token<String>) { self.rawValue = rawValue }
}
