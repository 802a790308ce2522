/// A CloudFormation value: JSON with ordered objects.
///
/// Intrinsic functions are ordinary single-key objects (`{"Ref": "X"}`), exactly as CloudFormation
/// reads them, so typed and raw values share one model and validation sees references written
/// either way.
public indirect enum CFValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// An integral number.
    case int(Int)
    /// A fractional number.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// JSON `null`.
    case null
    /// A list.
    case list([CFValue])
    /// An object whose keys keep the order they were written in.
    case object([Member])

    /// One key of an object.
    public struct Member: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The value.
        public var value: CFValue

        /// A key and its value.
        public init(_ key: String, _ value: CFValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object from key–value pairs, keeping their order.
    public static func object(_ pairs: KeyValuePairs<String, CFValue>) -> CFValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// The single intrinsic-function call this value is, if it is one: `("Ref", "X")`.
    public var intrinsic: (name: String, argument: CFValue)? {
        guard case .object(let members) = self, members.count == 1 else { return nil }
        let key = members[0].key
        guard key == "Ref" || key == "Condition" || key.hasPrefix("Fn::") else { return nil }
        return (key, members[0].value)
    }

    /// The value under `key` when this is an object.
    public subscript(key: String) -> CFValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string when this is a literal string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The integer when this is a literal number with no fraction, or a string holding one.
    public var intValue: Int? {
        switch self {
        case .int(let number): return number
        case .double(let number): return number.rounded() == number ? Int(exactly: number) : nil
        case .string(let text): return Int(text)
        default: return nil
        }
    }
}

extension CFValue: ExpressibleByStringInterpolation {
    /// A literal string.
    public init(stringLiteral value: String) { self = .string(value) }

    /// A string with references interpolated: `Fn::Sub`, as for `Token<String>`.
    public init(stringInterpolation: SubInterpolation) { self = stringInterpolation.rendered }
}

extension CFValue: ExpressibleByIntegerLiteral {
    /// A literal integer.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension CFValue: ExpressibleByFloatLiteral {
    /// A literal fractional number.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension CFValue: ExpressibleByBooleanLiteral {
    /// A literal boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension CFValue: ExpressibleByNilLiteral {
    /// JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension CFValue: ExpressibleByArrayLiteral {
    /// A literal list.
    public init(arrayLiteral elements: CFValue...) { self = .list(elements) }
}

extension CFValue: ExpressibleByDictionaryLiteral {
    /// A literal object, keeping the keys in the order written.
    public init(dictionaryLiteral elements: (String, CFValue)...) {
        self = .object(elements.map { Member($0.0, $0.1) })
    }
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
