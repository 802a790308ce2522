import Testing
@testable import InfraDSL
import InfraAWSIAM
import InfraAWSLogs

@Suite struct RenderingTests {
    @Test func writerEscapesOnlyWhatJSONRequires() {
        let value: CFValue = ["path": "/ecs/jenkins-agents", "quote": "a\"b\\c", "control": "line\nnext\ttab\u{01}", "text": "café ✓"]
        #expect(JSONWriter.compact(value) == #"{"path":"/ecs/jenkins-agents","quote":"a\"b\\c","control":"line\nnext\ttab\u0001","text":"café ✓"}"#)
    }

    @Test func writerIndentsTwoSpacesAndEndsWithANewline() {
        let value: CFValue = ["a": [1, 2], "b": [:], "c": []]
        #expect(JSONWriter.write(value) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}\n")
    }

    @Test func numbersUseOneFormEverywhere() {
        #expect(JSONWriter.compact([.double(2.0), .double(0.5), .double(1e-7), .int(-3)]) == "[2,0.5,1e-07,-3]")
    }

    @Test func sectionsComeInConventionalOrderWhateverTheBodyOrder() {
        let stage = Parameter("Stage", default: "dev")
        let isProd = Condition("IsProd", .equals(stage.ref, "prod"))
        let map = Mapping("Sizes", ["dev": ["Cpu": 256]])
        let queue = RawResource("Queue", type: "AWS::SQS::Queue")
        let stack = Stack("s", account: "111111111111", region: "eu-west-1", description: "d") {
            Output("QueueUrl", value: queue.ref)
            queue
            isProd
            map
            stage
        }
        guard case .object(let members) = stack.template else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["Description", "Parameters", "Mappings", "Conditions", "Resources", "Outputs"])
    }

    @Test func resourceAttributesRenderInConventionalOrder() {
        let isProd = Condition("IsProd", .equals(AWS.region, "eu-west-1"))
        let first = RawResource("First", type: "AWS::SNS::Topic")
        let second = RawResource("Second", type: "AWS::SQS::Queue", properties: ["DelaySeconds": 5])
            .updateReplacePolicy(.retain)
            .deletionPolicy(.retain)
            .metadata(["Note": "kept"])
            .dependsOn(first)
            .condition(isProd)
            .attribute("UpdatePolicy", ["AutoScalingReplacingUpdate": ["WillReplace": true]])
        #expect(json(second.stackElements.first.map { element -> CFValue in
            if case .resource(let declaration) = element { return declaration.rendered }
            return .null
        }!) == #"{"Type":"AWS::SQS::Queue","Condition":"IsProd","DependsOn":"First","Properties":{"DelaySeconds":5},"Metadata":{"Note":"kept"},"DeletionPolicy":"Retain","UpdateReplacePolicy":"Retain","UpdatePolicy":{"AutoScalingReplacingUpdate":{"WillReplace":true}}}"#)
    }

    @Test func parametersRenderEverySection() {
        let parameter = Parameter(
            "Size", type: .number, description: "How big", default: "2", allowedValues: ["1", "2"],
            allowedPattern: "[0-9]+", minValue: 1, maxValue: 2.5, noEcho: true, constraintDescription: "1 or 2")
        #expect(json(parameter.rendered)
            == #"{"Type":"Number","Description":"How big","Default":"2","AllowedValues":["1","2"],"AllowedPattern":"[0-9]+","MinValue":1,"MaxValue":2.5,"NoEcho":true,"ConstraintDescription":"1 or 2"}"#)
        #expect(ParameterType.ssmValue(.list(of: .subnetId)).rawValue == "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>")
        #expect(ParameterType.ssmValue().isKnown && ParameterType.list(of: .vpcId).isKnown && !ParameterType("Strin").isKnown)
    }

    @Test func outputsRenderExportsAndConditions() {
        let isProd = Condition("IsProd", .equals(AWS.region, "eu-west-1"))
        let output = Output("RoleArn", value: AWS.stackId, description: "ARN", exportName: "\(AWS.stackName)-RoleArn", condition: isProd)
        #expect(json(output.rendered) == #"{"Description":"ARN","Condition":"IsProd","Value":{"Ref":"AWS::StackId"},"Export":{"Name":{"Fn::Sub":"${AWS::StackName}-RoleArn"}}}"#)
    }

    @Test func rawPropertyOverridesReplaceTypedOnesInPlaceOrAppend() {
        let group = Logs.LogGroup("Logs", logGroupName: "/a", retentionInDays: 7)
            .property("RetentionInDays", 14)
            .property("NewProperty", "x")
        guard case .resource(let declaration) = group.stackElements[0] else { Issue.record("not a resource"); return }
        #expect(json(CFValue.object(declaration.properties)) == #"{"LogGroupName":"/a","RetentionInDays":14,"NewProperty":"x"}"#)
    }

    @Test func generatingTwiceGivesIdenticalBytes() {
        let make = {
            App {
                testStack {
                    Mapping("M", ["z": ["b": 1, "a": 2], "a": ["y": 3]])
                    Logs.LogGroup("Logs", retentionInDays: 30)
                }
            }.synthesize().files.map(\.contents)
        }
        #expect(make() == make())
        #expect(make()[0].contains(#""a": {\#n        "y": 3"#))
    }

    @Test func capabilitiesFollowTheIAMResources() {
        let unnamed = IAM.Role("R", assumeRolePolicyDocument: PolicyDocument {})
        let named = IAM.Role("N", assumeRolePolicyDocument: PolicyDocument {}, roleName: "n")
        #expect(testStack { topic("T") }.requiredCapabilities == [])
        #expect(testStack { unnamed }.requiredCapabilities == ["CAPABILITY_IAM"])
        #expect(testStack { unnamed; named }.requiredCapabilities == ["CAPABILITY_NAMED_IAM"])
        #expect(testStack { RawResource("U", type: "AWS::IAM::User", properties: ["UserName": "u"]) }.requiredCapabilities == ["CAPABILITY_NAMED_IAM"])
    }
}
