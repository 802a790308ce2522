import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs
import InfraDSL

/// The benchmark's workload (issue 6): N target accounts, each with a deploy-role stack, and the
/// Jenkins side — the ECS cluster, the agents' log group and, per account, a task role and a task
/// definition. Written with the public DSL, the way a user writes `Sources/Stacks`.
///
/// Up to 248 accounts the Jenkins side is one stack (2 + 2 × 248 = 498 resources, under the
/// 500-resource quota). Beyond that, `jenkins-agents` keeps the cluster and the log group, and the
/// agents go into `jenkins-agents-01`, `-02` … of at most 100 accounts each; their task
/// definitions name the log group by its fixed name.
///
/// `benchmarks/troposphere/organisation.py` builds the same templates; the harness compares them.
enum Organisation {
    /// Where everything runs.
    static let region = "eu-west-1"
    /// The tooling account that runs Jenkins (placeholder).
    static let jenkinsAccount = "111111111111"
    /// The agents' log group name.
    static let logGroupName = "/ecs/jenkins-agents"
    /// The most accounts whose agents fit one stack beside the cluster and the log group.
    static let accountsInOneStack = 248
    /// Accounts per agent stack once the Jenkins side is split.
    static let accountsPerSplitStack = 100

    /// One target account: `target-0001` is `200000000001`.
    struct Target {
        /// 1 … N.
        let number: Int
        /// The number in four digits, for names and logical IDs: `0001`.
        var suffix: String { pad(number, 4) }
        /// The 12-digit account ID.
        var id: String { "2" + pad(number, 11) }
        /// The ARN of the account's deploy role.
        var deployRoleArn: String { "arn:aws:iam::\(id):role/deploy-role" }
    }

    /// The whole app for `accounts` target accounts. Templates over 51,200 bytes (the Jenkins
    /// side from 22 accounts) go through a bucket in each account and region, as CDK's bootstrap
    /// bucket does.
    static func app(accounts: Int) -> App {
        let targets = (1...max(accounts, 1)).map(Target.init(number:))
        return App(templateBucket: "infradsl-templates-{account}-{region}") {
            for target in targets {
                deployRoleStack(for: target)
            }
            if targets.count <= accountsInOneStack {
                jenkinsStack(name: "jenkins-agents", core: true, targets: targets)
            } else {
                jenkinsStack(name: "jenkins-agents", core: true, targets: [])
                for (index, start) in stride(from: 0, to: targets.count, by: accountsPerSplitStack).enumerated() {
                    jenkinsStack(
                        name: "jenkins-agents-\(pad(index + 1, 2))", core: false,
                        targets: Array(targets[start..<min(start + accountsPerSplitStack, targets.count)]))
                }
            }
        }
    }

    /// The article's deploy role, in one target account.
    static func deployRoleStack(for target: Target) -> Stack {
        let jenkinsAccountId = Parameter(
            "JenkinsAccountId",
            description: "The accountId of the account hosting Jenkins")

        let deployRole = IAM.Role(
            "DeployRole",
            assumeRolePolicyDocument: PolicyDocument {
                Statement(.allow, principal: .aws([jenkinsAccountId.ref]), action: "sts:AssumeRole")
            },
            maxSessionDuration: 43200,
            policies: [
                .init(
                    policyName: "deploy-role-policy",
                    policyDocument: PolicyDocument {
                        Statement(.allow, action: ["*"], resource: ["*"])
                    })
            ],
            roleName: "deploy-role")
            .suppressingLint("IAM001", because: "the deploy role deploys anything into its account, as the article's does")

        return Stack(
            "deploy-role-\(target.suffix)",
            account: target.id,
            region: region,
            description: "IAM role for Jenkins agent",
            parameters: ["JenkinsAccountId": jenkinsAccount]
        ) {
            jenkinsAccountId
            deployRole
        }
    }

    /// A Jenkins stack: with `core`, the cluster and the log group; an agent per target.
    static func jenkinsStack(name: String, core: Bool, targets: [Target]) -> Stack {
        let image = Parameter("DockerAgentImage", description: "The docker image to use for Jenkins Agent")
        let cluster = ECS.Cluster("JenkinsAgentCluster", clusterName: "jenkins-agent-cluster")
        let logGroup = Logs.LogGroup("CloudWatchLogsGroupJenkinsAgents", logGroupName: Token(logGroupName), retentionInDays: 30)

        return Stack(
            name,
            account: jenkinsAccount,
            region: region,
            description: "Resources for Jenkins agents",
            parameters: targets.isEmpty ? [:] : ["DockerAgentImage": "jenkins/inbound-agent:latest-jdk17"]
        ) {
            if !targets.isEmpty {
                image
            }
            if core {
                cluster
                logGroup
            }
            for target in targets {
                JenkinsAgent(target: target, image: image, logGroup: core ? logGroup.ref : Token(logGroupName))
            }
        }
    }
}

/// One agent: a task role that may assume the target's deploy role, and its task definition.
struct JenkinsAgent: Component {
    /// The account the agent deploys to.
    let target: Organisation.Target
    /// The agent image parameter of the stack.
    let image: Parameter
    /// The log group's name: a `Ref` in the stack that declares it, its literal name elsewhere.
    let logGroup: Token<String>

    /// The task role and the task definition.
    var body: some StackContent {
        let role = IAM.Role(
            "AgentRole\(target.suffix)",
            assumeRolePolicyDocument: PolicyDocument {
                Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: ["sts:AssumeRole"])
            },
            policies: [
                .init(
                    policyName: "AllowAssumeDeployRole",
                    policyDocument: PolicyDocument {
                        Statement(.allow, action: ["sts:AssumeRole"], resource: [Token(target.deployRoleArn)])
                    })
            ],
            roleName: Token("jenkins-agent-\(target.suffix)"))

        let taskDefinition = ECS.TaskDefinition(
            "AgentTaskDefinition\(target.suffix)",
            containerDefinitions: [
                .init(
                    image: image.ref,
                    name: Token("jenkins-agent-\(target.suffix)"),
                    cpu: 2048,
                    environment: [
                        .init(name: "AWS_REGION", value: AWS.region),
                        .init(name: "DEPLOY_ROLE", value: Token(target.deployRoleArn)),
                    ],
                    logConfiguration: .init(
                        logDriver: "awslogs",
                        options: [
                            "awslogs-group": logGroup,
                            "awslogs-region": AWS.region,
                            "awslogs-stream-prefix": Token("jenkins-agent-\(target.suffix)"),
                        ]),
                    memoryReservation: 3584)
            ],
            family: Token("jenkins-agent-\(target.suffix)"),
            networkMode: "bridge",
            taskRoleArn: role.arn)

        role
        taskDefinition
    }
}

/// `number` in decimal, zero-padded to `width` digits.
func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
