import InfraDSL

/// One Jenkins agent template: an ECS task that deploys to one target account through that
/// account's deploy role.
public struct AgentTemplate: Sendable {
    /// The account this agent deploys to.
    public var target: Account
    /// The agent's container image, such as `jenkins/inbound-agent:latest-jdk17`.
    public var image: String
    /// The Jenkins label pipelines select the agent by; `deploy-<stage>` when nil.
    public var label: String?
    /// CPU units (1024 = one vCPU).
    public var cpu: Int
    /// The hard memory limit in MiB, if any (required by Fargate, optional on EC2).
    public var memory: Int?
    /// The soft memory limit in MiB, if any.
    public var memoryReservation: Int?
    /// The deploy role's inline permission policy.
    public var permissions: PolicyDocument?
    /// Managed policies the deploy role gets.
    public var managedPolicyArns: [String]
    /// The deploy role's permissions boundary, if any.
    public var permissionsBoundary: String?
    /// An ExternalId the agent must present when it assumes the deploy role.
    public var externalId: String?
    /// Extra plain environment variables for the agent (never secrets).
    public var environment: [String: String]
    /// Secret environment variables: name → Secrets Manager or SSM parameter ARN (`valueFrom`).
    public var secrets: [String: String]
    /// The deploy role's name in the target account.
    public var deployRoleName: String
    /// The deploy role's longest session in seconds.
    public var maxSessionDuration: Int

    /// A template; the target, the image and what the deploy role may do are yours to choose.
    public init(
        target: Account,
        image: String,
        label: String? = nil,
        cpu: Int = 2048,
        memory: Int? = nil,
        memoryReservation: Int? = 3584,
        permissions: PolicyDocument? = nil,
        managedPolicyArns: [String] = [],
        permissionsBoundary: String? = nil,
        externalId: String? = nil,
        environment: [String: String] = [:],
        secrets: [String: String] = [:],
        deployRoleName: String = "jenkins-deploy",
        maxSessionDuration: Int = 3600
    ) {
        self.target = target
        self.image = image
        self.label = label
        self.cpu = cpu
        self.memory = memory
        self.memoryReservation = memoryReservation
        self.permissions = permissions
        self.managedPolicyArns = managedPolicyArns
        self.permissionsBoundary = permissionsBoundary
        self.externalId = externalId
        self.environment = environment
        self.secrets = secrets
        self.deployRoleName = deployRoleName
        self.maxSessionDuration = maxSessionDuration
    }

    /// The deploy role's ARN in the target account.
    public var deployRoleArn: String { target.roleArn(deployRoleName) }
}

/// How the agents' tasks run: on the cluster's EC2 instances or on Fargate. No default: the
/// choice decides networking, roles and what the Jenkins cloud needs.
public enum AgentLaunchType: Sendable, Equatable {
    /// EC2 container instances (for Docker builds through the host's docker.sock, as the article does).
    case ec2(networkMode: String = "bridge")
    /// Fargate: awsvpc networking in these subnets and security groups.
    case fargate(subnets: [String], securityGroups: [String], assignPublicIp: Bool = false, platformVersion: String? = nil)

    var isFargate: Bool {
        if case .fargate = self { return true }
        return false
    }

    var networkMode: String {
        switch self {
        case .ec2(let networkMode): networkMode
        case .fargate: "awsvpc"
        }
    }

    var jenkinsLaunchType: String { isFargate ? "FARGATE" : "EC2" }
}

extension AgentTemplate: StageAccount {
    /// The target account, so a `PerStage` of templates warns when two stages deploy to one account.
    public var stageAccount: Account {
        get { target }
        set { target = newValue }
    }
}
