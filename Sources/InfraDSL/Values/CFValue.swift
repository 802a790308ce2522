@_exported import InfraArtifact

/// A CloudFormation value: JSON with ordered objects (InfraArtifact's `JSONValue`).
///
/// Intrinsic functions are ordinary single-key objects (`{"Ref": "X"}`), exactly as CloudFormation
/// reads them, so typed and raw values share one model and validation sees references written
/// either way.
public typealias CFValue = JSONValue

extension CFValue {
    /// The single intrinsic-function call this value is, if it is one: `("Ref", "X")`.
    public var intrinsic: (name: String, argument: CFValue)? {
        guard case .object(let members) = self, members.count == 1 else { return nil }
        let key = members[0].key
        guard key == "Ref" || key == "Condition" || key.hasPrefix("Fn::") else { return nil }
        return (key, members[0].value)
    }
}

extension CFValue: ExpressibleByStringInterpolation {
    /// A string with references interpolated: `Fn::Sub`, as for `Token<String>`.
    public init(stringInterpolation: SubInterpolation) { self = stringInterpolation.rendered }
}

/// Anything that renders as a CloudFormation value: literals, tokens, typed property structs.
public protocol CFValueConvertible: Sendable {
    /// The value as CloudFormation reads it.
    var cfValue: CFValue { get }
}

extension CFValue: CFValueConvertible {
    /// Itself.
    public var cfValue: CFValue { self }
}

extension String: CFValueConvertible {
    /// A literal string.
    public var cfValue: CFValue { .string(self) }
}

extension Int: CFValueConvertible {
    /// A literal integer.
    public var cfValue: CFValue { .int(self) }
}

extension Double: CFValueConvertible {
    /// A literal number.
    public var cfValue: CFValue { .double(self) }
}

extension Bool: CFValueConvertible {
    /// A literal boolean.
    public var cfValue: CFValue { .bool(self) }
}

// Inlinable, so the generated types' lists and maps convert specialized for their element types.
extension Array: CFValueConvertible where Element: CFValueConvertible {
    /// A list of the elements' values.
    @inlinable public var cfValue: CFValue { .list(map { $0.cfValue }) }
}

extension Dictionary: CFValueConvertible where Key == String, Value: CFValueConvertible {
    /// An object with keys sorted, because a dictionary has no order of its own to keep.
    @inlinable public var cfValue: CFValue {
        .object(keys.sorted().map { CFValue.Member($0, self[$0]!.cfValue) })
    }
}
