import InfraDSL

/// The accounts of this package's own setup: one tooling account that runs Jenkins, and one
/// target account per stage.
///
/// PLACEHOLDERS: these are not real accounts. Replace the IDs with your own before deploying.
/// The deployer reaches each by assuming `OrganizationAccountAccessRole` (AWS Organizations' default).
enum Accounts {
    /// Where everything runs.
    static let region = "eu-west-1"
    /// Runs Jenkins and its ECS agents (placeholder ID).
    static let tooling = Account("tooling", id: "111111111111", region: region)
    /// The development stage's account (placeholder ID).
    static let development = Account("development", id: "222222222222", region: region)
    /// The test stage's account (placeholder ID).
    static let test = Account("test", id: "333333333333", region: region)
    /// The acceptance stage's account (placeholder ID).
    static let acceptance = Account("acceptance", id: "444444444444", region: region)
    /// The production stage's account (placeholder ID).
    static let production = Account("production", id: "555555555555", region: region)
}
