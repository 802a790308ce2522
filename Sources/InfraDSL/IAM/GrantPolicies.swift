/// A stack's grants made into policies: one `AWS::IAM::Policy` per identity, `<identity>DefaultPolicy`,
/// placed right after the identity in the template, as CDK's default policy is.
///
/// One policy per identity rather than one per grant: IAM caps the inline policies of a role at
/// 10,240 characters together, and a reviewer reads one list of what the role may do.
enum GrantPolicies {
    /// The list of `AWS::IAM::Policy` that attaches a policy to each kind of identity.
    static let attachment: [String: String] = [IAMType.role: "Roles", IAMType.user: "Users", IAMType.group: "Groups"]

    /// A grant that cannot be placed, with the reason, for validation to report at its line.
    struct Refused: Sendable {
        /// The grant.
        var grant: Grant
        /// Why, in words that finish "grant of X to Y: …" and say what to do.
        var reason: String
    }

    /// Adds the policies of `grants` to `resources`; returns the grants whose identity or resource
    /// is not a resource of the stack (or not an identity that holds policies).
    static func place(_ grants: [Grant], in resources: inout [ResourceDeclaration]) -> [Refused] {
        var types: [String: String] = [:]
        for resource in resources where types[resource.logicalId] == nil { types[resource.logicalId] = resource.type }
        var refused: [Refused] = []
        var order: [String] = []
        var byGrantee: [String: [Grant]] = [:]
        for grant in grants {
            if let reason = problem(of: grant, types: types) {
                refused.append(Refused(grant: grant, reason: reason))
                continue
            }
            if byGrantee[grant.granteeId] == nil { order.append(grant.granteeId) }
            byGrantee[grant.granteeId, default: []].append(grant)
        }
        // From the last identity in the template to the first, so each insertion leaves the
        // positions of the identities before it as they were.
        let positions = order.map { id in (id, resources.firstIndex { $0.logicalId == id }!) }
        for (id, position) in positions.sorted(by: { $0.1 > $1.1 }) {
            resources.insert(policy(for: byGrantee[id]!), at: position + 1)
        }
        return refused
    }

    private static func problem(of grant: Grant, types: [String: String]) -> String? {
        guard attachment[grant.granteeType] != nil else {
            return "'\(grant.granteeId)' (\(grant.granteeType)) holds no IAM policy; grant to an IAM.Role, IAM.User or IAM.Group"
        }
        if types[grant.granteeId] != grant.granteeType {
            return "the \(grant.granteeType) '\(grant.granteeId)' is not a resource of this stack, and grants across stacks are not supported; declare the grant in the stack of '\(grant.granteeId)', with the resource there too"
        }
        if types[grant.resourceId] != grant.resourceType {
            return "the \(grant.resourceType) '\(grant.resourceId)' is not a resource of this stack, and grants across stacks are not supported; declare the grant where both are, or export the ARN with an Output and write a Statement with it in the role's policies"
        }
        return nil
    }

    /// The policy of all grants to one identity: statements on the same resources merged.
    private static func policy(for grants: [Grant]) -> ResourceDeclaration {
        let first = grants[0]
        var statements: [(resources: [Token<String>], actions: [String])] = []
        for permission in grants.flatMap(\.permissions) {
            var resources: [Token<String>] = []
            for resource in permission.resources where !resources.contains(resource) { resources.append(resource) }
            if let index = statements.firstIndex(where: { $0.resources == resources }) {
                statements[index].actions += permission.actions.filter { !statements[index].actions.contains($0) }
            } else {
                var actions: [String] = []
                for action in permission.actions where !actions.contains(action) { actions.append(action) }
                statements.append((resources, actions))
            }
        }
        let document = PolicyDocument {
            for statement in statements {
                let actions = statement.actions.sorted()
                Statement(
                    .allow,
                    action: actions.count == 1 ? PolicyStrings(stringLiteral: actions[0]) : PolicyStrings(actions.map { Token($0) }),
                    resource: statement.resources.count == 1 ? PolicyStrings(statement.resources[0]) : PolicyStrings(statement.resources))
            }
        }
        let name = "\(first.granteeId)DefaultPolicy"
        var options = ResourceOptions(location: first.location)
        options.condition = first.granteeCondition
        return ResourceDeclaration(
            logicalId: name, type: IAMType.policy,
            properties: [
                CFValue.Member("PolicyDocument", document.cfValue),
                CFValue.Member("PolicyName", .string(name)),
                CFValue.Member(attachment[first.granteeType]!, .list([Fn.ref(first.granteeId).cfValue])),
            ],
            options: options, schema: RegistrySchemas.schema(for: IAMType.policy))
    }
}
