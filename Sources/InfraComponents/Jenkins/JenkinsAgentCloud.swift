import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs
import InfraDSL

/// The article's whole shape in one declaration: one Jenkins ECS agent cloud in a tooling account
/// and, per stage, an agent template that may assume exactly one deploy role in that stage's
/// target account.
///
/// It yields one tooling stack (cluster, log group, per stage a task role and a task definition),
/// one deploy-role stack per stage in the target account (or, with `deployRoles: .stackSet()`, one
/// StackSet holding them all), the Jenkins Configuration-as-Code YAML
/// for the amazon-ecs plugin and a Jenkinsfile that deploys stage by stage.
///
/// ```swift
/// JenkinsAgentCloud(
///     tooling: tooling, jenkinsUrl: "https://jenkins.example.com/", launchType: .ec2(),
///     templates: PerStage(development: …, test: …, acceptance: …, production: …))
/// ```
public struct JenkinsAgentCloud<S: StageSet>: AppContent {
    /// The cloud's name in Jenkins, also the tooling stack's name and the prefix of roles and families.
    public var name: String
    /// The tooling account that runs Jenkins and the agents.
    public var tooling: Account
    /// The region of the cluster and the agents.
    public var region: String
    /// Jenkins' URL, which the agents connect back to.
    public var jenkinsUrl: String
    /// The ECS cluster's name.
    public var clusterName: String
    /// The agents' log group.
    public var logGroupName: String
    /// How long the agents' logs are kept.
    public var logRetentionInDays: Int
    /// EC2 or Fargate.
    public var launchType: AgentLaunchType
    /// One template per stage.
    public var templates: PerStage<S, AgentTemplate>
    /// Whether the deploy roles go into one stack per stage (the default) or one StackSet.
    public var deployRoles: DeployRoleRollout
    /// Where it was declared.
    public var location: SourceLocation

    /// A cloud with one agent template per stage.
    public init(
        name: String = "jenkins-agent-cloud",
        tooling: Account,
        region: String? = nil,
        jenkinsUrl: String,
        clusterName: String = "jenkins-agent-cluster",
        logGroupName: String = "/ecs/jenkins-agents",
        logRetentionInDays: Int = 30,
        launchType: AgentLaunchType,
        templates: PerStage<S, AgentTemplate>,
        deployRoles: DeployRoleRollout = .stackPerStage,
        file: String = #filePath,
        line: Int = #line
    ) {
        self.name = name
        self.tooling = tooling
        self.region = region ?? tooling.region
        self.jenkinsUrl = jenkinsUrl
        self.clusterName = clusterName
        self.logGroupName = logGroupName
        self.logRetentionInDays = logRetentionInDays
        self.launchType = launchType
        self.templates = templates
        self.deployRoles = deployRoles
        location = SourceLocation(file: file, line: line)
    }

    /// The tooling stack, the deploy-role stacks (or StackSet), the JCasC YAML and the Jenkinsfile.
    public var appElements: [AppElement] {
        let roles: [AppElement]
        switch deployRoles {
        case .stackPerStage: roles = templates.values.map { .stack(deployRoleStack($0.stage, $0.value)) }
        case .stackSet(_, let permissions, let units, let preferences):
            roles = [.stackSet(deployRoleStackSet(name: deployRoleStackSetName!, permissions: permissions, organizationalUnits: units, preferences: preferences))]
        }
        return [.stack(toolingStack)] + roles + [
            .file(GeneratedFile(path: "jenkins/\(name).casc.yaml", contents: JenkinsConfiguration.casc(self), location: location)),
            .file(GeneratedFile(path: "jenkins/\(name).Jenkinsfile", contents: JenkinsConfiguration.jenkinsfile(self), location: location)),
        ]
    }

    /// The label pipelines select the stage's agent by.
    public func label(_ stage: S) -> String { templates[stage].label ?? "deploy-\(stage.rawValue)" }
    /// The stage's task role name in the tooling account.
    public func taskRoleName(_ stage: S) -> String { "\(name)-\(stage.rawValue)" }
    /// The stage's task definition family.
    public func family(_ stage: S) -> String { "\(name)-\(stage.rawValue)" }
    /// The name of the stack holding the stage's deploy role.
    public func deployRoleStackName(_ stage: S) -> String { "\(name)-deploy-\(stage.rawValue)" }
    /// The cluster's ARN.
    public var clusterArn: String { "arn:\(Partition.of(region: region)):ecs:\(region):\(tooling.id):cluster/\(clusterName)" }

    var needsExecutionRole: Bool { launchType.isFargate || templates.values.contains { !$0.value.secrets.isEmpty } }

    private func deployRoleStack(_ stage: S, _ template: AgentTemplate) -> Stack {
        Stack(
            deployRoleStackName(stage), account: template.target, stage: stage,
            description: "Deploy role in \(template.target.name) for the Jenkins agent '\(label(stage))'"
        ) {
            deployRole(stage, template)
        }
        .declared(at: location)
    }

    private var toolingStack: Stack {
        let cluster = ECS.Cluster("AgentCluster", clusterName: Token(clusterName))
        let logs = Logs.LogGroup("AgentLogs", logGroupName: Token(logGroupName), retentionInDays: logRetentionInDays)
        let executionRole = needsExecutionRole ? executionRoleResource : nil
        return Stack(
            name, account: tooling, region: region,
            description: "Jenkins agent cloud '\(name)': ECS cluster, agent logs, per stage a task role and task definition, and the controller's policy"
        ) {
            cluster
            logs
            executionRole
            for (stage, template) in templates.values {
                agentResources(stage, template, logs: logs, executionRole: executionRole)
            }
            let controllerPolicy = controllerPolicyResource
            controllerPolicy
            Output("ClusterArn", value: cluster.arn, description: "The agents' ECS cluster")
            Output(
                "ControllerPolicyArn", value: controllerPolicy.ref,
                description: "Attach to the Jenkins controller's role: run, watch and stop exactly these agents")
        }
        .declared(at: location)
    }

    /// What the Jenkins controller needs to run this cloud's agents and nothing more (the
    /// amazon-ecs plugin's calls, plus passing the agents' roles to ECS, which RunTask requires).
    private var controllerPolicyResource: IAM.ManagedPolicy {
        let partition = Partition.of(region: region)
        let ecs = "arn:\(partition):ecs:\(region):\(tooling.id)"
        let families = templates.values.map { Token<String>("\(ecs):task-definition/\(family($0.stage)):*") }
        var passedRoles = templates.values.map { Token<String>(tooling.roleArn(taskRoleName($0.stage), region: region)) }
        if needsExecutionRole { passedRoles.append(Token(tooling.roleArn("\(name)-execution", region: region))) }
        let tasks = Token<String>("\(ecs):task/\(clusterName)/*")
        return IAM.ManagedPolicy(
            "ControllerPolicy",
            policyDocument: PolicyDocument {
                Statement(
                    .allow, sid: "RunAgentTasks", action: ["ecs:RunTask"], resource: PolicyStrings(families),
                    condition: [PolicyCondition(.arnEquals, "ecs:cluster", PolicyStrings(Token(clusterArn)))])
                Statement(.allow, sid: "WatchAndStopAgentTasks", action: ["ecs:DescribeTasks", "ecs:StopTask"], resource: PolicyStrings([tasks]))
                Statement(
                    .allow, sid: "TagAgentTasksAtLaunch", action: ["ecs:TagResource"], resource: PolicyStrings([tasks]),
                    condition: [PolicyCondition(.stringEquals, "ecs:CreateAction", "RunTask")])
                Statement(
                    .allow, sid: "ReadClustersAndTaskDefinitions",
                    action: ["ecs:ListClusters", "ecs:DescribeClusters", "ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions", "ecs:ListContainerInstances", "ecs:DescribeContainerInstances"],
                    resource: ["*"])
                Statement(
                    .allow, sid: "PassOnlyTheAgentRoles", action: ["iam:PassRole"], resource: PolicyStrings(passedRoles),
                    condition: [PolicyCondition(.stringEquals, "iam:PassedToService", "ecs-tasks.amazonaws.com")])
            },
            description: Token("The Jenkins controller's permissions for the agent cloud '\(name)'"),
            managedPolicyName: Token("\(name)-controller"))
    }

    private var executionRoleResource: IAM.Role {
        let secretArns = templates.values.flatMap { $0.value.secrets.values }.sorted()
        return IAM.Role(
            "AgentExecutionRole",
            assumeRolePolicyDocument: Self.ecsTasksTrust(account: tooling.id),
            managedPolicyArns: ["arn:\(AWS.partition):iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
            policies: secretArns.isEmpty ? nil : [
                IAM.Role.Policy(policyName: "read-agent-secrets", policyDocument: PolicyDocument {
                    Statement(.allow, action: ["secretsmanager:GetSecretValue", "ssm:GetParameters"], resource: PolicyStrings(secretArns.map { Token($0) }))
                })
            ],
            roleName: Token("\(name)-execution"))
    }

    /// Only ECS tasks of the tooling account may assume the agents' roles.
    static func ecsTasksTrust(account: String) -> PolicyDocument {
        PolicyDocument {
            Statement(
                .allow, principal: .service("ecs-tasks.amazonaws.com"), action: "sts:AssumeRole",
                condition: [PolicyCondition(.stringEquals, "aws:SourceAccount", PolicyStrings(Token(account)))])
        }
    }

    private func agentResources(_ stage: S, _ template: AgentTemplate, logs: Logs.LogGroup, executionRole: IAM.Role?) -> Group {
        let suffix = Self.logicalSuffix(stage.rawValue)
        let taskRole = IAM.Role(
            "TaskRole\(suffix)",
            assumeRolePolicyDocument: Self.ecsTasksTrust(account: tooling.id),
            description: Token("Jenkins agent '\(label(stage))': may assume only \(template.deployRoleArn)"),
            policies: [
                IAM.Role.Policy(policyName: "assume-deploy-role", policyDocument: PolicyDocument {
                    Statement(.allow, action: "sts:AssumeRole", resource: PolicyStrings(Token(template.deployRoleArn)))
                })
            ],
            roleName: Token(taskRoleName(stage)))
        var environment: [ECS.TaskDefinition.KeyValuePair] = [
            .init(name: "AWS_REGION", value: AWS.region),
            .init(name: "DEPLOY_ROLE", value: Token(template.deployRoleArn)),
        ]
        if let externalId = template.externalId {
            environment.append(.init(name: "DEPLOY_ROLE_EXTERNAL_ID", value: Token(externalId)))
        }
        environment += template.environment.keys.sorted().map { .init(name: Token($0), value: Token(template.environment[$0]!)) }
        let secrets = template.secrets.keys.sorted().map { ECS.TaskDefinition.Secret(name: Token($0), valueFrom: Token(template.secrets[$0]!)) }
        let container = ECS.TaskDefinition.ContainerDefinition(
            image: Token(template.image),
            name: "jenkins-agent",
            cpu: template.cpu,
            environment: environment,
            essential: true,
            logConfiguration: .init(logDriver: "awslogs", options: [
                "awslogs-group": logs.ref, "awslogs-region": AWS.region, "awslogs-stream-prefix": Token(stage.rawValue),
            ]),
            memory: template.memory,
            memoryReservation: template.memoryReservation,
            secrets: secrets.isEmpty ? nil : secrets)
        let fargate = launchType.isFargate
        let taskDefinition = ECS.TaskDefinition(
            "TaskDefinition\(suffix)",
            containerDefinitions: [container],
            cpu: fargate ? Token(String(template.cpu)) : nil,
            executionRoleArn: executionRole?.arn,
            family: Token(family(stage)),
            memory: fargate ? (template.memory ?? template.memoryReservation).map { Token(String($0)) } : nil,
            networkMode: .init(rawValue: Token(launchType.networkMode)),
            requiresCompatibilities: [Token(launchType.jenkinsLaunchType)],
            taskRoleArn: taskRole.arn)
        return Group {
            taskRole
            taskDefinition
        }
    }

    /// `Production` for `production`, `AcceptanceEu` for `acceptance-eu`: a logical-ID suffix.
    static func logicalSuffix(_ text: String) -> String {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
