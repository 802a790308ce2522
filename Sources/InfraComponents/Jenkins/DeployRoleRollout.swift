import InfraDSL

/// How a `JenkinsAgentCloud` puts its deploy roles into the stages' target accounts.
///
/// ```swift
/// JenkinsAgentCloud(tooling: tooling, …, templates: templates, deployRoles: .stackSet())
/// JenkinsAgentCloud(tooling: tooling, …, templates: templates,
///                   deployRoles: .stackSet(permissions: .serviceManaged(), organizationalUnits: ["ou-ab12-cdef3456"]))
/// ```
public enum DeployRoleRollout: Sendable {
    /// One stack per stage in that stage's target account, rolled out in the stage (the default).
    case stackPerStage
    /// One StackSet administered from the tooling account (named `<cloud>-deploy-roles` unless
    /// `name` is given), rolled out before the first stage: CloudFormation deploys every target
    /// account's instance. The template holds each stage's deploy role under a condition on its
    /// target's account ID, so an account gets only its own stage's role, trusting only that
    /// stage's agent task role, as with one stack per stage; an account that is no stage's target
    /// gets no role. Self-managed sets target the stages' accounts (each in its primary region,
    /// IAM being global); service-managed ones target `organizationalUnits` in the first stage's region.
    case stackSet(
        name: String? = nil, permissions: StackSetPermissions = .selfManaged(), organizationalUnits: [String] = [],
        preferences: StackSetPreferences = StackSetPreferences())
}

extension JenkinsAgentCloud {
    /// The StackSet's name, when the roles go into one.
    public var deployRoleStackSetName: String? {
        guard case .stackSet(let name, _, _, _) = deployRoles else { return nil }
        return name ?? "\(self.name)-deploy-roles"
    }

    /// The stage's deploy role, trusting only the stage's task role in the tooling account.
    func deployRole(_ stage: S, _ template: AgentTemplate, logicalId: String = "DeployRole", condition: Condition? = nil) -> DeployRole {
        var role = DeployRole(
            logicalId,
            roleName: template.deployRoleName,
            trusting: tooling.roleArn(taskRoleName(stage), region: region),
            externalId: template.externalId,
            maxSessionDuration: template.maxSessionDuration,
            permissions: template.permissions,
            managedPolicyArns: template.managedPolicyArns,
            permissionsBoundary: template.permissionsBoundary)
        role.condition = condition
        return role
    }

    /// Every stage's deploy role in one StackSet, each under the condition of its target account.
    func deployRoleStackSet(
        name: String, permissions: StackSetPermissions, organizationalUnits: [String], preferences: StackSetPreferences
    ) -> StackSet {
        let targets: [StackSetTarget]
        if case .selfManaged = permissions {
            // One target per region, each account in its primary region: IAM roles are global, so one instance per account.
            var regions: [String] = []
            for (_, template) in templates.values where !regions.contains(template.target.region) { regions.append(template.target.region) }
            targets = regions.map { region in
                .accounts(templates.values.map(\.value.target).filter { $0.region == region }, regions: [region])
            }
        } else {
            targets = [.organizationalUnits(organizationalUnits, regions: [templates.values.first?.value.target.region ?? region])]
        }
        let stages = templates.values.map { stage, template in
            (stage, template, Condition("In\(Self.logicalSuffix(stage.rawValue))Account", .equals(AWS.accountId, Token(template.target.id))))
        }
        return StackSet(
            name, administrator: tooling, region: region, permissions: permissions, targets: targets, preferences: preferences,
            description: "Deploy roles for the Jenkins agent cloud '\(self.name)': in each stage's target account, the role only that stage's agent may assume"
        ) {
            for (stage, template, condition) in stages {
                condition
                deployRole(stage, template, logicalId: "DeployRole\(Self.logicalSuffix(stage.rawValue))", condition: condition)
            }
        }
        .declared(at: location)
    }
}
