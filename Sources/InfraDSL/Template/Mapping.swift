/// A `Mappings` entry: a two-level lookup table read with `Fn::FindInMap`.
///
/// ```swift
/// let images = Mapping("AgentImages", ["eu-west-1": ["Image": "jenkins/inbound-agent:3261"]])
/// images.find(AWS.region, "Image")
/// ```
public struct Mapping: StackContent {
    /// The mapping's logical name.
    public let name: String
    /// Top-level key → second-level key → value.
    public var entries: [String: [String: CFValue]]
    /// Where it was declared.
    public internal(set) var location: SourceLocation

    /// A mapping; keys render sorted, since dictionaries keep no order.
    public init(_ name: String, _ entries: [String: [String: CFValue]], file: String = #filePath, line: Int = #line) {
        self.name = name
        self.entries = entries
        location = SourceLocation(file: file, line: line)
    }

    /// `Fn::FindInMap` on this mapping.
    public func find(_ topLevelKey: Token<String>, _ secondLevelKey: Token<String>) -> Token<String> {
        Fn.findInMap(self, topLevelKey, secondLevelKey)
    }

    /// The stack elements this contributes: itself.
    public var stackElements: [StackElement] { [.mapping(self)] }

    var rendered: CFValue {
        .object(entries.keys.sorted().map { top in
            CFValue.Member(top, .object(entries[top]!.keys.sorted().map { CFValue.Member($0, entries[top]![$0]!) }))
        })
    }
}
