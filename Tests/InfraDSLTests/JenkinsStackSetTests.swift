import Foundation
import Testing
@testable import InfraDSL
@testable import InfraComponents
@testable import Stacks

/// `JenkinsAgentCloud(deployRoles: .stackSet(…))`: the deploy roles of all target accounts in one
/// StackSet, each account's role trusting only its own stage's agent task role, as the per-stage stacks do.
@Suite struct JenkinsStackSetTests {
    /// This package's own cloud (Sources/Stacks), with its deploy roles rolled out as `rollout` says.
    func cloud(_ rollout: DeployRoleRollout) -> JenkinsAgentCloud<Stage> {
        var cloud = jenkinsAgentCloud
        cloud.deployRoles = rollout
        return cloud
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A resource's property as compact JSON, for exact comparison across templates.
    func property(_ template: [String: Any], _ resource: String, _ name: String) throws -> String {
        let resources = try #require(template["Resources"] as? [String: Any])
        let properties = try #require((resources[resource] as? [String: Any])?["Properties"] as? [String: Any])
        let value = try #require(properties[name])
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
    }

    @Test func oneSelfManagedSetHoldsEveryStagesRoleWithTheSameTrust() throws {
        let perStage = App { cloud(.stackPerStage) }.synthesize()
        let asSet = App { cloud(.stackSet()) }.synthesize()
        #expect(!asSet.hasErrors, "\(asSet.diagnostics)")
        // The tooling stack is unchanged; the per-stage stacks are gone, one set holds the roles.
        #expect(asSet.stacks.map(\.stack.name) == ["jenkins-agent-cloud"])
        #expect(asSet.stacks[0].template == perStage.stacks[0].template)
        let entry = try #require(asSet.manifest.stackSets.first)
        #expect(entry.name == "jenkins-agent-cloud-deploy-roles")
        #expect(entry.stack.account == Accounts.tooling.id && entry.stack.stage == nil)
        #expect(entry.stack.capabilities == ["CAPABILITY_NAMED_IAM"])
        #expect(entry.permissions == .selfManaged(administrationRoleARN: nil, executionRoleName: nil))
        let stages = jenkinsAgentCloud.templates.values
        #expect(entry.instances == stages.map { Manifest.Instance(target: $0.value.target.id, region: $0.value.target.region) })
        let template = try object(try #require(asSet.stackSets.first).template)
        let conditions = try #require(template["Conditions"] as? [String: Any])
        for (stage, agent) in stages {
            let suffix = JenkinsAgentCloud<Stage>.logicalSuffix(stage.rawValue)
            let own = try object(try #require(perStage.stacks.first { $0.stack.name == jenkinsAgentCloud.deployRoleStackName(stage) }).template)
            // Byte for byte the trust and permissions of the stage's own stack: only the stage's task role may assume it.
            for name in ["AssumeRolePolicyDocument", "Policies", "RoleName", "MaxSessionDuration"] {
                #expect(try property(template, "DeployRole\(suffix)", name) == property(own, "DeployRole", name), "\(stage) \(name)")
            }
            #expect(try property(template, "DeployRole\(suffix)", "AssumeRolePolicyDocument").contains(#"arn:aws:iam::111111111111:role/jenkins-agent-cloud-\#(stage.rawValue)""#))
            // …and it exists only in the stage's own target account.
            let resources = try #require(template["Resources"] as? [String: Any])
            #expect((resources["DeployRole\(suffix)"] as? [String: Any])?["Condition"] as? String == "In\(suffix)Account")
            let condition = try #require(conditions["In\(suffix)Account"])
            let expected: [String: Any] = ["Fn::Equals": [["Ref": "AWS::AccountId"], agent.target.id]]
            #expect(NSDictionary(dictionary: try #require(condition as? [String: Any])).isEqual(to: expected))
        }
        #expect(try #require(template["Resources"] as? [String: Any]).count == stages.count)
    }

    @Test func aServiceManagedSetTargetsTheGivenOUs() throws {
        let synthesis = App {
            cloud(.stackSet(
                name: "deploy-roles", permissions: .serviceManaged(autoDeployment: .enabled(retainStacksOnAccountRemoval: false)),
                organizationalUnits: ["ou-ab12-cdef3456"], preferences: StackSetPreferences(maxConcurrent: .percentage(100), failureTolerance: .count(0))))
        }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        let entry = try #require(synthesis.manifest.stackSets.first)
        #expect(entry.name == "deploy-roles")
        #expect(entry.targets == [Manifest.Target(organizationalUnits: ["ou-ab12-cdef3456"], regions: ["eu-west-1"])])
        #expect(entry.preferences == Manifest.OperationPreferences(maxConcurrent: .percentage(100), failureTolerance: .count(0)))
        #expect(try Manifest.parse(Array(synthesis.files.last!.contents.utf8)) == synthesis.manifest)
    }

    @Test func aMistakeInTheSetIsReportedAtTheCloudsLine() {
        let line = #line + 1
        let synthesis = App { JenkinsAgentCloud(tooling: jenkinsAgentCloud.tooling, jenkinsUrl: "https://jenkins.example.com/", launchType: .ec2(), templates: jenkinsAgentCloud.templates, deployRoles: .stackSet(permissions: .serviceManaged())) }.synthesize()
        let errors = synthesis.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location.line == line)
        #expect(errors.first?.message.contains("a target names no account or organizational unit") == true)
    }

    @Test func twoStagesInOneAccountAreRefusedAtTheCloudsLine() {
        var templates = jenkinsAgentCloud.templates
        templates.values[1].value.target = templates.values[0].value.target
        let line = #line + 1
        let cloud = JenkinsAgentCloud(tooling: jenkinsAgentCloud.tooling, jenkinsUrl: "https://jenkins.example.com/", launchType: .ec2(), templates: templates, deployRoles: .stackSet())
        let errors = App { cloud }.synthesize().diagnostics.filter { $0.severity == .error }
        // One account gets one instance: two stages' roles there would share it.
        #expect(errors.map(\.message) == ["StackSet 'jenkins-agent-cloud-deploy-roles': the target names '222222222222' twice; name each account or OU once"])
        #expect(errors.first?.location.line == line)
    }
}
