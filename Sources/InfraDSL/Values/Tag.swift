/// A CloudFormation resource tag: `{"Key": …, "Value": …}`.
public struct Tag: CFValueConvertible {
    /// The tag key.
    public var key: Token<String>
    /// The tag value.
    public var value: Token<String>

    /// A tag.
    public init(key: Token<String>, value: Token<String>) {
        self.key = key
        self.value = value
    }

    /// The tag as CloudFormation reads it.
    public var cfValue: CFValue { ["Key": key.cfValue, "Value": value.cfValue] }
}
