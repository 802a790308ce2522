import Testing
@testable import InfraDSL
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

/// A DSL mistake and the exact diagnostics it must produce, each at the user's line.
struct Mistake: Sendable, CustomTestStringConvertible {
    struct Expected: Equatable, Sendable, CustomStringConvertible {
        var severity: Diagnostic.Severity
        var line: Int
        var message: String
        var noteLine: Int?
        var description: String { "\(line): \(severity.rawValue): \(message)" + (noteLine.map { " (note at \($0))" } ?? "") }
    }

    let name: String
    let make: @Sendable () -> (App, [Expected])
    var testDescription: String { name }

    init(_ name: String, _ make: @escaping @Sendable () -> (App, [Expected])) {
        self.name = name
        self.make = make
    }
}

func error(_ line: Int, _ message: String, note: Int? = nil) -> Mistake.Expected {
    .init(severity: .error, line: line, message: message, noteLine: note)
}

func warning(_ line: Int, _ message: String) -> Mistake.Expected {
    .init(severity: .warning, line: line, message: message)
}

let trust = PolicyDocument { Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: "sts:AssumeRole") }

extension Mistake {
    static let all: [Mistake] = [
        Mistake("a String parameter where an integer is taken") {
            let size = Parameter("Size", default: "5")
            let days = Parameter("Days", type: .number, default: 30)
            let line = #line; let queue = RawResource("Jobs", type: "AWS::SQS::Queue", properties: ["DelaySeconds": size.ref.cfValue, "MessageRetentionPeriod": days.ref.cfValue])
            let typed = #line; let role = IAM.Role("Role", assumeRolePolicyDocument: PolicyDocument {}, maxSessionDuration: size.numberRef)
            return (App { testStack { size; days; queue; role } }, [
                error(line, "resource 'Jobs' (AWS::SQS::Queue): DelaySeconds takes an integer, but parameter 'Size' is declared String; declare it type: .number"),
                error(typed, "resource 'Role' (AWS::IAM::Role): MaxSessionDuration takes an integer, but parameter 'Size' is declared String; declare it type: .number"),
            ])
        },
        Mistake("raw literals of the wrong scalar type, beside CloudFormation's lenient forms") {
            let line = #line; let queue = RawResource("Jobs", type: "AWS::SQS::Queue", properties: [
                "DelaySeconds": "soon", "FifoQueue": "yes", "MaximumMessageSize": "2048", "ContentBasedDeduplication": "true", "VisibilityTimeout": 30.0,
            ])
            return (App { testStack { queue } }, [
                error(line, "resource 'Jobs' (AWS::SQS::Queue): DelaySeconds 'soon' is not an integer; the schema takes an integer"),
                error(line, "resource 'Jobs' (AWS::SQS::Queue): FifoQueue 'yes' is not a boolean; the schema takes a boolean (true or false)"),
            ])
        },
        Mistake("one resource in several stacks, reported once") {
            let line = #line; let queue = RawResource("Jobs", type: "AWS::SQS::Queue", properties: ["DelaySeconds": 901])
            return (App { testStack("one") { queue }; testStack("two") { queue }; testStack("three") { queue } }, [
                error(line, "resource 'Jobs' (AWS::SQS::Queue): DelaySeconds 901 is out of range; the schema allows 0 to 900")
            ])
        },
        Mistake("two resources with one logical ID") {
            let first = #line; let a = topic("Queue")
            let second = #line; let b = topic("Queue")
            return (App { testStack { a; b } }, [
                error(second, "duplicate logical ID 'Queue' in stack 'test'; parameters and resources share one namespace, so rename one", note: first)
            ])
        },
        Mistake("a parameter and a resource with one logical ID") {
            let first = #line; let p = Parameter("Name", default: "x")
            let second = #line; let r = RawResource("Name", type: "AWS::SSM::Parameter", properties: ["Type": "String", "Value": .object(["Ref": "Name"])])
            return (App { testStack { p; r } }, [
                error(second, "duplicate logical ID 'Name' in stack 'test'; parameters and resources share one namespace, so rename one", note: first)
            ])
        },
        Mistake("a logical ID with a hyphen") {
            let line = #line; let r = topic("deploy-role")
            return (App { testStack { r } }, [
                error(line, "resource logical ID 'deploy-role' is invalid; use 1 to 255 letters and digits (A-Z, a-z, 0-9)")
            ])
        },
        Mistake("a stack name starting with a digit") {
            let line = #line; let stack = Stack("1-jenkins", account: "111111111111", region: "eu-west-1") { topic("T") }
            return (App { stack }, [
                error(line, "stack name '1-jenkins' is invalid; use 1 to 128 characters: a letter, then letters, digits and hyphens")
            ])
        },
        Mistake("an account ID that is not 12 digits") {
            let line = #line; let stack = Stack("s", account: "11111111111", region: "eu-west-1") { topic("T") }
            return (App { stack }, [error(line, "stack 's': account '11111111111' is not a 12-digit AWS account ID")])
        },
        Mistake("a region that is not one") {
            let line = #line; let stack = Stack("s", account: "111111111111", region: "Ireland") { topic("T") }
            return (App { stack }, [error(line, "stack 's': region 'Ireland' is not an AWS region name such as 'eu-west-1'")])
        },
        Mistake("a stack without resources") {
            let line = #line; let stack = Stack("s", account: "111111111111", region: "eu-west-1") {}
            return (App { stack }, [error(line, "stack 's' has no resources; CloudFormation requires at least one")])
        },
        Mistake("two stacks with one name") {
            let first = #line; let a = testStack("same") { topic("T") }
            let second = #line; let b = testStack("same") { topic("T") }
            return (App { a; b }, [
                error(second, "duplicate stack name 'same'; each stack needs its own name, which also names its template file", note: first)
            ])
        },
        Mistake("a parameter used but not added to the stack") {
            let account = Parameter("TargetAccountX")
            let line = #line; let role = IAM.Role("Agent", assumeRolePolicyDocument: trust, roleName: "agent-\(account)")
            return (App { testStack { role } }, [
                error(line, "resource 'Agent' refers to 'TargetAccountX', which is not a parameter, resource or pseudo parameter of stack 'test'; add it to the stack's body or fix the name")
            ])
        },
        Mistake("an attribute of a resource in another stack") {
            let otherRole = IAM.Role("Elsewhere", assumeRolePolicyDocument: trust)
            let line = #line; let output = Output("RoleArn", value: otherRole.arn)
            return (App { testStack { topic("T"); output } }, [
                error(line, "output 'RoleArn' reads an attribute of 'Elsewhere', which is not a resource of stack 'test'; add the resource to the stack's body or fix the name")
            ])
        },
        Mistake("a misspelled placeholder in Fn::Sub") {
            let line = #line; let r = topic("T").property("TopicName", Fn.sub("${AWS::StackName}-${Stag}-${!Literal}"))
            return (App { testStack { r } }, [
                error(line, "resource 'T' refers to 'Stag', which is not a parameter, resource or pseudo parameter of stack 'test'; add it to the stack's body or fix the name")
            ])
        },
        Mistake("a condition not added to the stack") {
            let isProd = Condition("IsProd", .equals(AWS.region, "eu-west-1"))
            let line = #line; let r = topic("T").condition(isProd)
            return (App { testStack { r } }, [
                error(line, "resource 'T' uses condition 'IsProd', which is not a condition of stack 'test'; add the Condition to the stack's body")
            ])
        },
        Mistake("a mapping not added to the stack") {
            let sizes = Mapping("Sizes", ["eu-west-1": ["Cpu": 256]])
            let line = #line; let r = topic("T").property("TopicName", sizes.find(AWS.region, "Cpu"))
            return (App { testStack { r } }, [
                error(line, "resource 'T' looks up mapping 'Sizes', which is not a mapping of stack 'test'; add the Mapping to the stack's body")
            ])
        },
        Mistake("a dependency on a resource not in the stack") {
            let line = #line; let r = topic("T").dependsOn(topic("Missing"))
            return (App { testStack { r } }, [
                error(line, "resource 'T' depends on 'Missing', which is not a resource of stack 'test'; remove it from dependsOn")
            ])
        },
        Mistake("a condition that refers to a resource") {
            let line = #line; let c = Condition("HasTopic", .equals(Fn.ref("T"), "x"))
            return (App { testStack { topic("T"); c } }, [
                error(line, "condition 'HasTopic' refers to resource 'T'; conditions may only refer to parameters and pseudo parameters")
            ])
        },
        Mistake("Fn::And with one condition") {
            let line = #line; let c = Condition("Odd", .and([.equals(AWS.region, "eu-west-1")]))
            return (App { testStack { topic("T"); c } }, [error(line, "condition 'Odd': Fn::And takes 2 to 10 conditions, not 1")])
        },
        Mistake("an inline policy without PolicyName (the article's defect)") {
            let line = #line; let role = IAM.Role("DeployRole", assumeRolePolicyDocument: trust)
                .property("Policies", [["PolicyDocument": ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": ["*"], "Resource": ["*"]]]]] as CFValue])
            return (App { testStack { role } }, [
                error(line, "resource 'DeployRole' (AWS::IAM::Role): required property PolicyName is missing in Policies[0]")
            ])
        },
        Mistake("a raw role without a trust policy") {
            let line = #line; let role = RawResource("Raw", type: "AWS::IAM::Role", properties: ["RoleName": "raw"])
            return (App { testStack { role } }, [
                error(line, "resource 'Raw' (AWS::IAM::Role): required property AssumeRolePolicyDocument is missing")
            ])
        },
        Mistake("a role name with a space and the article's typographic quote") {
            let line = #line; let role = IAM.Role("R", assumeRolePolicyDocument: trust, roleName: "\u{201D}deploy role")
            return (App { testStack { role } }, [
                error(line, "resource 'R' (AWS::IAM::Role): RoleName '\u{201D}deploy role' is invalid; use 1 to 64 characters: letters, digits and +=,.@_-")
            ])
        },
        Mistake("MaxSessionDuration below an hour") {
            let line = #line; let role = IAM.Role("R", assumeRolePolicyDocument: trust, maxSessionDuration: 600)
            return (App { testStack { role } }, [
                error(line, "resource 'R' (AWS::IAM::Role): MaxSessionDuration 600 is outside 3600 to 43200 seconds (1 to 12 hours)")
            ])
        },
        Mistake("a trust policy without a principal and a statement without an action") {
            let line = #line; let role = IAM.Role("R", assumeRolePolicyDocument: PolicyDocument { Statement(.allow) })
            return (App { testStack { role } }, [
                error(line, "resource 'R' (AWS::IAM::Role): AssumeRolePolicyDocument.Statement[0] has neither Action nor NotAction; add one"),
                error(line, "resource 'R' (AWS::IAM::Role): AssumeRolePolicyDocument.Statement[0] has no Principal; a trust policy must say who may assume the role"),
            ])
        },
        Mistake("a permission policy without resources") {
            let line = #line; let role = IAM.Role("R", assumeRolePolicyDocument: trust, policies: [.init(policyName: "p", policyDocument: PolicyDocument { Statement(.allow, action: "s3:*") })])
            return (App { testStack { role } }, [
                error(line, "resource 'R' (AWS::IAM::Role): Policies[0].PolicyDocument.Statement[0] has no Resource; a permission policy must say which resources it covers")
            ])
        },
        Mistake("RetentionInDays CloudWatch Logs does not offer") {
            let line = #line; let logs = Logs.LogGroup("Logs", retentionInDays: 31)
            return (App { testStack { logs } }, [
                error(line, "resource 'Logs' (AWS::Logs::LogGroup): RetentionInDays 31 is not one CloudWatch Logs accepts (the nearest is 30); use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")
            ])
        },
        Mistake("a resource type that is not one") {
            let line = #line; let r = RawResource("B", type: "S3::Bucket")
            return (App { testStack { r } }, [
                error(line, "resource 'B' has type 'S3::Bucket', which is not of the form Service::Provider::Type (such as AWS::S3::Bucket)")
            ])
        },
        Mistake("501 resources in one stack") {
            let line = #line; let stack = testStack { for index in 0..<501 { topic("T\(index)") } }
            return (App { stack }, [error(line, "stack 'test' has 501 resources; CloudFormation allows at most 500 — split it into several stacks")])
        },
        Mistake("201 parameters, outputs and mappings") {
            let line = #line; let stack = testStack {
                topic("T")
                for index in 0..<201 {
                    Parameter("P\(index)", default: "x")
                    Output("O\(index)", value: Fn.ref("P\(index)"))
                    Mapping("M\(index)", ["a": ["b": 1]])
                }
            }
            return (App { stack }, [
                error(line, "stack 'test' has 201 parameters; CloudFormation allows at most 200 — split it into several stacks"),
                error(line, "stack 'test' has 201 outputs; CloudFormation allows at most 200 — split it into several stacks"),
                error(line, "stack 'test' has 201 mappings; CloudFormation allows at most 200 — split it into several stacks"),
            ])
        },
        Mistake("a template larger than 51,200 bytes") {
            let line = #line; let stack = testStack { topic("T").property("DisplayName", .string(String(repeating: "x", count: 52_000))) }
            let bytes = JSONWriter.compact(stack.template).utf8.count
            return (App { stack }, [
                error(line, "stack 'test': the template is \(bytes) bytes as compact JSON (what infra sends); CloudFormation accepts at most 51200 bytes in a request body — split the stack, or name an S3 bucket for large templates (up to 1000000 bytes) with App(templateBucket: \"my-templates-{account}-{region}\") or Stack(…, templateBucket: \"…\")")
            ])
        },
        Mistake("a value for a parameter the template lacks") {
            let line = #line; let stack = testStack(parameters: ["Imagee": "x"]) { topic("T") }
            return (App { stack }, [
                error(line, "stack 'test' gives a value for parameter 'Imagee', which its template does not declare; add Parameter(\"Imagee\") to the body or remove the value")
            ])
        },
        Mistake("a secret written into Swift source") {
            let line = #line; let secret = Parameter("Token", noEcho: true)
            let stack = testStack(parameters: ["Token": "hunter2"]) { secret; topic("T").property("DisplayName", secret.ref) }
            return (App { stack }, [
                error(line, "parameter 'Token' is NoEcho, so its value is a secret, but stack 'test' sets it in Swift source; resolve it at deploy time instead (an AWS::SSM::Parameter::Value<String> parameter or a '{{resolve:secretsmanager:…}}' dynamic reference)")
            ])
        },
        Mistake("a parameter value outside AllowedValues, and an unknown type") {
            let line = #line; let stage = Parameter("Stage", allowedValues: ["dev", "prod"])
            let typeLine = #line; let odd = Parameter("Odd", type: "Strng", default: "x")
            let stack = testStack(parameters: ["Stage": "test"]) { stage; odd; topic("T").property("DisplayName", "\(stage)\(odd)") }
            return (App { stack }, [
                error(line, "parameter 'Stage': the value stack 'test' gives it, 'test', is not one of its AllowedValues (dev, prod)"),
                error(typeLine, "parameter 'Odd' has type 'Strng', which CloudFormation does not know; use String, Number, List<Number>, CommaDelimitedList, an AWS-specific type or AWS::SSM::Parameter::Value<…>"),
            ])
        },
        Mistake("an unused parameter without a value (warnings only)") {
            let line = #line; let p = Parameter("Unused")
            return (App { testStack { p; topic("T") } }, [
                warning(line, "parameter 'Unused' has no Default and stack 'test' gives it no value; the deployment must supply one"),
                warning(line, "parameter 'Unused' of stack 'test' is never used; remove it or refer to it"),
            ])
        },
        Mistake("two stacks claiming one IAM role name in the same account") {
            let first = #line; let a = IAM.Role("A", assumeRolePolicyDocument: trust, roleName: "jenkins-deploy")
            let second = #line; let b = IAM.Role("B", assumeRolePolicyDocument: trust, roleName: "jenkins-deploy")
            let sameRegionLogs = Logs.LogGroup("L", logGroupName: "/x", retentionInDays: 7)
            return (App {
                testStack("one") { a; sameRegionLogs }
                Stack("two", account: "111111111111", region: "us-east-1") { b; sameRegionLogs }
            }, [
                error(second, "resource 'B' of stack 'two' names its AWS::IAM::Role 'jenkins-deploy', which resource 'A' of stack 'one' also claims in account 111111111111; the second deployment would fail — give one another name", note: first)
            ])
        },
        Mistake("a container without memory and a reservation above its limit") {
            let line = #line; let task = RawResource("Task", type: "AWS::ECS::TaskDefinition", properties: [
                "ContainerDefinitions": [["Name": "a", "Image": "busybox"], ["Name": "b", "Image": "busybox", "Memory": 256, "MemoryReservation": 512]],
            ])
            return (App { testStack { task } }, [
                error(line, "resource 'Task' (AWS::ECS::TaskDefinition): ContainerDefinitions[0] sets neither Memory nor MemoryReservation, and the task sets no Memory; ECS requires one of them"),
                error(line, "resource 'Task' (AWS::ECS::TaskDefinition): ContainerDefinitions[1].MemoryReservation 512 is greater than its Memory 256; the soft limit must not exceed the hard one"),
            ])
        },
        Mistake("a value outside a typed property's schema enum (generated metadata)") {
            let line = #line; let task = ECS.TaskDefinition("Task", networkMode: "brige")
            return (App { testStack { task } }, [
                error(line, "resource 'Task' (AWS::ECS::TaskDefinition): NetworkMode 'brige' is not one of the values the schema allows: awsvpc, bridge, host, none")
            ])
        },
        Mistake("a name longer than the schema allows, and an enum deep in a list") {
            let name = String(repeating: "a", count: 129)
            let line = #line; let profile = IAM.InstanceProfile("Profile", roles: ["agent"], instanceProfileName: "\(name)")
            let taskLine = #line; let task = ECS.TaskDefinition(
                "Task", containerDefinitions: [.init(image: "busybox", name: "a", memory: 64, portMappings: [.init(containerPort: 80, protocol: "tcpp")])])
            return (App { testStack { profile; task } }, [
                error(line, "resource 'Profile' (AWS::IAM::InstanceProfile): InstanceProfileName '\(String(repeating: "a", count: 77))…' is 129 characters long; the schema allows at most 128"),
                error(taskLine, "resource 'Task' (AWS::ECS::TaskDefinition): ContainerDefinitions[0].PortMappings[0].Protocol 'tcpp' is not one of the values the schema allows: tcp, udp"),
            ])
        },
        Mistake("a number outside the schema's range, and a raw override held to the same schema") {
            let line = #line; let cluster = ECS.Cluster("Cluster", defaultCapacityProviderStrategy: [.init(base: 200_000, capacityProvider: "FARGATE")])
            let rawLine = #line; let task = ECS.TaskDefinition("Task").property("PidMode", "container")
            return (App { testStack { cluster; task } }, [
                error(line, "resource 'Cluster' (AWS::ECS::Cluster): DefaultCapacityProviderStrategy[0].Base 200000 is out of range; the schema allows 0 to 100000"),
                error(rawLine, "resource 'Task' (AWS::ECS::TaskDefinition): PidMode 'container' is not one of the values the schema allows: host, task"),
            ])
        },
    ]
}

@Suite struct DiagnosticsTests {
    @Test(arguments: Mistake.all)
    func mistakeIsReportedAtTheUsersLine(_ mistake: Mistake) {
        let (app, expected) = mistake.make()
        // Lint findings have their own tests (LintTests); these mistakes are about validity.
        let diagnostics = app.synthesize().diagnostics.filter { !$0.message.hasPrefix("[") }
        let actual = diagnostics.map {
            Mistake.Expected(severity: $0.severity, line: $0.location.line, message: $0.message, noteLine: $0.notes.first?.location.line)
        }
        #expect(actual == expected)
        #expect(diagnostics.allSatisfy { $0.location.file == #filePath && $0.notes.allSatisfy { $0.location.file == #filePath } })
    }

    @Test(arguments: [
        ("AWS::S3::Bucket", true), ("Custom::Deployer", true), ("Custom::my_thing@v2-b", true), ("AWS::Org::Mod::MODULE", true),
        ("S3::Bucket", false), ("Custom::", false), ("Custom::a b", false), ("Custom::" + String(repeating: "a", count: 61), false),
    ])
    func resourceTypesAreServiceProviderTypeModulesOrCustom(_ type: String, _ valid: Bool) {
        #expect(StackValidator.isResourceType(type) == valid)
    }

    @Test func thereAreAtLeastTwentyMistakes() {
        #expect(Mistake.all.count >= 20)
    }

    @Test func diagnosticsPrintLikeACompilersRelativeToTheFolder() {
        let diagnostic = Diagnostic(
            .error, "duplicate", at: SourceLocation(file: "/repo/Sources/Stacks/Jenkins.swift", line: 42),
            notes: [.init(message: "first here", location: SourceLocation(file: "/repo/Sources/Stacks/Other.swift", line: 7))])
        #expect(diagnostic.formatted(relativeTo: "/repo") == "Sources/Stacks/Jenkins.swift:42: error: duplicate\nSources/Stacks/Other.swift:7: note: first here")
        #expect(diagnostic.formatted(relativeTo: "/elsewhere").hasPrefix("/repo/Sources/Stacks/Jenkins.swift:42: error: duplicate"))
    }

    @Test func schemaConstraintsNeverJudgeIntrinsicsOrDynamicReferences() {
        let mode = Parameter("Mode", default: "bridge")
        let long = String(repeating: "a", count: 200)
        let task = ECS.TaskDefinition("Task", networkMode: .init(mode.ref), pidMode: .init(Fn.if(Condition("C", .equals(AWS.region, "x")), "host", "task")))
            .property("IpcMode", Fn.sub("${AWS::StackName}"))
        let profile = IAM.InstanceProfile("Profile", roles: ["agent"], instanceProfileName: "\(AWS.stackName)-\(long)")
        let secretName = IAM.InstanceProfile("Secret", roles: ["agent"], instanceProfileName: "{{resolve:ssm:/names/\(long)}}")
        let condition = Condition("C", .equals(AWS.region, "x"))
        let diagnostics = App { testStack { mode; condition; task; profile; secretName } }.synthesize().diagnostics
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // The enumerations stay open: listed values, other literals and tokens all compile.
        let modes: [ECS.TaskDefinition.NetworkMode] = [.awsvpc, "bridge", .init(mode.ref), "\(AWS.region)-mode"]
        #expect(modes.map(\.cfValue) == ["awsvpc", "bridge", ["Ref": "Mode"], ["Fn::Sub": "${AWS::Region}-mode"]])
    }

    @Test func intrinsicValuesAreNotJudgedAsLiterals() {
        let seconds = Parameter("Seconds", type: .number, default: "3600")
        let role = IAM.Role("R", assumeRolePolicyDocument: trust, maxSessionDuration: seconds.ref.as(Int.self), roleName: "\(AWS.stackName)-role")
        #expect(App { testStack { seconds; role } }.synthesize().diagnostics.isEmpty)
    }
}
