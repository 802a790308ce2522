import InfraDSL
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

/// The article's second template: the ECS cluster for the agents, the agent's task role (which may
/// assume the deploy role in account X), the agents' log group and the agent's task definition.
///
/// Kept as the article wrote it, fixing only `TaskRoleArn`, which must be the role's ARN
/// (`Fn::GetAtt`), not its name (`Ref`).
func jenkinsAgentsStack() -> Stack {
    let dockerAgentImage = Parameter(
        "DockerAgentImage",
        description: "The docker image to use for Jenkins Agent")
    let targetAccountX = Parameter(
        "TargetAccountX",
        description: "The accountId of account X")

    // Cluster for Jenkins agents
    let cluster = ECS.Cluster("JenkinsAgentCluster", clusterName: "jenkins-agent-cluster")

    // Role to deploy resource
    let agentRole = IAM.Role(
        "AssumeRoleDeployAccountX",
        assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: ["sts:AssumeRole"])
        },
        policies: [
            .init(
                policyName: "AllowAssumeRoleAccountX",
                policyDocument: PolicyDocument {
                    Statement(.allow, action: ["sts:AssumeRole"], resource: ["arn:aws:iam::\(targetAccountX):role/deploy-role"])
                })
        ],
        roleName: "deploy-role-agent-account-x")

    // Log group for jenkins (agents)
    let logGroup = Logs.LogGroup(
        "CloudWatchLogsGroupJenkinsAgents",
        logGroupName: "/ecs/jenkins-agents",
        retentionInDays: 30)

    // Task definition for agent for target account x
    let taskDefinition = ECS.TaskDefinition(
        "TaskDefinitionAgentAccountX",
        containerDefinitions: [
            .init(
                image: dockerAgentImage.ref,
                name: "jenkins-agent-account-x",
                cpu: 2048,
                environment: [
                    .init(name: "AWS_REGION", value: AWS.region),
                    .init(name: "DEPLOY_ROLE", value: "arn:aws:iam::\(targetAccountX):role/deploy-role"),
                ],
                logConfiguration: .init(
                    logDriver: "awslogs",
                    options: [
                        "awslogs-group": logGroup.ref,
                        "awslogs-region": AWS.region,
                        "awslogs-stream-prefix": "jenkins",
                    ]),
                memoryReservation: 3584)
        ],
        family: "jenkins-agent-account-x",
        networkMode: "bridge",
        taskRoleArn: agentRole.arn)

    return Stack(
        "jenkins-agents",
        account: ArticleAccounts.jenkins,
        region: ArticleAccounts.region,
        description: "Resources for Jenkins agent",
        parameters: [
            "DockerAgentImage": "jenkins/inbound-agent:latest-jdk17",
            "TargetAccountX": ArticleAccounts.accountX,
        ]
    ) {
        dockerAgentImage
        targetAccountX
        cluster
        agentRole
        logGroup
        taskDefinition
    }
}
