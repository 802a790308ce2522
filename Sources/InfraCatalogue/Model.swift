import InfraArtifact

/// The Swift type of a property, as the generator spells it.
public indirect enum SwiftType: Equatable, Sendable {
    /// `Token<X>`: a literal or an intrinsic function yielding an `X`.
    case token(String)
    /// A named type: a generated struct or enumeration, `Tag`, `PolicyDocument` or `CFValue`.
    case named(String)
    /// `[X]`.
    case list(SwiftType)
    /// `[String: X]`.
    case map(SwiftType)

    /// The Swift spelling.
    public var spelled: String {
        switch self {
        case .token(let name): "Token<\(name)>"
        case .named(let name): name
        case .list(let element): "[\(element.spelled)]"
        case .map(let value): "[String: \(value.spelled)]"
        }
    }

    /// The Swift spelling of a parameter of this type: an integer is `any IntegerValue` and a Boolean
    /// `any BooleanValue`, so a plain `Int` or `Bool` variable passes as well as a literal, any token
    /// (a parameter's `ref`) or CloudFormation's lenient strings (`"5"`, `"true"`), which validation checks.
    public var parameterSpelled: String {
        switch self {
        case .token(let name): Self.plainValueTypes[name].map { "(any \($0))" } ?? spelled
        case .list(.token(let name)): Self.plainValueTypes[name].map { "[any \($0)]" } ?? spelled
        default: spelled
        }
    }

    /// How a parameter of this type named `name` is handed to the property writer: existentials as
    /// their rendered values (an existential is no `CFValueConvertible` itself).
    public func written(_ name: String, optional: Bool) -> String {
        let access = optional ? "?." : "."
        switch self {
        case .token(let type) where Self.plainValueTypes[type] != nil: return "\(name)\(access)cfValue"
        case .list(.token(let type)) where Self.plainValueTypes[type] != nil: return "\(name)\(access)map(\\.cfValue)"
        default: return name
        }
    }

    /// The token types a parameter takes as an existential of InfraDSL's value protocol instead, by
    /// the protocol (`NumberValue` takes `1` and `0.5` alike); strings and string lists stay tokens,
    /// so an interpolation keeps rendering `Fn::Sub`.
    static let plainValueTypes: [String: String] = ["Int": "IntegerValue", "Double": "NumberValue", "Bool": "BooleanValue"]

    /// The generated struct this type holds directly (not through a list or map), if any.
    var directStruct: String? {
        if case .named(let name) = self { return name }
        return nil
    }
}

/// One property of a resource or of a property type.
public struct PropertyModel: Equatable, Sendable {
    /// The key in CloudFormation (`RoleName`).
    public var key: String
    /// The Swift name (`roleName`), not escaped.
    public var name: String
    /// The Swift type.
    public var type: SwiftType
    /// Whether the schema requires it.
    public var isRequired: Bool
    /// The documentation summary.
    public var summary: String?
    /// Whether changing it replaces the resource.
    public var isCreateOnly: Bool
    /// Its schema, `$ref`s of the property and its items resolved, for placeholder values.
    public var schema: JSONValue = .null
    /// Whether the value is written as the string of its JSON (``CFValue/asJSONString``): a policy
    /// document where the schema takes only a string.
    public var writesJSONString = false
}

/// An open string enumeration: the values a schema lists.
public struct EnumModel: Equatable, Sendable {
    /// The Swift type name.
    public var name: String
    /// The schema name it comes from (a property key or definition).
    public var source: String
    /// The documentation summary.
    public var summary: String?
    /// The values, in schema order.
    public var values: [String]
    /// The caseless tag type of its `Choice` (`<name>Values`, made unique against every type name
    /// of the resource, so a property type named `DimensionValues` keeps its name).
    public var tagName: String = ""
}

/// A property type: a nested struct rendering as a JSON object.
public struct StructModel: Equatable, Sendable {
    /// The Swift type name.
    public var name: String
    /// The schema name it comes from (a definition or a property key).
    public var source: String
    /// The documentation summary.
    public var summary: String?
    /// Its properties, in key order.
    public var properties: [PropertyModel]
    /// Enumerations of its properties, nested in it.
    public var enums: [EnumModel]
    /// Properties the first `oneOf`/`anyOf` alternative requires, for placeholder values.
    public var alternativeRequired: [String] = []
}

/// A `Fn::GetAtt` attribute of a resource.
public struct AttributeModel: Equatable, Sendable {
    /// The attribute's name in `Fn::GetAtt` (`Arn`, `Endpoint.Address`).
    public var attribute: String
    /// The Swift accessor's name.
    public var name: String
    /// The value type (`String`, `Int`, `[String]` …).
    public var valueType: String
    /// The documentation summary.
    public var summary: String?
}

/// One resource type, ready to emit.
public struct ResourceModel: Equatable, Sendable {
    /// `AWS::IAM::Role`.
    public var typeName: String
    /// `IAM`.
    public var service: String
    /// `Role`.
    public var name: String
    /// The documentation summary.
    public var summary: String?
    /// The writable properties, in key order.
    public var properties: [PropertyModel]
    /// Enumerations of its own properties.
    public var enums: [EnumModel]
    /// Property types and definition enumerations, nested in the resource, by name.
    public var structs: [StructModel]
    /// Enumerations defined once and used from several places, nested in the resource.
    public var sharedEnums: [EnumModel]
    /// `Fn::GetAtt` attributes.
    public var attributes: [AttributeModel]
    /// The primary identifier, as property paths.
    public var primaryIdentifier: [String]
    /// Create-only properties, as property paths.
    public var createOnly: [String]
    /// The constraint tree for validation, as compact JSON.
    public var constraints: String
    /// Properties the first `oneOf`/`anyOf` alternative requires, for placeholder values.
    public var alternativeRequired: [String] = []
    /// cfn-lint's `requiredXor`: exactly one of these properties must be set.
    public var requiredXor: [String] = []
    /// A note when AWS is retiring the service (sunset or maintenance), from the schema's `lifecycle`.
    public var lifecycle: String?
}
