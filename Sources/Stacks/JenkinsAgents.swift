import InfraComponents
import InfraDSL

/// The agent image every stage uses; pin the tag you build and test.
let agentImage = "jenkins/inbound-agent:latest-jdk17"

/// The Jenkins agent cloud: one ECS cluster in the tooling account and, per stage, an agent that
/// may assume only that stage's deploy role.
let jenkinsAgentCloud = JenkinsAgentCloud(
    tooling: Accounts.tooling,
    jenkinsUrl: "https://jenkins.example.com/",
    // EC2-backed, as in the article: builds use the host's Docker through docker.sock.
    launchType: .ec2(),
    templates: PerStage(
        development: agent(deployingTo: Accounts.development),
        test: agent(deployingTo: Accounts.test),
        acceptance: agent(deployingTo: Accounts.acceptance),
        production: agent(deployingTo: Accounts.production, maxSessionDuration: 3600)))

/// An agent template whose deploy role may run CloudFormation in `account`, and hand stacks only
/// the account's CloudFormation execution role — not `*` on `*` as the article does.
func agent(deployingTo account: Account, maxSessionDuration: Int = 43200) -> AgentTemplate {
    AgentTemplate(
        target: account,
        image: agentImage,
        cpu: 2048,
        memoryReservation: 3584,
        permissions: PolicyDocument {
            Statement(
                .allow, sid: "ManageStacks", action: ["cloudformation:*"],
                resource: ["arn:aws:cloudformation:*:\(account.id):stack/*", "arn:aws:cloudformation:*:\(account.id):changeSet/*"])
            Statement(
                .allow, sid: "ReadStacks",
                action: ["cloudformation:Describe*", "cloudformation:List*", "cloudformation:GetTemplateSummary", "cloudformation:ValidateTemplate"],
                resource: ["*"])
            Statement(
                .allow, sid: "PassTheExecutionRoleToCloudFormation", action: ["iam:PassRole"],
                resource: [Token(account.roleArn("cloudformation-execution"))],
                condition: [PolicyCondition(.stringEquals, "iam:PassedToService", "cloudformation.amazonaws.com")])
        },
        maxSessionDuration: maxSessionDuration)
}
