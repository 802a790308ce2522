/// What a generated resource type knows from its CloudFormation registry schema beyond its Swift
/// types: the identifier `Ref` returns, the properties whose change replaces the resource, and the
/// schema's value constraints, which validation checks on the rendered properties.
public struct ResourceSchema: Sendable {
    /// The CloudFormation type name, such as `AWS::IAM::Role`.
    public let typeName: String
    /// The primary identifier's properties, which `Ref` usually returns (`RoleName`).
    public let primaryIdentifier: [String]
    /// Create-only properties, as paths (`RoleName`, `Endpoint.Port`): changing one replaces the resource.
    public let createOnlyProperties: [String]
    /// The schema's enum, pattern, length, range and required constraints, as compact JSON
    /// (`{"properties":{"RoleName":{"maxLength":64,…}}}`); checked by validation.
    public let constraints: String
    /// The constraints decoded, or why they could not be. Decoded here, once per type — generated
    /// types hold their schema in a `static let` — rather than once per resource validated.
    let decodedConstraints: Result<SchemaRules.Node, SchemaRules.UnreadableConstraints>

    /// The facts of one resource type, as the generator writes them.
    public init(typeName: String, primaryIdentifier: [String], createOnlyProperties: [String], constraints: String) {
        self.typeName = typeName
        self.primaryIdentifier = primaryIdentifier
        self.createOnlyProperties = createOnlyProperties
        self.constraints = constraints
        decodedConstraints = SchemaRules.decode(constraints)
    }

    /// Whether changing the property at `path` (`RoleName`, `Endpoint.Port`) replaces the resource.
    public func replacesOnChange(_ path: String) -> Bool {
        createOnlyProperties.contains { path == $0 || path.hasPrefix($0 + ".") }
    }
}
