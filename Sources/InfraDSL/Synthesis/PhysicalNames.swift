/// Finds two resources that would claim the same physical name: CloudFormation accepts each
/// template alone, and the second stack fails halfway through its deployment.
enum PhysicalNames {
    /// What a physical name is unique within: the type, the name, the account, and (unless the
    /// name is account-wide) the region.
    private struct Claim: Hashable {
        var type: String
        var name: String
        var account: String
        var region: String?
    }

    static func check(_ stacks: [Stack], into diagnostics: inout Diagnostics) {
        var claimed: [Claim: (stack: String, resource: ResourceDeclaration)] = [:]
        for stack in stacks {
            for case .resource(let resource) in stack.elements {
                guard let (property, accountWide) = NamingProperties.byType[resource.type],
                    let name = resource.properties.first(where: { $0.key == property })?.value.stringValue
                else { continue }
                let claim = Claim(type: resource.type, name: name, account: stack.account, region: accountWide ? nil : stack.region)
                if let first = claimed[claim] {
                    let place = accountWide ? "account \(stack.account)" : "account \(stack.account), \(stack.region)"
                    diagnostics.error(
                        "resource '\(resource.logicalId)' of stack '\(stack.name)' names its \(resource.type) '\(name)', which resource '\(first.resource.logicalId)' of stack '\(first.stack)' also claims in \(place); the second deployment would fail — give one another name",
                        at: resource.options.location,
                        notes: [.init(message: "'\(name)' is first claimed here", location: first.resource.options.location)])
                } else {
                    claimed[claim] = (stack.name, resource)
                }
            }
        }
    }
}
