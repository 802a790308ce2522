import InfraDSL
import InfraAWSIAM

/// The article's first template: the role in the target account that the Jenkins agent assumes.
///
/// Kept as the article wrote it (it trusts the whole Jenkins account and allows `*` on `*`),
/// fixing only what CloudFormation rejects: the typographic quote in the role name and the inline
/// policy without a PolicyName.
func deployRoleStack() -> Stack {
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

    return Stack(
        "jenkins-deploy-role",
        account: ArticleAccounts.accountX,
        region: ArticleAccounts.region,
        description: "IAM role for Jenkins agent",
        parameters: ["JenkinsAccountId": ArticleAccounts.jenkins]
    ) {
        jenkinsAccountId
        deployRole
    }
}
