/// An IAM policy document, for trust and permission policies alike.
///
/// ```swift
/// PolicyDocument {
///     Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: ["sts:AssumeRole"])
/// }
/// ```
public struct PolicyDocument: IntrinsicValue {
    /// `Version`, `2012-10-17` unless you need the legacy one.
    public var version: String
    /// `Id`.
    public var id: Token<String>?
    /// The statements.
    public var statements: [Statement]
    private var raw: CFValue?

    /// A document of the block's statements.
    public init(version: String = "2012-10-17", id: Token<String>? = nil, @StatementBuilder _ statements: () -> [Statement]) {
        self.version = version
        self.id = id
        self.statements = statements()
    }

    /// A document written as raw JSON, for shapes the typed API does not cover.
    public init(raw: CFValue) {
        version = ""
        statements = []
        self.raw = raw
    }

    /// A document an intrinsic function gives: `Fn.if(isProduction, strict, AWS.noValue())`.
    public init(intrinsic: CFValue) { self.init(raw: intrinsic) }

    /// The document as IAM reads it.
    public var cfValue: CFValue {
        if let raw { return raw }
        var members = [CFValue.Member("Version", .string(version))]
        if let id { members.append(CFValue.Member("Id", id.cfValue)) }
        members.append(CFValue.Member("Statement", .list(statements.map(\.cfValue))))
        return .object(members)
    }
}

/// The result builder of a policy document's statements.
@resultBuilder
public enum StatementBuilder: ElementListBuilder {
    /// A policy document lists statements.
    public typealias Element = Statement
}

/// One policy statement: who (Principal) may or may not (Effect) do what (Action) to which
/// resources (Resource) under which conditions (Condition).
public struct Statement: CFValueConvertible {
    /// `Allow` or `Deny`.
    public enum Effect: String, Sendable {
        /// Grants.
        case allow = "Allow"
        /// Refuses, overriding any grant.
        case deny = "Deny"
    }

    /// `Effect`.
    public var effect: Effect
    /// `Sid`.
    public var sid: String?
    /// `Principal`: who the statement applies to (trust and resource policies).
    public var principal: Principal?
    /// `NotPrincipal`.
    public var notPrincipal: Principal?
    /// `Action`.
    public var action: PolicyStrings?
    /// `NotAction`.
    public var notAction: PolicyStrings?
    /// `Resource`.
    public var resource: PolicyStrings?
    /// `NotResource`.
    public var notResource: PolicyStrings?
    /// `Condition`, grouped by operator when rendered.
    public var condition: [PolicyCondition]

    /// A statement. Strings written as a list render as a list, a single string as a string.
    public init(
        _ effect: Effect,
        sid: String? = nil,
        principal: Principal? = nil,
        notPrincipal: Principal? = nil,
        action: PolicyStrings? = nil,
        notAction: PolicyStrings? = nil,
        resource: PolicyStrings? = nil,
        notResource: PolicyStrings? = nil,
        condition: [PolicyCondition] = []
    ) {
        self.effect = effect
        self.sid = sid
        self.principal = principal
        self.notPrincipal = notPrincipal
        self.action = action
        self.notAction = notAction
        self.resource = resource
        self.notResource = notResource
        self.condition = condition
    }

    /// A statement on one resource given as a token, such as a typed attribute: `resource: bucket.arn`.
    /// Disfavoured, so literals and interpolations keep choosing the ``PolicyStrings`` form.
    @_disfavoredOverload
    public init(
        _ effect: Effect,
        sid: String? = nil,
        principal: Principal? = nil,
        notPrincipal: Principal? = nil,
        action: PolicyStrings? = nil,
        notAction: PolicyStrings? = nil,
        resource: Token<String>,
        notResource: PolicyStrings? = nil,
        condition: [PolicyCondition] = []
    ) {
        self.init(
            effect, sid: sid, principal: principal, notPrincipal: notPrincipal, action: action, notAction: notAction,
            resource: PolicyStrings(resource), notResource: notResource, condition: condition)
    }

    /// The statement in IAM's conventional key order.
    public var cfValue: CFValue {
        var writer = PropertyWriter()
        writer.add("Sid", sid)
        writer.add("Effect", effect.rawValue)
        writer.add("Principal", principal)
        writer.add("NotPrincipal", notPrincipal)
        writer.add("Action", action)
        writer.add("NotAction", notAction)
        writer.add("Resource", resource)
        writer.add("NotResource", notResource)
        if !condition.isEmpty { writer.add("Condition", PolicyCondition.grouped(condition)) }
        return .object(writer.members)
    }
}

/// One string or a list of them, as policy elements take: rendered exactly as written.
public struct PolicyStrings: CFValueConvertible, ExpressibleByStringInterpolation, ExpressibleByArrayLiteral {
    /// The value as IAM reads it.
    public let cfValue: CFValue

    /// A single literal string.
    public init(stringLiteral value: String) { cfValue = .string(value) }
    /// A single string with references interpolated (`Fn::Sub`).
    public init(stringInterpolation: SubInterpolation) { cfValue = stringInterpolation.rendered }
    /// A list; each item may be a reference.
    public init(arrayLiteral elements: Token<String>...) { cfValue = .list(elements.map(\.cfValue)) }
    /// A single token, such as a parameter's `ref`.
    public init(_ token: Token<String>) { cfValue = token.cfValue }
    /// A list of tokens.
    public init(_ tokens: [Token<String>]) { cfValue = .list(tokens.map(\.cfValue)) }
    /// A whole list from one token, such as a `CommaDelimitedList` parameter.
    public init(_ list: Token<[String]>) { cfValue = list.cfValue }
}

/// A statement's `Principal`: AWS accounts or roles, services, federated identities, or anyone.
public struct Principal: CFValueConvertible {
    /// The value as IAM reads it.
    public let cfValue: CFValue

    private init(_ value: CFValue) { cfValue = value }

    /// `{"AWS": …}`: accounts (`"111111111111"` or the root ARN), roles or users.
    public static func aws(_ principals: PolicyStrings) -> Principal { Principal(["AWS": principals.cfValue]) }
    /// `{"AWS": …}` of one token, such as a role's typed attribute: `.aws(agentRole.arn)`.
    @_disfavoredOverload
    public static func aws(_ principal: Token<String>) -> Principal { aws(PolicyStrings(principal)) }
    /// `{"Service": …}`: AWS services, such as `ecs-tasks.amazonaws.com`.
    public static func service(_ services: PolicyStrings) -> Principal { Principal(["Service": services.cfValue]) }
    /// `{"Federated": …}`: identity providers (SAML, OIDC, Cognito).
    public static func federated(_ providers: PolicyStrings) -> Principal { Principal(["Federated": providers.cfValue]) }
    /// `{"CanonicalUser": …}`: S3 canonical user IDs.
    public static func canonicalUser(_ users: PolicyStrings) -> Principal { Principal(["CanonicalUser": users.cfValue]) }
    /// `"*"`: anyone. Pair it with conditions.
    public static let anyone = Principal("*")

    /// Both principals in one `Principal` element: `.aws(…).and(.service(…))`.
    public func and(_ other: Principal) -> Principal {
        guard case .object(let mine) = cfValue, case .object(let theirs) = other.cfValue else { return self }
        return Principal(.object(mine + theirs))
    }
}

/// One condition of a statement: an operator, a condition key and the values it is compared with.
///
/// ```swift
/// PolicyCondition(.arnEquals, "aws:PrincipalArn", "arn:aws:iam::111111111111:role/jenkins-agent")
/// ```
public struct PolicyCondition: Sendable {
    /// The IAM operator, such as `StringEquals` or `ForAnyValue:StringLike`.
    public var `operator`: ConditionOperator
    /// The condition key, such as `aws:PrincipalArn` or `sts:ExternalId`.
    public var key: String
    /// The value or values to compare with.
    public var values: PolicyStrings

    /// A condition.
    public init(_ operator: ConditionOperator, _ key: String, _ values: PolicyStrings) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }

    /// Conditions grouped under their operators, in the order the operators first appear.
    static func grouped(_ conditions: [PolicyCondition]) -> CFValue {
        var order: [String] = []
        var byOperator: [String: [CFValue.Member]] = [:]
        for condition in conditions {
            let name = condition.operator.rawValue
            if byOperator[name] == nil { order.append(name) }
            byOperator[name, default: []].append(CFValue.Member(condition.key, condition.values.cfValue))
        }
        return .object(order.map { CFValue.Member($0, .object(byOperator[$0]!)) })
    }
}

/// An IAM condition operator, with the `IfExists` suffix and set prefixes as modifiers.
public struct ConditionOperator: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    /// The operator as IAM spells it.
    public let rawValue: String

    /// An operator by name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// An operator by name.
    public init(stringLiteral value: String) { rawValue = value }

    /// `StringEquals`.
    public static let stringEquals: ConditionOperator = "StringEquals"
    /// `StringNotEquals`.
    public static let stringNotEquals: ConditionOperator = "StringNotEquals"
    /// `StringEqualsIgnoreCase`.
    public static let stringEqualsIgnoreCase: ConditionOperator = "StringEqualsIgnoreCase"
    /// `StringNotEqualsIgnoreCase`.
    public static let stringNotEqualsIgnoreCase: ConditionOperator = "StringNotEqualsIgnoreCase"
    /// `StringLike`.
    public static let stringLike: ConditionOperator = "StringLike"
    /// `StringNotLike`.
    public static let stringNotLike: ConditionOperator = "StringNotLike"
    /// `NumericEquals`.
    public static let numericEquals: ConditionOperator = "NumericEquals"
    /// `NumericNotEquals`.
    public static let numericNotEquals: ConditionOperator = "NumericNotEquals"
    /// `NumericLessThan`.
    public static let numericLessThan: ConditionOperator = "NumericLessThan"
    /// `NumericLessThanEquals`.
    public static let numericLessThanEquals: ConditionOperator = "NumericLessThanEquals"
    /// `NumericGreaterThan`.
    public static let numericGreaterThan: ConditionOperator = "NumericGreaterThan"
    /// `NumericGreaterThanEquals`.
    public static let numericGreaterThanEquals: ConditionOperator = "NumericGreaterThanEquals"
    /// `DateEquals`.
    public static let dateEquals: ConditionOperator = "DateEquals"
    /// `DateNotEquals`.
    public static let dateNotEquals: ConditionOperator = "DateNotEquals"
    /// `DateLessThan`.
    public static let dateLessThan: ConditionOperator = "DateLessThan"
    /// `DateLessThanEquals`.
    public static let dateLessThanEquals: ConditionOperator = "DateLessThanEquals"
    /// `DateGreaterThan`.
    public static let dateGreaterThan: ConditionOperator = "DateGreaterThan"
    /// `DateGreaterThanEquals`.
    public static let dateGreaterThanEquals: ConditionOperator = "DateGreaterThanEquals"
    /// `Bool`.
    public static let bool: ConditionOperator = "Bool"
    /// `BinaryEquals`.
    public static let binaryEquals: ConditionOperator = "BinaryEquals"
    /// `IpAddress`.
    public static let ipAddress: ConditionOperator = "IpAddress"
    /// `NotIpAddress`.
    public static let notIpAddress: ConditionOperator = "NotIpAddress"
    /// `ArnEquals`.
    public static let arnEquals: ConditionOperator = "ArnEquals"
    /// `ArnLike`.
    public static let arnLike: ConditionOperator = "ArnLike"
    /// `ArnNotEquals`.
    public static let arnNotEquals: ConditionOperator = "ArnNotEquals"
    /// `ArnNotLike`.
    public static let arnNotLike: ConditionOperator = "ArnNotLike"
    /// `Null`: whether the key is absent.
    public static let null: ConditionOperator = "Null"

    /// The same operator, true also when the key is absent (`…IfExists`).
    public var ifExists: ConditionOperator { ConditionOperator(rawValue: rawValue + "IfExists") }

    /// `ForAllValues:` the operator: every value in the request must match.
    public static func forAllValues(_ base: ConditionOperator) -> ConditionOperator {
        ConditionOperator(rawValue: "ForAllValues:" + base.rawValue)
    }

    /// `ForAnyValue:` the operator: at least one value in the request must match.
    public static func forAnyValue(_ base: ConditionOperator) -> ConditionOperator {
        ConditionOperator(rawValue: "ForAnyValue:" + base.rawValue)
    }
}
