/// Properties CloudFormation rejects a resource of one type without. The generated schemas say
/// the same for typed resources, but a `RawResource` carries no schema, so this rule checks both,
/// and the schema check skips these properties.
struct RequiredPropertiesRule: ResourceRule {
    let resourceType: String?
    let kind = RuleKind.validation
    /// The required properties, in the order their absence is reported.
    let names: [String]

    init(_ type: String, _ names: [String]) {
        resourceType = type
        self.names = names
    }

    var coveredProperties: [String] { names }

    func check(_ context: inout RuleContext) {
        for name in names {
            context.require(name, in: .object(context.resource.properties), path: "")
        }
    }
}
