import InfraAWSIAM
import InfraDSL

/// A role in a target account that exactly one principal — a Jenkins agent's task role — may
/// assume, with the permissions you choose.
///
/// The trust policy names the trusted account's root with an `aws:PrincipalArn` condition rather
/// than the role ARN itself: IAM checks a role-ARN principal when the policy is written, so the
/// usual form would fail until the agent's role exists; this one does not care about creation
/// order and still admits nobody else.
///
/// ```swift
/// DeployRole(trusting: "arn:aws:iam::111111111111:role/jenkins-agent-cloud-production",
///            permissions: PolicyDocument { Statement(.allow, action: "cloudformation:*", resource: "*") })
/// ```
public struct DeployRole: Component {
    /// The role's logical ID.
    public var logicalId: String
    /// The role's name in the target account.
    public var roleName: String
    /// The ARN of the one role allowed to assume this one.
    public var trustedRoleArn: String
    /// An ExternalId the caller must present, if any.
    public var externalId: String?
    /// The longest session, 3600 to 43200 seconds.
    public var maxSessionDuration: Int
    /// The inline permission policy, if any.
    public var permissions: PolicyDocument?
    /// Managed policies to attach.
    public var managedPolicyArns: [String]
    /// The permissions boundary's ARN, if any.
    public var permissionsBoundary: String?
    /// Where it was declared.
    public var location: SourceLocation
    /// The condition the role (and its output) exist under; `nil`: always. A StackSet template
    /// holding several deploy roles gives each the condition of its own account.
    var condition: Condition?

    /// A deploy role trusted by exactly `trustedRoleArn`.
    public init(
        _ logicalId: String = "DeployRole",
        roleName: String = "jenkins-deploy",
        trusting trustedRoleArn: String,
        externalId: String? = nil,
        maxSessionDuration: Int = 3600,
        permissions: PolicyDocument? = nil,
        managedPolicyArns: [String] = [],
        permissionsBoundary: String? = nil,
        file: String = #filePath,
        line: Int = #line
    ) {
        self.logicalId = logicalId
        self.roleName = roleName
        self.trustedRoleArn = trustedRoleArn
        self.externalId = externalId
        self.maxSessionDuration = maxSessionDuration
        self.permissions = permissions
        self.managedPolicyArns = managedPolicyArns
        self.permissionsBoundary = permissionsBoundary
        location = SourceLocation(file: file, line: line)
    }

    /// `arn:aws:iam::111111111111:root` for a role ARN in account 111111111111.
    var trustedAccountRoot: String {
        let parts = trustedRoleArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6 else { return trustedRoleArn }
        return "arn:\(parts[1]):iam::\(parts[4]):root"
    }

    /// The role and an output with its ARN, both reported at the line that declared the deploy role.
    public var body: some StackContent {
        let role = condition.map { self.role.condition($0) } ?? self.role
        Group {
            role
            Output("\(logicalId)Arn", value: role.arn, description: "The ARN of the role that \(trustedRoleArn) may assume", condition: condition)
        }
        .declared(at: location)
    }

    /// The role, trusting the one principal through its account's root and a condition.
    private var role: IAM.Role {
        IAM.Role(
            logicalId,
            assumeRolePolicyDocument: PolicyDocument {
                Statement(
                    .allow,
                    principal: .aws(PolicyStrings(Token(trustedAccountRoot))),
                    action: "sts:AssumeRole",
                    condition: [PolicyCondition(.arnEquals, "aws:PrincipalArn", PolicyStrings(Token(trustedRoleArn)))]
                        + (externalId.map { [PolicyCondition(.stringEquals, "sts:ExternalId", PolicyStrings(Token($0)))] } ?? []))
            },
            managedPolicyArns: managedPolicyArns.isEmpty ? nil : Token(managedPolicyArns.map { Token($0) }),
            maxSessionDuration: maxSessionDuration,
            permissionsBoundary: permissionsBoundary.map { Token($0) },
            policies: permissions.map { [IAM.Role.Policy(policyName: "\(roleName)-permissions", policyDocument: $0)] },
            roleName: Token(roleName))
    }
}
