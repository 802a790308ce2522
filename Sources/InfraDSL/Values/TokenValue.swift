/// A value that goes where a `Token<Value>` is taken: the token itself (a literal, a parameter's
/// `ref`, `Fn.if(…)`), or a plain Swift value of that type, so `delaySeconds: delay` takes an `Int`
/// variable as it takes `5`. Generated resources take integers and Booleans this way.
public protocol TokenValue<Value>: CFValueConvertible {
    /// The type CloudFormation resolves the value to.
    associatedtype Value
}

extension Token: TokenValue {
    /// A token resolves to its own type.
    public typealias Value = T
}

extension Int: TokenValue {
    /// An integer is an integer.
    public typealias Value = Int
}

extension Bool: TokenValue {
    /// A Boolean is a Boolean.
    public typealias Value = Bool
}
