/// A stack's elements sorted into the template's sections, keeping declaration order in each;
/// grants become their identities' policies among the resources.
struct TemplateSections {
    var parameters: [Parameter] = []
    var mappings: [Mapping] = []
    var conditions: [Condition] = []
    var resources: [ResourceDeclaration] = []
    var outputs: [Output] = []
    /// The grants whose identity or resource is not in the stack, for validation to report.
    var refusedGrants: [GrantPolicies.Refused] = []

    init(_ elements: [StackElement]) {
        var grants: [Grant] = []
        for element in elements {
            switch element {
            case .parameter(let parameter): parameters.append(parameter)
            case .mapping(let mapping): mappings.append(mapping)
            case .condition(let condition): conditions.append(condition)
            case .resource(let resource): resources.append(resource)
            case .output(let output): outputs.append(output)
            case .grant(let grant): grants.append(grant)
            }
        }
        if !grants.isEmpty { refusedGrants = GrantPolicies.place(grants, in: &resources) }
    }
}

extension Stack {
    /// The template in CloudFormation's conventional section order; empty sections are left out.
    public var template: CFValue { template(TemplateSections(elements)) }

    /// The template from the stack's elements already split into sections.
    func template(_ sections: TemplateSections) -> CFValue {
        var members: [CFValue.Member] = []
        if let description { members.append(CFValue.Member("Description", .string(description))) }
        if let metadata { members.append(CFValue.Member("Metadata", metadata.cfValue)) }
        func section(_ name: String, _ entries: [CFValue.Member]) {
            if !entries.isEmpty { members.append(CFValue.Member(name, .object(entries))) }
        }
        section("Parameters", sections.parameters.map { CFValue.Member($0.name, $0.rendered) })
        section("Mappings", sections.mappings.map { CFValue.Member($0.name, $0.rendered) })
        section("Conditions", sections.conditions.map { CFValue.Member($0.name, $0.expression.cfValue) })
        section("Resources", sections.resources.map { CFValue.Member($0.logicalId, $0.rendered) })
        section("Outputs", sections.outputs.map { CFValue.Member($0.name, $0.rendered) })
        return .object(members)
    }

    /// The capabilities CloudFormation demands before it creates this stack's IAM resources.
    public var requiredCapabilities: [String] { IAMCapability.required(by: TemplateSections(elements).resources) }
}
