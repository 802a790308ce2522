/// DEP001: a `DependsOn` that a reference already implies. CloudFormation orders a resource after
/// every resource its properties `Ref`, `Fn::GetAtt` or `Fn::Sub`; the extra entry says nothing,
/// and outlives the reference when that is removed, so the order no longer shows why it exists.
struct RedundantDependsOnRule: ResourceRule {
    let resourceType: String? = nil
    let kind = RuleKind.lint(id: "DEP001", summary: "DependsOn already implied by a reference in the properties")

    func check(_ context: inout RuleContext) {
        let dependsOn = context.resource.options.dependsOn
        guard !dependsOn.isEmpty else { return }
        let references = References(in: .object(context.resource.properties))
        let referenced = Set(references.refs + references.attributes)
        for name in dependsOn where referenced.contains(name) {
            context.report("dependsOn '\(name)' is implied: the properties already refer to it, so CloudFormation creates it first; remove it from dependsOn")
        }
    }
}
