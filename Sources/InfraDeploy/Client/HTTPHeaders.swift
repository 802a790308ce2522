/// An ordered list of HTTP header fields; names compare case-insensitively, order and repeats are kept.
///
/// Order matters to SigV4: repeated fields are joined in the order they were added.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header line as it will be sent.
    public struct Field: Sendable, Equatable {
        /// The name as written (sent unchanged; compared case-insensitively).
        public var name: String
        /// The value as written.
        public var value: String

        /// A field with the given name and value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in sending order.
    public private(set) var fields: [Field]

    /// Headers from `(name, value)` pairs, in order.
    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Headers from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name`, ignoring case.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// Adds a field after the existing ones, even when the name already occurs.
    public mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Sets `name` to `value`: the first occurrence is replaced where it stands (so a request keeps its
    /// layout), later duplicates are dropped, and a new name is appended.
    public mutating func set(name: String, value: String) {
        let key = name.lowercased()
        guard let first = fields.firstIndex(where: { $0.name.lowercased() == key }) else {
            fields.append(Field(name: name, value: value))
            return
        }
        fields[first].value = value
        var index = fields.count - 1
        while index > first {
            if fields[index].name.lowercased() == key { fields.remove(at: index) }
            index -= 1
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(name: String) {
        let key = name.lowercased()
        fields.removeAll { $0.name.lowercased() == key }
    }

    /// Iterates the fields in sending order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// Number of fields, counting repeats.
    public var count: Int { fields.count }
}

extension HTTPHeaders: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Header names whose values are credentials or signatures and must never be printed.
    static let redactedNames: Set<String> = ["authorization", "x-amz-security-token", "x-aws-ec2-metadata-token", "x-amz-sso_bearer_token", "cookie"]

    /// The fields with credential-bearing values replaced by `<redacted>`.
    public var description: String {
        "[" + fields.map { field in
            let shown = Self.redactedNames.contains(field.name.lowercased()) ? "<redacted>" : field.value
            return "\(field.name): \(shown)"
        }.joined(separator: ", ") + "]"
    }

    /// Same as `description`: debug output is a log too.
    public var debugDescription: String { description }

    /// Keeps `dump` and debuggers from showing secret values.
    public var customMirror: Mirror { Mirror(self, children: ["fields": description]) }
}
