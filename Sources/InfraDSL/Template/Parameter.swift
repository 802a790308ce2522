/// A template parameter: a value supplied when the stack is deployed.
///
/// ```swift
/// let jenkinsAccountId = Parameter("JenkinsAccountId", description: "The accountId of the account hosting Jenkins")
/// ```
/// Add it to the stack's body and use `jenkinsAccountId.ref`, or interpolate it into a string.
public struct Parameter: StackContent, Hashable {
    /// The parameter's logical ID.
    public let name: String
    /// Its CloudFormation type.
    public var type: ParameterType
    /// `Description`.
    public var description: String?
    /// `Default`, used when the deployment supplies no value.
    public var defaultValue: String?
    /// `AllowedValues`.
    public var allowedValues: [String]?
    /// `AllowedPattern`, a Java regular expression CloudFormation matches against the whole value.
    public var allowedPattern: String?
    /// `MinLength` (string types only).
    public var minLength: Int?
    /// `MaxLength` (string types only).
    public var maxLength: Int?
    /// `MinValue` (number types only).
    public var minValue: Double?
    /// `MaxValue` (number types only).
    public var maxValue: Double?
    /// `NoEcho`: CloudFormation masks the value in the console and API answers.
    public var noEcho: Bool
    /// `ConstraintDescription`: shown when a value breaks the constraints.
    public var constraintDescription: String?
    /// Where it was declared.
    public internal(set) var location: SourceLocation

    /// A parameter with every section CloudFormation allows; only the name is required.
    public init(
        _ name: String,
        type: ParameterType = .string,
        description: String? = nil,
        default defaultValue: (any ParameterLiteral)? = nil,
        allowedValues: [String]? = nil,
        allowedPattern: String? = nil,
        minLength: Int? = nil,
        maxLength: Int? = nil,
        minValue: Double? = nil,
        maxValue: Double? = nil,
        noEcho: Bool = false,
        constraintDescription: String? = nil,
        file: String = #filePath,
        line: Int = #line
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.defaultValue = defaultValue?.parameterText
        self.allowedValues = allowedValues
        self.allowedPattern = allowedPattern
        self.minLength = minLength
        self.maxLength = maxLength
        self.minValue = minValue
        self.maxValue = maxValue
        self.noEcho = noEcho
        self.constraintDescription = constraintDescription
        location = SourceLocation(file: file, line: line)
    }

    /// `Ref` to the parameter: its value as a string.
    public var ref: Token<String> { Fn.ref(name) }

    /// `Ref` to a `Number` parameter as an integer token (`ref` fits integer properties too).
    /// Validation checks the parameter's declared type against the property's at the resource's line.
    public var numberRef: Token<Int> { Fn.ref(name, as: Int.self) }

    /// `Ref` to a parameter where a Boolean is taken (CloudFormation reads `"true"` and `"false"`):
    /// declare it `allowedValues: ["true", "false"]`.
    public var booleanRef: Token<Bool> { Fn.ref(name, as: Bool.self) }

    /// `Ref` to a list-typed parameter (`CommaDelimitedList`, `List<…>`): its values as a list.
    public var listRef: Token<[String]> { Fn.ref(name, as: [String].self) }

    /// The stack elements this contributes: itself.
    public var stackElements: [StackElement] { [.parameter(self)] }

    /// The `Parameters` entry, in CloudFormation's documented key order.
    var rendered: CFValue {
        var members = [CFValue.Member("Type", .string(type.rawValue))]
        func add(_ key: String, _ value: CFValue?) { if let value { members.append(CFValue.Member(key, value)) }
        }
        add("Description", description.map(CFValue.string))
        add("Default", defaultValue.map(CFValue.string))
        add("AllowedValues", allowedValues.map { .list($0.map(CFValue.string)) })
        add("AllowedPattern", allowedPattern.map(CFValue.string))
        add("MinLength", minLength.map(CFValue.int))
        add("MaxLength", maxLength.map(CFValue.int))
        add("MinValue", minValue.map(Self.number))
        add("MaxValue", maxValue.map(Self.number))
        add("NoEcho", noEcho ? .bool(true) : nil)
        add("ConstraintDescription", constraintDescription.map(CFValue.string))
        return .object(members)
    }

    private static func number(_ value: Double) -> CFValue {
        if let whole = Int(exactly: value) { return .int(whole) }
        return .double(value)
    }

    /// Parameters are equal when their names are: a stack holds one of each name.
    public static func == (lhs: Parameter, rhs: Parameter) -> Bool { lhs.name == rhs.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// A value a parameter's `Default` takes: CloudFormation reads every default as text, so
/// `default: 1` and `default: true` are written as `"1"` and `"true"`.
public protocol ParameterLiteral: Sendable {
    /// The value as the template's `Default` holds it.
    var parameterText: String { get }
}

extension String: ParameterLiteral {
    /// The string itself.
    public var parameterText: String { self }
}

extension Int: ParameterLiteral {
    /// The integer in decimal.
    public var parameterText: String { String(self) }
}

extension Double: ParameterLiteral {
    /// The number, without a fraction when it is whole.
    public var parameterText: String { Int(exactly: self).map(String.init) ?? String(self) }
}

extension Bool: ParameterLiteral {
    /// `true` or `false`.
    public var parameterText: String { String(self) }
}

/// A parameter's `Type`: one of CloudFormation's types, including AWS-specific and SSM ones.
public struct ParameterType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The type as CloudFormation spells it.
    public let rawValue: String

    /// A type by its CloudFormation name; validation reports names CloudFormation does not know.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A type by its CloudFormation name.
    public init(stringLiteral value: String) { rawValue = value }

    /// `String`.
    public static let string: ParameterType = "String"
    /// `Number`.
    public static let number: ParameterType = "Number"
    /// `List<Number>`.
    public static let numberList: ParameterType = "List<Number>"
    /// `CommaDelimitedList`.
    public static let commaDelimitedList: ParameterType = "CommaDelimitedList"
    /// `AWS::EC2::AvailabilityZone::Name`.
    public static let availabilityZoneName: ParameterType = "AWS::EC2::AvailabilityZone::Name"
    /// `AWS::EC2::Image::Id`.
    public static let imageId: ParameterType = "AWS::EC2::Image::Id"
    /// `AWS::EC2::Instance::Id`.
    public static let instanceId: ParameterType = "AWS::EC2::Instance::Id"
    /// `AWS::EC2::KeyPair::KeyName`.
    public static let keyPairName: ParameterType = "AWS::EC2::KeyPair::KeyName"
    /// `AWS::EC2::SecurityGroup::GroupName`.
    public static let securityGroupName: ParameterType = "AWS::EC2::SecurityGroup::GroupName"
    /// `AWS::EC2::SecurityGroup::Id`.
    public static let securityGroupId: ParameterType = "AWS::EC2::SecurityGroup::Id"
    /// `AWS::EC2::Subnet::Id`.
    public static let subnetId: ParameterType = "AWS::EC2::Subnet::Id"
    /// `AWS::EC2::Volume::Id`.
    public static let volumeId: ParameterType = "AWS::EC2::Volume::Id"
    /// `AWS::EC2::VPC::Id`.
    public static let vpcId: ParameterType = "AWS::EC2::VPC::Id"
    /// `AWS::Route53::HostedZone::Id`.
    public static let hostedZoneId: ParameterType = "AWS::Route53::HostedZone::Id"
    /// `AWS::SSM::Parameter::Name`: the name of a Systems Manager parameter.
    public static let ssmParameterName: ParameterType = "AWS::SSM::Parameter::Name"

    /// `List<T>` of an AWS-specific type, such as `.list(of: .subnetId)`.
    public static func list(of element: ParameterType) -> ParameterType {
        ParameterType(rawValue: "List<\(element.rawValue)>")
    }

    /// `AWS::SSM::Parameter::Value<T>`: the value of a Systems Manager parameter, resolved at deploy time.
    public static func ssmValue(_ type: ParameterType = .string) -> ParameterType {
        ParameterType(rawValue: "AWS::SSM::Parameter::Value<\(type.rawValue)>")
    }

    static let awsSpecific: [ParameterType] = [
        .availabilityZoneName, .imageId, .instanceId, .keyPairName, .securityGroupName, .securityGroupId,
        .subnetId, .volumeId, .vpcId, .hostedZoneId,
    ]

    /// Whether CloudFormation knows this type.
    var isKnown: Bool { Self.known.contains(self) }

    /// Every type CloudFormation knows, built once.
    private static let known: Set<ParameterType> = {
        let plain: [ParameterType] = [.string, .number, .numberList, .commaDelimitedList, .ssmParameterName]
        let lists = awsSpecific.map { list(of: $0) }
        let ssmInner: [ParameterType] = [.string, .commaDelimitedList, .list(of: .string)] + awsSpecific + lists
        return Set(plain + awsSpecific + lists + ssmInner.map { ssmValue($0) })
    }()

    /// Whether values are numbers (so MinValue/MaxValue apply) rather than strings.
    var isNumeric: Bool { self == .number || self == .numberList }

    /// Whether values are plain strings (so MinLength/MaxLength apply).
    var isString: Bool { self == .string || self == .commaDelimitedList }
}
