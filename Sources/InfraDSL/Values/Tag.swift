/// A CloudFormation resource tag: `{"Key": …, "Value": …}`.
public struct Tag: IntrinsicValue {
    /// The tag key.
    public var key: Token<String>
    /// The tag value.
    public var value: Token<String>

    /// What an intrinsic function gives in the tag's place (`Fn.if(…, tag, AWS.noValue())`), or nil.
    private var intrinsic: CFValue?

    /// A tag.
    public init(key: Token<String>, value: Token<String>) {
        self.key = key
        self.value = value
    }

    /// A tag an intrinsic function gives: known only at deployment, so `key` and `value` both hold the intrinsic.
    public init(intrinsic: CFValue) {
        key = Token(raw: intrinsic)
        value = key
        self.intrinsic = intrinsic
    }

    /// The tag as CloudFormation reads it.
    public var cfValue: CFValue { intrinsic ?? ["Key": key.cfValue, "Value": value.cfValue] }
}
