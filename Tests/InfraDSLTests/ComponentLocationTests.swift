import Testing
@testable import InfraDSL
import InfraComponents

/// Where a piece of a stack was declared, whatever its kind.
private func location(of element: StackElement) -> InfraDSL.SourceLocation {
    switch element {
    case .parameter(let parameter): parameter.location
    case .mapping(let mapping): mapping.location
    case .condition(let condition): condition.location
    case .resource(let resource): resource.options.location
    case .output(let output): output.location
    case .grant(let grant): grant.location
    }
}

private let thisFile = #filePath

@Suite struct ComponentLocationTests {
    @Test func declaredAtReportsEveryKindOfPieceAtOneLocation() {
        let here = InfraDSL.SourceLocation(file: "Sources/Stacks/Team.swift", line: 12)
        let group = Group {
            Parameter("Name", default: "x")
            Mapping("Regions", ["eu-west-1": ["Ami": "ami-1"]])
            Condition("IsProd", .equals(Fn.ref("Name").cfValue, "prod"))
            RawResource("Topic", type: "AWS::SNS::Topic")
            Output("TopicArn", value: Fn.ref("Topic"))
        }.declared(at: here)
        #expect(group.stackElements.count == 5)
        #expect(group.stackElements.map(location) == Array(repeating: here, count: 5))
    }

    @Test func aDeployRolesMistakeIsReportedAtTheUsersLine() {
        let line = #line; let role = DeployRole(roleName: "deploy role", trusting: "arn:aws:iam::111111111111:role/agent")
        #expect(role.stackElements.map(location) == [InfraDSL.SourceLocation(file: thisFile, line: line), InfraDSL.SourceLocation(file: thisFile, line: line)])
        let errors = App { testStack { role } }.synthesize().diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location) == [InfraDSL.SourceLocation(file: thisFile, line: line)])
        #expect(errors.first?.message.hasPrefix("resource 'DeployRole' (AWS::IAM::Role): RoleName 'deploy role' is invalid") == true)
    }

    @Test func everyStackAndPieceOfAJenkinsAgentCloudIsAtTheUsersLine() {
        let tooling = Account("tooling", id: "111111111111", region: "eu-west-1")
        func template(_ id: String) -> AgentTemplate { AgentTemplate(target: Account("t\(id.prefix(1))", id: id, region: "eu-west-1"), image: "agent:1") }
        let line = #line; let cloud = JenkinsAgentCloud(
            tooling: tooling, jenkinsUrl: "https://ci.example.com/", launchType: .ec2(),
            templates: PerStage(development: template("222222222222"), test: template("333333333333"), acceptance: template("444444444444"), production: template("555555555555")))
        let here = InfraDSL.SourceLocation(file: thisFile, line: line)
        let stacks = App { cloud }.stacks
        #expect(stacks.count == 5)
        #expect(stacks.allSatisfy { $0.location == here })
        #expect(stacks.allSatisfy { !$0.elements.isEmpty && $0.elements.allSatisfy { location(of: $0) == here } })
    }

    @Test func twoStagesOfAJenkinsAgentCloudDeployingToOneAccountAreFlaggedAtTheTemplatesLine() {
        let tooling = Account("tooling", id: "111111111111", region: "eu-west-1")
        let shared = Account("shared", id: "222222222222", region: "eu-west-1")
        func template(_ account: Account) -> AgentTemplate { AgentTemplate(target: account, image: "agent:1") }
        let line = #line; let templates = PerStage(
            development: template(shared), test: template(Account("test", id: "333333333333", region: "eu-west-1")),
            acceptance: template(Account("acceptance", id: "444444444444", region: "eu-west-1")), production: template(shared))
        let cloud = JenkinsAgentCloud(tooling: tooling, jenkinsUrl: "https://ci.example.com/", launchType: .ec2(), templates: templates)
        let warnings = App { cloud }.synthesize().diagnostics.filter { $0.message.hasPrefix("[STG001]") }
        #expect(warnings.map(\.location) == [InfraDSL.SourceLocation(file: thisFile, line: line)])
        #expect(warnings.first?.message.hasPrefix("[STG001] PerStage: stages development and production both deploy to account 'shared' (222222222222)") == true)
    }
}
