/// CloudFormation's intrinsic functions, typed by what they yield.
///
/// `Ref` and `Fn::GetAtt` usually come from a handle (`parameter.ref`, `role.arn`); string
/// interpolation gives `Fn::Sub`. The rest live here.
public enum Fn: Sendable {
    /// `Ref` to a logical ID or pseudo parameter by name; prefer a handle's `ref`.
    public static func ref<T>(_ logicalId: String, as type: T.Type = String.self) -> Token<T> {
        Token(raw: ["Ref": .string(logicalId)])
    }

    /// `Fn::GetAtt` of a resource's attribute by name; prefer a typed attribute such as `role.arn`.
    public static func getAtt<T>(_ logicalId: String, _ attribute: String, as type: T.Type = String.self) -> Token<T> {
        Token(raw: ["Fn::GetAtt": [.string(logicalId), .string(attribute)]])
    }

    /// `Fn::Sub` with an explicit template and variables, for when interpolation does not fit.
    public static func sub(_ template: String, _ variables: KeyValuePairs<String, Token<String>> = [:]) -> Token<String> {
        if variables.isEmpty { return Token(raw: ["Fn::Sub": .string(template)]) }
        let map = CFValue.object(variables.map { CFValue.Member($0.key, $0.value.cfValue) })
        return Token(raw: ["Fn::Sub": [.string(template), map]])
    }

    /// `Fn::Join`: the items joined by `delimiter`.
    public static func join(_ delimiter: String, _ items: Token<[String]>) -> Token<String> {
        Token(raw: ["Fn::Join": [.string(delimiter), items.cfValue]])
    }

    /// `Fn::Select`: the item at `index` of a list.
    public static func select(_ index: any IntegerValue, _ list: Token<[String]>) -> Token<String> {
        Token(raw: ["Fn::Select": [index.cfValue, list.cfValue]])
    }

    /// `Fn::Split`: a string cut at each `delimiter`.
    public static func split(_ delimiter: String, _ source: Token<String>) -> Token<[String]> {
        Token(raw: ["Fn::Split": [.string(delimiter), source.cfValue]])
    }

    /// `Fn::ImportValue`: an output exported by another stack in the same account and region.
    public static func importValue(_ exportName: Token<String>) -> Token<String> {
        Token(raw: ["Fn::ImportValue": exportName.cfValue])
    }

    /// `Fn::GetAZs`: the availability zones of `region` (the stack's own region when empty).
    public static func getAZs(_ region: Token<String> = "") -> Token<[String]> {
        Token(raw: ["Fn::GetAZs": region.cfValue])
    }

    /// `Fn::Base64`: the value encoded as Base64, as EC2 user data wants it.
    public static func base64(_ value: Token<String>) -> Token<String> {
        Token(raw: ["Fn::Base64": value.cfValue])
    }

    /// `Fn::Cidr`: `count` CIDR blocks of `bits` host bits carved from `ipBlock`.
    public static func cidr(_ ipBlock: Token<String>, count: Token<Int>, bits: Token<Int>) -> Token<[String]> {
        Token(raw: ["Fn::Cidr": [ipBlock.cfValue, count.cfValue, bits.cfValue]])
    }

    /// `Fn::FindInMap`: the value at `topLevelKey` / `secondLevelKey` of `mapping`.
    public static func findInMap<T>(_ mapping: Mapping, _ topLevelKey: Token<String>, _ secondLevelKey: Token<String>, as type: T.Type = String.self) -> Token<T> {
        Token(raw: ["Fn::FindInMap": [.string(mapping.name), topLevelKey.cfValue, secondLevelKey.cfValue]])
    }

    /// `Fn::If`: `whenTrue` where `condition` holds, `whenFalse` elsewhere (`AWS.noValue` drops the property).
    public static func `if`<T>(_ condition: Condition, _ whenTrue: Token<T>, _ whenFalse: Token<T>) -> Token<T> {
        Token(raw: ["Fn::If": [.string(condition.name), whenTrue.cfValue, whenFalse.cfValue]])
    }

    /// Any other intrinsic function, written raw: `Fn.call("Fn::Length", [...])`.
    public static func call<T>(_ name: String, _ argument: CFValue, as type: T.Type = String.self) -> Token<T> {
        Token(raw: .object([CFValue.Member(name, argument)]))
    }
}

/// CloudFormation's pseudo parameters: values every stack knows about itself.
public enum AWS: Sendable {
    /// `AWS::Region`: the stack's region, such as `eu-west-1`.
    public static let region: Token<String> = Fn.ref("AWS::Region")
    /// `AWS::AccountId`: the stack's account.
    public static let accountId: Token<String> = Fn.ref("AWS::AccountId")
    /// `AWS::Partition`: `aws`, `aws-cn` or `aws-us-gov`; use it to build ARNs that work everywhere.
    public static let partition: Token<String> = Fn.ref("AWS::Partition")
    /// `AWS::StackName`: the stack's name.
    public static let stackName: Token<String> = Fn.ref("AWS::StackName")
    /// `AWS::StackId`: the stack's ARN.
    public static let stackId: Token<String> = Fn.ref("AWS::StackId")
    /// `AWS::URLSuffix`: `amazonaws.com`, or the partition's own.
    public static let urlSuffix: Token<String> = Fn.ref("AWS::URLSuffix")
    /// `AWS::NotificationARNs`: the stack's notification topics.
    public static let notificationARNs: Token<[String]> = Fn.ref("AWS::NotificationARNs", as: [String].self)

    /// `AWS::NoValue`: removes the property it is assigned to, usually inside `Fn.if`.
    public static func noValue<T>(_ type: T.Type = String.self) -> Token<T> {
        Fn.ref("AWS::NoValue", as: T.self)
    }

    /// Every pseudo parameter's name, which `Ref` accepts besides the stack's own IDs.
    public static let pseudoParameterNames: Set<String> = [
        "AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::StackName", "AWS::StackId",
        "AWS::URLSuffix", "AWS::NotificationARNs", "AWS::NoValue",
    ]
}
