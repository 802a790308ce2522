/// The accounts and region of the article's setup.
///
/// PLACEHOLDERS: these are not real accounts. Replace them with your own before deploying.
enum Accounts {
    /// The tooling account that runs Jenkins and its ECS agents (placeholder).
    static let jenkins = "111111111111"
    /// The target account the agent deploys to, the article's "account X" (placeholder).
    static let accountX = "222222222222"
    /// The region everything lives in.
    static let region = "eu-west-1"
}
