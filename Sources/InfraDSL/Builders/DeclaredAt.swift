// A component captures its user's line once — `file: String = #filePath, line: Int = #line` on
// its initializer — and hands it down as one value: `.declared(at: location)` on its body or its
// stacks, instead of passing `file:` and `line:` to every piece it makes. Diagnostics about those
// pieces then point at the user's line, not at the component's source.

extension StackContent {
    /// These pieces with every parameter, mapping, condition, resource and output reported at
    /// `location`, such as the line that declared the component making them.
    public func declared(at location: SourceLocation) -> Group {
        Group(elements: stackElements.map { $0.declared(at: location) })
    }
}

extension Stack {
    /// The stack and every piece of its body reported at `location`.
    public func declared(at location: SourceLocation) -> Stack {
        var copy = self
        copy.location = location
        copy.elements = elements.map { $0.declared(at: location) }
        return copy
    }
}

extension StackElement {
    /// The same piece, reported at `location`.
    func declared(at location: SourceLocation) -> StackElement {
        switch self {
        case .parameter(var parameter):
            parameter.location = location
            return .parameter(parameter)
        case .mapping(var mapping):
            mapping.location = location
            return .mapping(mapping)
        case .condition(var condition):
            condition.location = location
            return .condition(condition)
        case .resource(var resource):
            resource.options.location = location
            return .resource(resource)
        case .output(var output):
            output.location = location
            return .output(output)
        case .grant(var grant):
            grant.location = location
            return .grant(grant)
        }
    }
}
