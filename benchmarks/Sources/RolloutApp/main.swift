import Foundation
import InfraAWSIAM
import InfraAWSLogs
import InfraSynth

// The rollout benchmark's app (issue 6, part 3): 10 target accounts × 3 stacks — the deploy role,
// the account's log group, an alerts topic — deployed by assuming OrganizationAccountAccessRole.
// `ROLLOUT_CHANGE=1` changes exactly one stack (the first account's log retention, 30 → 60 days),
// for the "one changed stack" measurement. A benchmark executable, so it may read the environment;
// the DSL never does.

/// The number of target accounts.
let accountCount = 10
/// Whether to generate the variant with one changed stack.
let changed = ProcessInfo.processInfo.environment["ROLLOUT_CHANGE"] == "1"

/// Target account `number`: `300000000001` …
func account(_ number: Int) -> Account {
    let digits = String(number)
    let id = "3" + String(repeating: "0", count: 11 - digits.count) + digits
    return Account("target-\(number)", id: id, region: "eu-west-1")
}

/// The three stacks of one account.
func stacks(for number: Int) -> [Stack] {
    let target = account(number)
    let jenkinsAccountId = Parameter("JenkinsAccountId", description: "The accountId of the account hosting Jenkins")
    let deployRole = IAM.Role(
        "DeployRole",
        assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .aws([jenkinsAccountId.ref]), action: "sts:AssumeRole")
        },
        maxSessionDuration: 43200,
        policies: [
            .init(policyName: "deploy-role-policy", policyDocument: PolicyDocument {
                Statement(.allow, action: ["cloudformation:*"], resource: ["*"])
            })
        ],
        roleName: "deploy-role")
    let logs = Logs.LogGroup(
        "ApplicationLogs", logGroupName: "/app/target-\(number)",
        retentionInDays: changed && number == 1 ? 60 : 30)
    let topic = RawResource("Alerts", type: "AWS::SNS::Topic", properties: ["TopicName": .string("alerts-\(number)")])
    return [
        Stack("deploy-role-\(number)", account: target, parameters: ["JenkinsAccountId": "111111111111"]) {
            jenkinsAccountId
            deployRole
        },
        Stack("logs-\(number)", account: target) { logs },
        Stack("alerts-\(number)", account: target) { topic },
    ]
}

App {
    for number in 1...accountCount {
        for stack in stacks(for: number) {
            stack
        }
    }
}.main()
