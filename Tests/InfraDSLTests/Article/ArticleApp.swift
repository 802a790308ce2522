import InfraDSL

/// The article's two templates translated literally, kept as a golden test: what a user who
/// ports hand-written CloudFormation would write first.
///
/// PLACEHOLDERS: not real accounts. Jenkins `111111111111`, account X `222222222222`.
enum ArticleAccounts {
    /// The tooling account that runs Jenkins and its ECS agents (placeholder).
    static let jenkins = "111111111111"
    /// The target account the agent deploys to, the article's "account X" (placeholder).
    static let accountX = "222222222222"
    /// The region everything lives in.
    static let region = "eu-west-1"
}

/// The article's app: the deploy role in account X and the Jenkins account's agent resources.
let articleApp = App {
    deployRoleStack()
    jenkinsAgentsStack()
}
