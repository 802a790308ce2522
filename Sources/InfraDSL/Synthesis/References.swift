import Foundation

/// The references a value makes to other parts of its template, found by walking it.
///
/// Works on the rendered value, so references written raw (`["Ref": "X"]`) count the same as
/// typed ones.
struct References: Equatable {
    /// Names used with `Ref` (parameters, resources or pseudo parameters).
    var refs: [String] = []
    /// Resources used with `Fn::GetAtt`.
    var attributes: [String] = []
    /// Conditions used with `Fn::If` or `{"Condition": …}`.
    var conditions: [String] = []
    /// Mappings used with `Fn::FindInMap`.
    var mappings: [String] = []

    /// Everything `value` refers to.
    init(in value: CFValue) {
        collect(value)
    }

    init() {}

    private mutating func collect(_ value: CFValue) {
        if let (name, argument) = value.intrinsic {
            collectIntrinsic(name, argument)
            return
        }
        switch value {
        case .list(let items): items.forEach { collect($0) }
        case .object(let members): members.forEach { collect($0.value) }
        default: break
        }
    }

    private mutating func collectIntrinsic(_ name: String, _ argument: CFValue) {
        switch (name, argument) {
        case ("Ref", .string(let target)):
            refs.append(target)
            return
        case ("Condition", .string(let condition)):
            conditions.append(condition)
            return
        case ("Fn::GetAtt", .string(let dotted)):
            attributes.append(String(dotted.prefix { $0 != "." }))
            return
        case ("Fn::GetAtt", .list(let pieces)) where !pieces.isEmpty:
            if let resource = pieces[0].stringValue { attributes.append(resource) }
            pieces.dropFirst().forEach { collect($0) }
            return
        case ("Fn::Sub", .string(let template)):
            collectSub(template, variables: [])
            return
        case ("Fn::Sub", .list(let pieces)) where pieces.count == 2:
            var variables: [String] = []
            if case .object(let members) = pieces[1] {
                variables = members.map(\.key)
                members.forEach { collect($0.value) }
            }
            if let template = pieces[0].stringValue { collectSub(template, variables: variables) }
            return
        case ("Fn::If", .list(let pieces)) where !pieces.isEmpty:
            if let condition = pieces[0].stringValue { conditions.append(condition) }
            pieces.dropFirst().forEach { collect($0) }
            return
        case ("Fn::FindInMap", .list(let pieces)) where !pieces.isEmpty:
            if let mapping = pieces[0].stringValue { mappings.append(mapping) } else { collect(pieces[0]) }
            pieces.dropFirst().forEach { collect($0) }
            return
        default:
            collect(argument)
        }
    }

    /// `${Name}` and `${Resource.Attribute}` placeholders; `${!Literal}` is text.
    private mutating func collectSub(_ template: String, variables: [String]) {
        var rest = Substring(template)
        while let start = rest.firstRange(of: "${") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "}") else { return }
            let placeholder = rest[..<end].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: end)...]
            if placeholder.hasPrefix("!") || variables.contains(placeholder) { continue }
            if let dot = placeholder.firstIndex(of: "."), !placeholder.hasPrefix("AWS::") {
                attributes.append(String(placeholder[..<dot]))
            } else {
                refs.append(placeholder)
            }
        }
    }
}
