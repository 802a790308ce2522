import Testing
@testable import InfraDSL

private let thisFile = #filePath

/// `.terminationProtection()`, `.stackPolicy(…)`, `.notifications(…)`, `.serviceRole(…)` and
/// `Account(serviceRole:)`: into the manifest (version 2), mistakes at the setting's line.
@Suite struct StackSettingsDSLTests {
    static let policy = #"{"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]}"#

    @Test func settingsReachTheManifestAndAStacksRoleWinsOverItsAccounts() {
        let production = Account("production", id: "444444444444", region: "eu-west-1", serviceRole: "arn:aws:iam::444444444444:role/cfn")
        let guarded = Stack("guarded", account: production) { topic("Topic") }
            .terminationProtection()
            .stackPolicy(Self.policy)
            .notifications(["arn:aws:sns:eu-west-1:444444444444:b", "arn:aws:sns:eu-west-1:444444444444:a"])
        let own = Stack("own", account: production) { topic("Topic") }.serviceRole("arn:aws:iam::444444444444:role/own")
        let synthesis = App { guarded; own }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        #expect(synthesis.manifest.stacks[0].settings == Manifest.StackSettings(
            terminationProtection: true, stackPolicy: Self.policy,
            notificationARNs: ["arn:aws:sns:eu-west-1:444444444444:a", "arn:aws:sns:eu-west-1:444444444444:b"], serviceRoleARN: "arn:aws:iam::444444444444:role/cfn"))
        #expect(synthesis.manifest.stacks[1].settings.serviceRoleARN == "arn:aws:iam::444444444444:role/own")
        #expect(synthesis.files.last!.contents.hasPrefix("{\n  \"version\": 2,"))
        // Without settings the manifest stays version 1.
        #expect(App { testStack { topic("Topic") } }.synthesize().files.last!.contents.hasPrefix("{\n  \"version\": 1,"))
    }

    @Test func mistakesAreReportedAtTheSettingsLine() {
        let base = testStack { topic("Topic") }
        let line = #line; let bad = base.stackPolicy("{not json").notifications(["arn:aws:sqs:eu-west-1:1:q"]).serviceRole("arn:aws:iam::1:user/me")
        let errors = App { bad }.synthesize().diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.allSatisfy { $0.location == SourceLocation(file: thisFile, line: line) })
        #expect(errors.contains { $0.message.contains("the stack policy is not a JSON object") })
        #expect(errors.contains { $0.message.contains("is not an SNS topic ARN") })
        #expect(errors.contains { $0.message.contains("is not an IAM role ARN") })
        let tooMany = base.notifications((1...6).map { "arn:aws:sns:eu-west-1:111111111111:t\($0)" }).stackPolicy(#"{"Version": "2012"}"#)
        let found = App { tooMany }.synthesize().diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(found.contains { $0.contains("6 notification ARNs; CloudFormation allows at most 5") })
        #expect(found.contains { $0.contains("the stack policy has no \"Statement\"") })
    }
}
