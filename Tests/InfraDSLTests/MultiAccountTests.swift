import Foundation
import Testing
@testable import InfraDSL
@testable import InfraComponents
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

private let tooling = Account("tooling", id: "111111111111", region: "eu-west-1", access: .currentCredentials)
private let development = Account("development", id: "222222222222", region: "eu-west-1", access: .profile("dev"))
private let production = Account("production", id: "555555555555", regions: ["eu-west-1", "eu-central-1"], access: .assumeRole(roleName: "Deployer", externalId: "ext-1"))

@Suite struct AccountAndStageTests {
    @Test func perStageHoldsOneValuePerStageInRolloutOrder() {
        let sizes = PerStage<Stage, Int> { stage in
            switch stage {
            case .development: 1
            case .test: 2
            case .acceptance: 3
            case .production: 4
            }
        }
        #expect(sizes.values.map(\.stage) == [.development, .test, .acceptance, .production])
        #expect(sizes[.production] == 4)
        #expect(PerStage(development: "d", test: "t", acceptance: "a", production: "p")[.acceptance] == "a")
    }

    @Test func userDefinedStagesKeepTheirOrder() {
        enum Ring: String, StageSet { case canary, wave1, everyone }
        let stack = Stack("s", account: tooling, stage: Ring.wave1) { RawResource("T", type: "AWS::SNS::Topic") }
        #expect(stack.stage == StagePlacement(Ring.wave1))
        #expect(App { stack }.synthesize().manifest.stages == ["canary", "wave1", "everyone"])
    }

    @Test func stagesAreInferredFromTheDefaultSetOrFromPerStageAccounts() {
        // The default stages by their short names: `.production`, no `Stage.` needed.
        let stack = Stack("s", account: production, stage: .production) { RawResource("T", type: "AWS::SNS::Topic") }
        #expect(stack.stage == StagePlacement(Stage.production) && stack.accountName == "production")
        // A set of one's own: the PerStage of accounts gives `.everyone` its type, and the account.
        enum Ring: String, StageSet { case canary, wave1, everyone }
        let accounts = PerStage<Ring, Account> { $0 == .canary ? development : production }
        let ring = Stack("r", accounts: accounts, stage: .everyone, region: "eu-central-1") { RawResource("T", type: "AWS::SNS::Topic") }
        #expect(ring.stage == StagePlacement(Ring.everyone))
        #expect(ring.account == "555555555555" && ring.accountName == "production" && ring.region == "eu-central-1")
        #expect(ring.access == production.access)
        let canary = Stack("c", accounts: accounts, stage: .canary) { RawResource("T", type: "AWS::SNS::Topic") }
        #expect(canary.account == "222222222222" && canary.region == "eu-west-1")
        #expect(App { ring; canary }.synthesize().manifest.stages == ["canary", "wave1", "everyone"])
    }

    @Test func accountsGiveTheStackItsIdRegionAndAccess() {
        let stack = Stack("s", account: production, stage: Stage.production) { RawResource("T", type: "AWS::SNS::Topic") }
        #expect(stack.account == "555555555555" && stack.region == "eu-west-1" && stack.accountName == "production")
        let other = Stack("o", account: production, region: "eu-central-1") { RawResource("T", type: "AWS::SNS::Topic") }
        #expect(other.region == "eu-central-1" && other.stage == nil)
    }

    @Test func manifestRecordsAccessStageAndOrder() {
        let app = App {
            Stack("tooling", account: tooling) { RawResource("T", type: "AWS::SNS::Topic") }
            Stack("dev", account: development, stage: Stage.development) { RawResource("T", type: "AWS::SNS::Topic") }
            Stack("prod", account: production, stage: Stage.production) { RawResource("T", type: "AWS::SNS::Topic") }
        }
        let manifest = JSONWriter.compact(app.synthesize().manifest.json)
        #expect(manifest.contains(#""stages":["development","test","acceptance","production"]"#))
        #expect(manifest.contains(#""name":"tooling","account":"111111111111","accountName":"tooling","region":"eu-west-1","stage":null,"access":{"type":"currentCredentials"}"#))
        #expect(manifest.contains(#""stage":"development","access":{"type":"profile","profile":"dev"}"#))
        #expect(manifest.contains(#""access":{"type":"assumeRole","roleArn":"arn:aws:iam::555555555555:role/Deployer","externalId":"ext-1"}"#))
    }

    @Test func twoStageSetsInOneAppAreAnError() {
        enum Other: String, StageSet { case blue, green }
        let first = #line; let a = Stack("a", account: tooling, stage: Stage.test) { RawResource("T", type: "AWS::SNS::Topic") }
        let second = #line; let b = Stack("b", account: tooling, stage: Other.blue) { RawResource("T", type: "AWS::SNS::Topic") }
        let errors = App { a; b }.synthesize().diagnostics
        #expect(errors.map(\.location.line) == [second])
        #expect(errors.first?.message == "stack 'b' uses stages blue → green, but other stacks use development → test → acceptance → production; one app rolls out through one set of stages")
        #expect(errors.first?.notes.first?.location.line == first)
    }
}

@Suite struct CrossStackReferenceTests {
    let network = Stack("network", account: tooling) {
        RawResource("Vpc", type: "AWS::EC2::VPC", properties: ["CidrBlock": "10.0.0.0/16"])
        Output("VpcId", value: Fn.ref("Vpc"))
    }

    @Test func sameAccountAndRegionImportsAStableExport() throws {
        let vpcId = network.output("VpcId")
        let app = App {
            network
            Stack("service", account: tooling) {
                RawResource("Group", type: "AWS::EC2::SecurityGroup", properties: ["GroupDescription": "x", "VpcId": vpcId.cfValue])
            }
        }
        let synthesis = app.synthesize()
        #expect(synthesis.diagnostics.isEmpty)
        let service = try #require(synthesis.stacks.first { $0.stack.name == "service" })
        let producer = try #require(synthesis.stacks.first { $0.stack.name == "network" })
        #expect(JSONWriter.compact(service.stack.template).contains(#""VpcId":{"Fn::ImportValue":"network-VpcId"}"#))
        #expect(JSONWriter.compact(producer.stack.template).contains(#""Outputs":{"VpcId":{"Value":{"Ref":"Vpc"},"Export":{"Name":"network-VpcId"}}}"#))
        #expect(synthesis.manifest.stacks.map(\.dependencies) == [[], ["network"]])
    }

    @Test func anotherAccountGetsADeployerFilledParameter() throws {
        let vpcId = network.output("VpcId")
        let app = App {
            network
            Stack("peer", account: development, stage: Stage.development) {
                RawResource("Topic", type: "AWS::SNS::Topic", properties: ["DisplayName": "vpc \(vpcId)"])
            }
        }
        let synthesis = app.synthesize()
        #expect(synthesis.diagnostics.isEmpty)
        let peer = try #require(synthesis.stacks.first { $0.stack.name == "peer" })
        let template = JSONWriter.compact(peer.stack.template)
        #expect(template.contains(#""Parameters":{"NetworkVpcId":{"Type":"String","Description":"Output VpcId of stack network (account 111111111111, eu-west-1), passed in by the deployer"}}"#))
        // Interpolated, the reference is a Fn::Sub variable, which CloudFormation resolves like any Ref.
        #expect(template.contains(#""DisplayName":{"Fn::Sub":["vpc ${Var1}",{"Var1":{"Ref":"NetworkVpcId"}}]}"#))
        let entry = try #require(synthesis.manifest.stacks.last)
        #expect(entry.dependencies == ["network"])
        #expect(entry.parameters == [.fromOutput(name: "NetworkVpcId", stack: "network", output: "VpcId")])
        #expect(JSONWriter.compact(synthesis.manifest.json).contains(#""parameters":[{"name":"NetworkVpcId","fromOutput":{"stack":"network","output":"VpcId"}}]"#))
    }

    @Test func unknownStacksAndOutputsAreReportedAtTheUse() {
        let missingStack = #line; let a = StackReference("nowhere").output("X")
        let missingOutput = #line; let b = network.output("SubnetId")
        let app = App {
            network
            Stack("user", account: tooling) { RawResource("T", type: "AWS::SNS::Topic", properties: ["A": a.cfValue, "B": b.cfValue]) }
        }
        let diagnostics = app.synthesize().diagnostics
        #expect(diagnostics.map(\.location.line) == [missingStack, missingOutput])
        #expect(diagnostics.map(\.message) == [
            "stack 'user' uses output 'X' of stack 'nowhere', which the app does not declare; add that stack to the App or fix the name",
            "stack 'user' uses output 'SubnetId' of stack 'network', which has no such output; add Output(\"SubnetId\", …) to it (it has VpcId)",
        ])
    }

    @Test func aCycleNamesBothStacksAndLines() {
        let first = #line; let fromB = StackReference("b").output("Out")
        let second = #line; let fromA = StackReference("a").output("Out")
        let app = App {
            Stack("a", account: tooling) { RawResource("T", type: "AWS::SNS::Topic", properties: ["DisplayName": fromB.cfValue]); Output("Out", value: AWS.region) }
            Stack("b", account: tooling) { RawResource("T", type: "AWS::SNS::Topic", properties: ["DisplayName": fromA.cfValue]); Output("Out", value: AWS.region) }
        }
        let diagnostics = app.synthesize().diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "stacks depend on each other in a cycle ('a' → 'b' → 'a'): stack 'a' uses output 'Out' of stack 'b' here; no order can deploy them — move the shared value into one stack or a third")
        #expect(diagnostics.first?.location.line == first)
        #expect(diagnostics.first?.notes == [.init(message: "stack 'b' uses output 'Out' of stack 'a' here", location: SourceLocation(file: #filePath, line: second))])
    }

    @Test func aProducerInALaterStageIsAnError() {
        let producer = Stack("late", account: production, stage: Stage.production) { RawResource("T", type: "AWS::SNS::Topic"); Output("Arn", value: Fn.ref("T")) }
        let line = #line; let arn = producer.output("Arn")
        let app = App {
            producer
            Stack("early", account: development, stage: Stage.development) { RawResource("T", type: "AWS::SNS::Topic", properties: ["DisplayName": arn.cfValue]) }
        }
        let diagnostics = app.synthesize().diagnostics
        #expect(diagnostics.map(\.location.line) == [line])
        #expect(diagnostics.first?.message == "stack 'early' (stage development) uses output 'Arn' of stack 'late', which rolls out later (stage production); move one of them")
    }
}

@Suite struct JenkinsAgentCloudTests {
    func cloud(_ launchType: AgentLaunchType) -> JenkinsAgentCloud<Stage> {
        func template(_ account: Account) -> AgentTemplate {
            AgentTemplate(target: account, image: "agent:1", memory: 4096, permissions: PolicyDocument {
                Statement(.allow, action: "cloudformation:*", resource: "*")
            }, secrets: account.name == "production" ? ["NPM_TOKEN": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:npm"] : [:])
        }
        let accounts = [Account("d", id: "222222222222", region: "eu-west-1"), Account("t", id: "333333333333", region: "eu-west-1"),
                        Account("a", id: "444444444444", region: "eu-west-1"), Account("production", id: "555555555555", region: "eu-west-1")]
        return JenkinsAgentCloud(
            tooling: tooling, jenkinsUrl: "https://ci.example.com/", launchType: launchType,
            templates: PerStage(development: template(accounts[0]), test: template(accounts[1]), acceptance: template(accounts[2]), production: template(accounts[3])))
    }

    func synthesize(_ cloud: JenkinsAgentCloud<Stage>) -> Synthesis { App { cloud }.synthesize() }

    /// The resolved JSON of every stack, by name.
    func templates(_ synthesis: Synthesis) throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for stack in synthesis.stacks {
            result[stack.stack.name] = try JSONSerialization.jsonObject(with: Data(stack.template.utf8)) as? [String: Any]
        }
        return result
    }

    @Test func oneDeclarationYieldsAToolingStackAndFourTargetStacksAndTwoJenkinsFiles() {
        let synthesis = synthesize(cloud(.ec2()))
        #expect(synthesis.diagnostics.map(\.description) == [])
        #expect(synthesis.stacks.map { "\($0.stack.name)@\($0.stack.account)/\($0.stack.stage?.name ?? "-")" } == [
            "jenkins-agent-cloud@111111111111/-",
            "jenkins-agent-cloud-deploy-development@222222222222/development",
            "jenkins-agent-cloud-deploy-test@333333333333/test",
            "jenkins-agent-cloud-deploy-acceptance@444444444444/acceptance",
            "jenkins-agent-cloud-deploy-production@555555555555/production",
        ])
        #expect(synthesis.extraFiles.map(\.path) == ["jenkins/jenkins-agent-cloud.casc.yaml", "jenkins/jenkins-agent-cloud.Jenkinsfile"])
    }

    @Test func everyDeployRoleTrustsExactlyItsAgentsTaskRoleAndEveryTaskRoleAssumesExactlyOneDeployRole() throws {
        let all = try templates(synthesize(cloud(.ec2())))
        let toolingResources = try #require(all["jenkins-agent-cloud"]?["Resources"] as? [String: [String: Any]])
        for (stage, account) in [("development", "222222222222"), ("test", "333333333333"), ("acceptance", "444444444444"), ("production", "555555555555")] {
            let deployResources = try #require(all["jenkins-agent-cloud-deploy-\(stage)"]?["Resources"] as? [String: [String: Any]])
            #expect(deployResources.count == 1)
            let trust = try #require((deployResources["DeployRole"]?["Properties"] as? [String: Any])?["AssumeRolePolicyDocument"] as? [String: Any])
            let statements = try #require(trust["Statement"] as? [[String: Any]])
            #expect(statements.count == 1)
            #expect(statements[0]["Principal"] as? [String: String] == ["AWS": "arn:aws:iam::111111111111:root"])
            #expect(statements[0]["Condition"] as? [String: [String: String]] == ["ArnEquals": ["aws:PrincipalArn": "arn:aws:iam::111111111111:role/jenkins-agent-cloud-\(stage)"]])

            let suffix = stage.prefix(1).uppercased() + stage.dropFirst()
            let taskRole = try #require(toolingResources["TaskRole\(suffix)"]?["Properties"] as? [String: Any])
            #expect(taskRole["RoleName"] as? String == "jenkins-agent-cloud-\(stage)")
            let policies = try #require(taskRole["Policies"] as? [[String: Any]])
            let grants = policies.flatMap { (($0["PolicyDocument"] as? [String: Any])?["Statement"] as? [[String: Any]]) ?? [] }
            #expect(grants.count == 1)
            #expect(grants[0]["Action"] as? String == "sts:AssumeRole")
            #expect(grants[0]["Resource"] as? String == "arn:aws:iam::\(account):role/jenkins-deploy")
            let container = try #require(((toolingResources["TaskDefinition\(suffix)"]?["Properties"] as? [String: Any])?["ContainerDefinitions"] as? [[String: Any]])?.first)
            let environment = (container["Environment"] as? [[String: Any]]) ?? []
            #expect(environment.contains { $0["Name"] as? String == "DEPLOY_ROLE" && $0["Value"] as? String == "arn:aws:iam::\(account):role/jenkins-deploy" })
        }
    }

    @Test func cascUsesOnlyKeysThePluginBinds() throws {
        let reference = try String(contentsOf: testReference.appendingPathComponent("jenkins/JCASC-REFERENCE.md"), encoding: .utf8)
        // Keys are the first column of the reference's tables: | `key` | …
        var bound = Set<String>()
        for line in reference.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for key in cell.split(separator: "/") {
                bound.insert(key.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")))
            }
        }
        #expect(bound.contains("taskDefinitionOverride") && bound.contains("jenkinsUrl"))
        for launchType in [AgentLaunchType.ec2(), .fargate(subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"], platformVersion: "LATEST")] {
            let casc = try #require(synthesize(cloud(launchType)).extraFiles.first { $0.path.hasSuffix(".casc.yaml") }).contents
            let keys = casc.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> String? in
                let trimmed = line.drop { $0 == " " || $0 == "-" }
                guard let colon = trimmed.firstIndex(of: ":") else { return nil }
                return String(trimmed[..<colon])
            }
            let structural: Set<String> = ["jenkins", "clouds", "ecs", "templates"]
            #expect(Set(keys).subtracting(structural).subtracting(bound) == [])
            for required in ["jenkinsUrl", "regionName", "cluster", "label", "templateName", "taskDefinitionOverride", "launchType"] {
                #expect(keys.contains(required))
            }
            #expect(keys.contains("subnets") == launchType.isFargate && keys.contains("securityGroups") == launchType.isFargate)
        }
    }

    @Test func fargateUsesAwsvpcTaskSizesAndAnExecutionRole() throws {
        let synthesis = synthesize(cloud(.fargate(subnets: ["subnet-1"], securityGroups: ["sg-1"])))
        #expect(synthesis.diagnostics.map(\.description) == [])
        let all = try templates(synthesis)
        let resources = try #require(all["jenkins-agent-cloud"]?["Resources"] as? [String: [String: Any]])
        let task = try #require(resources["TaskDefinitionProduction"]?["Properties"] as? [String: Any])
        #expect(task["NetworkMode"] as? String == "awsvpc")
        #expect(task["RequiresCompatibilities"] as? [String] == ["FARGATE"])
        #expect(task["Cpu"] as? String == "2048" && task["Memory"] as? String == "4096")
        #expect(task["ExecutionRoleArn"] as? [String: [String]] == ["Fn::GetAtt": ["AgentExecutionRole", "Arn"]])
        let container = try #require((task["ContainerDefinitions"] as? [[String: Any]])?.first)
        #expect(container["Secrets"] as? [[String: String]] == [["Name": "NPM_TOKEN", "ValueFrom": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:npm"]])
    }

    @Test func theControllerMayRunOnlyThisCloudsAgentsAndPassOnlyTheirRoles() throws {
        let all = try templates(synthesize(cloud(.fargate(subnets: ["subnet-1"], securityGroups: ["sg-1"]))))
        let resources = try #require(all["jenkins-agent-cloud"]?["Resources"] as? [String: [String: Any]])
        let policy = try #require(resources["ControllerPolicy"]?["Properties"] as? [String: Any])
        #expect(policy["ManagedPolicyName"] as? String == "jenkins-agent-cloud-controller")
        let statements = try #require((policy["PolicyDocument"] as? [String: Any])?["Statement"] as? [[String: Any]])
        let bySid = Dictionary(uniqueKeysWithValues: statements.map { ($0["Sid"] as? String ?? "", $0) })
        #expect(bySid["RunAgentTasks"]?["Resource"] as? [String] == ["development", "test", "acceptance", "production"].map {
            "arn:aws:ecs:eu-west-1:111111111111:task-definition/jenkins-agent-cloud-\($0):*"
        })
        #expect(bySid["PassOnlyTheAgentRoles"]?["Resource"] as? [String] == ["development", "test", "acceptance", "production"].map {
            "arn:aws:iam::111111111111:role/jenkins-agent-cloud-\($0)"
        } + ["arn:aws:iam::111111111111:role/jenkins-agent-cloud-execution"])
        #expect(bySid["PassOnlyTheAgentRoles"]?["Condition"] as? [String: [String: String]] == ["StringEquals": ["iam:PassedToService": "ecs-tasks.amazonaws.com"]])
    }

    @Test func jenkinsfileAssumesTheRoleOnTheAgentNeverWithAWS() throws {
        let jenkinsfile = try #require(synthesize(cloud(.ec2())).extraFiles.first { $0.path.hasSuffix(".Jenkinsfile") }).contents
        #expect(!jenkinsfile.contains("withAWS("))
        #expect(jenkinsfile.components(separatedBy: "agent { label 'deploy-").count == 5)
        #expect(jenkinsfile.components(separatedBy: "aws sts assume-role --role-arn \"$DEPLOY_ROLE\"").count == 5)
        #expect(!jenkinsfile.contains("set -x"))
    }
}
