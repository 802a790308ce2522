/// Builds `Fn::Sub` from Swift string interpolation: `"arn:aws:iam::\(account):role/x"`.
///
/// `Ref` and `Fn::GetAtt` become `${Name}` and `${Name.Attribute}` placeholders; any other
/// intrinsic becomes a named variable (`${Var1}`) in Fn::Sub's second argument. Literal text that
/// happens to contain `${` is escaped as `${!`, so it reaches the deployed value unchanged.
public struct SubInterpolation: StringInterpolationProtocol, Sendable {
    private enum Part: Sendable {
        case text(String)
        case value(CFValue)
    }

    private var parts: [Part] = []

    /// Starts an empty interpolation.
    public init(literalCapacity: Int, interpolationCount: Int) {}

    /// Appends literal text.
    public mutating func appendLiteral(_ literal: String) {
        parts.append(.text(literal))
    }

    /// Appends a token: a reference becomes a placeholder, a literal becomes text.
    public mutating func appendInterpolation<T>(_ token: Token<T>) {
        appendValue(token.cfValue)
    }

    /// Appends plain Swift text, taken literally.
    public mutating func appendInterpolation(_ text: String) {
        parts.append(.text(text))
    }

    /// Appends a Swift integer, taken literally.
    public mutating func appendInterpolation(_ number: Int) {
        parts.append(.text(String(number)))
    }

    /// Appends a parameter's value (`${Name}`).
    public mutating func appendInterpolation(_ parameter: Parameter) {
        appendValue(parameter.ref.cfValue)
    }

    /// Appends a resource's `Ref` value (`${LogicalId}`).
    public mutating func appendInterpolation(_ resource: some Resource) {
        appendValue(resource.ref.cfValue)
    }

    private mutating func appendValue(_ value: CFValue) {
        switch value {
        case .string(let text): parts.append(.text(text))
        case .int(let number): parts.append(.text(String(number)))
        case .bool(let flag): parts.append(.text(String(flag)))
        default: parts.append(.value(value))
        }
    }

    /// The literal string, or the `Fn::Sub` that yields it.
    var rendered: CFValue {
        guard parts.contains(where: { if case .value = $0 { true } else { false } }) else {
            return .string(parts.map { if case .text(let text) = $0 { text } else { "" } }.joined())
        }
        var template = ""
        var variables: [CFValue.Member] = []
        for part in parts {
            switch part {
            case .text(let text):
                // The standard library's replacing: Foundation's bridges through NSString.
                template += text.replacing("${", with: "${!")
            case .value(let value):
                if let placeholder = Self.placeholder(for: value) {
                    template += "${\(placeholder)}"
                } else {
                    let name = "Var\(variables.count + 1)"
                    variables.append(CFValue.Member(name, value))
                    template += "${\(name)}"
                }
            }
        }
        return variables.isEmpty
            ? .object(["Fn::Sub": .string(template)])
            : .object(["Fn::Sub": .list([.string(template), .object(variables)])])
    }

    /// `Name` for a `Ref`, `Name.Attribute` for a literal `Fn::GetAtt`; nil for anything else
    /// (shared with ``CFValue/asJSONString``, which writes the same placeholders).
    static func placeholder(for value: CFValue) -> String? {
        guard let (name, argument) = value.intrinsic else { return nil }
        switch (name, argument) {
        case ("Ref", .string(let target)):
            return target
        case ("Fn::GetAtt", .list(let pieces)) where pieces.count == 2:
            guard let resource = pieces[0].stringValue, let attribute = pieces[1].stringValue else { return nil }
            return "\(resource).\(attribute)"
        default:
            return nil
        }
    }
}
