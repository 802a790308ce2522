import InfraSynth

// The outside package's mistakes, as a user makes them in their own package: the lint warnings and
// a schema error must name this file and line (scripts/test.sh outside-package swaps this file in).

// STG001: two stages of one PerStage deploy to one account.
let shared = Account("shared", id: "222222222222", region: "eu-west-1")
let accounts = PerStage(development: shared, test: shared, acceptance: Account("acceptance", id: "444444444444", region: "eu-west-1"), production: Account("production", id: "555555555555", region: "eu-west-1"))

// DEP001: a dependsOn the Fn::GetAtt in the properties already implies.
let jobs = RawResource("Jobs", type: "AWS::SQS::Queue", properties: ["DelaySeconds": 5])
let alerts = RawResource("Alerts", type: "AWS::SNS::Topic", properties: ["DisplayName": "\(jobs.getAtt("QueueName"))"])
    .dependsOn(jobs)

App {
    for (stage, account) in accounts.values {
        Stack("mistakes-\(stage.rawValue)", account: account, stage: stage) {
            jobs
            alerts
        }
    }
}
.main()
