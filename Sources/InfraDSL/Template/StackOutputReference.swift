/// A stack named by its name alone, for referring to a stack declared elsewhere in the app.
///
/// ```swift
/// StackReference("network").output("VpcId")
/// ```
public struct StackReference: Sendable, Hashable {
    /// The stack's name.
    public let name: String

    /// A reference to the app's stack called `name`.
    public init(_ name: String) {
        self.name = name
    }

    /// An output of that stack, usable in any other stack of the app (see `Stack.output`).
    public func output(_ outputName: String, file: String = #filePath, line: Int = #line) -> Token<String> {
        StackOutputReference(stack: name, output: outputName, location: SourceLocation(file: file, line: line)).token
    }
}

extension Stack {
    /// An output of this stack, used in another stack of the app.
    ///
    /// In a stack of the same account and region it becomes `Fn::ImportValue` of a stable export
    /// name (`<stack>-<output>`), which the output gets automatically. In another account or
    /// region it becomes a parameter that the deployer fills from this stack's outputs. Either way
    /// the using stack depends on this one.
    public func output(_ outputName: String, file: String = #filePath, line: Int = #line) -> Token<String> {
        StackReference(name).output(outputName, file: file, line: line)
    }
}

/// A placeholder for another stack's output inside a template, resolved during synthesis once
/// both stacks' accounts and regions are known.
struct StackOutputReference: Sendable, Equatable {
    static let marker = "InfraDSL::StackOutput"

    var stack: String
    var output: String
    var location: SourceLocation

    /// The placeholder as a value: a single-key object no CloudFormation template contains.
    var token: Token<String> {
        Token(raw: .object([CFValue.Member(Self.marker, [
            "Stack": .string(stack), "Output": .string(output), "File": .string(location.file), "Line": .int(location.line),
        ])]))
    }

    /// The reference a value is, if it is one.
    init?(_ value: CFValue) {
        guard case .object(let members) = value, members.count == 1, members[0].key == Self.marker,
            let stack = members[0].value["Stack"]?.stringValue, let output = members[0].value["Output"]?.stringValue,
            let file = members[0].value["File"]?.stringValue, let line = members[0].value["Line"]?.intValue
        else { return nil }
        self.init(stack: stack, output: output, location: SourceLocation(file: file, line: line))
    }

    init(stack: String, output: String, location: SourceLocation) {
        self.stack = stack
        self.output = output
        self.location = location
    }
}

extension CFValue {
    /// The value with every stack-output placeholder replaced by `transform`'s answer; nil when
    /// it holds none, so the values of stacks that use no other stack's output are never copied.
    func replacingStackOutputs(_ transform: (StackOutputReference) -> CFValue) -> CFValue? {
        switch self {
        case .list(let items):
            var copy: [CFValue]?
            for index in items.indices {
                guard let item = items[index].replacingStackOutputs(transform) else { continue }
                if copy == nil { copy = items }
                copy![index] = item
            }
            return copy.map(CFValue.list)
        case .object(let members):
            if members.count == 1, members[0].key == StackOutputReference.marker, let reference = StackOutputReference(self) {
                return transform(reference)
            }
            var copy = members
            return copy.replaceStackOutputs(transform) ? .object(copy) : nil
        default: return nil
        }
    }
}

extension CFValue {
    /// Whether the value holds a stack-output placeholder anywhere.
    var containsStackOutputs: Bool {
        switch self {
        case .list(let items): return items.contains { $0.containsStackOutputs }
        case .object(let members):
            if members.count == 1, members[0].key == StackOutputReference.marker { return true }
            return members.contains { $0.value.containsStackOutputs }
        default: return false
        }
    }
}

extension StackElement {
    /// Whether the element's values (a resource's properties and attributes, an output's value)
    /// hold a stack-output placeholder.
    var containsStackOutputs: Bool {
        switch self {
        case .resource(let resource):
            return resource.properties.contains { $0.value.containsStackOutputs }
                || resource.options.metadata?.containsStackOutputs == true
                || resource.options.rawAttributes.contains { $0.value.containsStackOutputs }
        case .output(let output): return output.value.containsStackOutputs
        case .grant(let grant): return grant.permissions.contains { $0.resources.contains { $0.cfValue.containsStackOutputs } }
        case .parameter, .mapping, .condition: return false
        }
    }
}

extension [CFValue.Member] {
    /// Replaces the stack-output placeholders in the members' values; whether there were any.
    mutating func replaceStackOutputs(_ transform: (StackOutputReference) -> CFValue) -> Bool {
        var replaced = false
        for index in indices {
            guard let value = self[index].value.replacingStackOutputs(transform) else { continue }
            self[index].value = value
            replaced = true
        }
        return replaced
    }
}
