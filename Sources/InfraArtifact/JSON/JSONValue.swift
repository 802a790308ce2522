/// A JSON value whose objects keep their keys in the order written: what templates and the
/// manifest are made of, so both are rendered byte for byte the same on every run.
///
/// The DSL calls it `CFValue`; CloudFormation's intrinsic functions are ordinary single-key
/// objects in it (`{"Ref": "X"}`).
public indirect enum JSONValue: Sendable, Equatable {
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
    case list([JSONValue])
    /// An object whose keys keep the order they were written in.
    case object([Member])

    /// One key of an object.
    public struct Member: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The value.
        public var value: JSONValue

        /// A key and its value.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object from key–value pairs, keeping their order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// The value under `key` when this is an object; should a key repeat, the last, as JSON
    /// readers (and so CloudFormation) take it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
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

extension JSONValue: ExpressibleByStringLiteral {
    /// A literal string.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// A literal integer.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// A literal fractional number.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// A literal boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

// Deliberately not ExpressibleByNilLiteral: with it, `value["key"] != nil` compares against JSON
// null instead of asking whether the key is there, and is true for every missing key.

extension JSONValue: ExpressibleByArrayLiteral {
    /// A literal list.
    public init(arrayLiteral elements: JSONValue...) { self = .list(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// A literal object, keeping the keys in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { Member($0.0, $0.1) })
    }
}

extension JSONValue {
    /// The value compared by meaning, as CloudFormation reads JSON: object keys sorted (the last
    /// of a repeated key wins) and integral numbers as `.int`, so `1.0` equals `1`.
    public var canonical: JSONValue {
        switch self {
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return .int(Int(number))
        case .list(let items): return .list(items.map(\.canonical))
        case .object(let members):
            var latest: [String: JSONValue] = [:]
            for member in members { latest[member.key] = member.value.canonical }
            return .object(latest.keys.sorted().map { Member($0, latest[$0]!) })
        default: return self
        }
    }

    /// The members of an object by key (the last of a repeated key wins); empty for anything else.
    public var dictionary: [String: JSONValue] {
        guard case .object(let members) = self else { return [:] }
        var result: [String: JSONValue] = [:]
        for member in members { result[member.key] = member.value }
        return result
    }
}
