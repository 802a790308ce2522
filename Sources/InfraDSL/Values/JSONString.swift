extension CFValue {
    /// The value as the one string of its compact JSON, for a property whose schema takes a JSON
    /// document only as a string (`AWS::XRay::ResourcePolicy`'s `PolicyDocument`, say).
    ///
    /// Without intrinsic functions inside, a literal string (InfraArtifact's compact `JSONWriter`
    /// text). With them, an `Fn::Sub` of that text: a `Ref` or `Fn::GetAtt` becomes `${Name}` or
    /// `${Name.Attribute}`, an interpolation's `Fn::Sub` template is inlined, any other function is
    /// a variable of the `Fn::Sub` — so the references still resolve when the stack deploys, and
    /// dependencies and cross-stack outputs are still found. A string-valued function only: a list
    /// (a `CommaDelimitedList` parameter's `ref`) or an object cannot be spliced into the text.
    ///
    /// A value that already is a string, or a function yielding one (a raw escape such as
    /// `PolicyDocument(raw: "{…}")` or a parameter's `ref`), is returned as it is; an `Fn::If`
    /// encodes each branch, leaving `AWS::NoValue` alone.
    public var asJSONString: CFValue {
        if case .string = self { return self }
        if let (name, argument) = intrinsic {
            guard name == "Fn::If", case .list(let pieces) = argument, pieces.count == 3 else { return self }
            return .object([CFValue.Member(name, .list([pieces[0], pieces[1].asJSONBranch, pieces[2].asJSONBranch]))])
        }
        if isStackOutputPlaceholder { return self }
        var encoder = JSONStringEncoder()
        let template = encoder.template(self)
        guard encoder.usesFunctions else { return .string(JSONWriter.compact(self)) }
        let text = JSONWriter.compact(template)
        return encoder.variables.isEmpty
            ? .object([CFValue.Member("Fn::Sub", .string(text))])
            : .object([CFValue.Member("Fn::Sub", .list([.string(text), .object(encoder.variables)]))])
    }

    /// An `Fn::If` branch encoded, unless it drops the property.
    private var asJSONBranch: CFValue {
        self == .object([CFValue.Member("Ref", "AWS::NoValue")]) ? self : asJSONString
    }

    /// Another stack's output, resolved during synthesis: a value, never a JSON object to write out.
    var isStackOutputPlaceholder: Bool {
        guard case .object(let members) = self, members.count == 1 else { return false }
        return members[0].key == StackOutputReference.marker
    }
}

/// Turns a value into the `Fn::Sub` template of its JSON: every function a `${…}` placeholder,
/// literal `${` escaped as `${!` (in keys too), so the text reaches the service unchanged.
private struct JSONStringEncoder {
    /// The `Fn::Sub` variables of functions with no placeholder form of their own.
    var variables: [CFValue.Member] = []
    /// Whether the value holds any function, so it needs `Fn::Sub` at all.
    var usesFunctions = false

    mutating func template(_ value: CFValue) -> CFValue {
        if value.intrinsic != nil || value.isStackOutputPlaceholder {
            usesFunctions = true
            // An interpolation's own template is already escaped and names its references itself.
            if case .object(let members) = value, members[0].key == "Fn::Sub", case .string(let inner) = members[0].value {
                return .string(inner)
            }
            if let placeholder = SubInterpolation.placeholder(for: value) { return .string("${\(placeholder)}") }
            let name = "Var\(variables.count + 1)"
            variables.append(CFValue.Member(name, value))
            return .string("${\(name)}")
        }
        switch value {
        case .string(let text): return .string(Self.escaped(text))
        case .list(let items): return .list(items.map { template($0) })
        case .object(let members): return .object(members.map { CFValue.Member(Self.escaped($0.key), template($0.value)) })
        default: return value
        }
    }

    private static func escaped(_ text: String) -> String {
        text.contains("${") ? text.replacing("${", with: "${!") : text
    }
}
