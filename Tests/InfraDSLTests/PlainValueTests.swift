import Testing
@testable import InfraDSL
import InfraAWSDynamoDB
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

/// Issue 13, item 1: plain Swift integers, Booleans and integer lists pass where generated resources
/// take them, beside literals and tokens; strings keep their tokens, so interpolations stay `Fn::Sub`.
@Suite struct PlainValueTests {
    @Test func integerAndBooleanVariablesPassAsTheyAre() {
        let days = 30
        let hours = 2
        let protected = true
        let logs = Logs.LogGroup("Logs", retentionInDays: days)
        let role = IAM.Role("Role", assumeRolePolicyDocument: PolicyDocument {}, maxSessionDuration: hours * 3600)
        let capacity = DynamoDB.Table.ProvisionedThroughput(readCapacityUnits: days, writeCapacityUnits: 5)
        let table = DynamoDB.Table(
            "Table", keySchema: [["AttributeName": "id", "KeyType": "HASH"]], attributeDefinitions: [.init(attributeName: "id", attributeType: "S")],
            deletionProtectionEnabled: protected, provisionedThroughput: capacity)
        #expect(json(CFValue.object(logs.typedProperties)) == #"{"RetentionInDays":30}"#)
        #expect(json(CFValue.object(role.typedProperties)) == #"{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]},"MaxSessionDuration":7200}"#)
        #expect(json(capacity) == #"{"ReadCapacityUnits":30,"WriteCapacityUnits":5}"#)
        #expect(CFValue.object(table.typedProperties)["DeletionProtectionEnabled"] == .bool(true))
    }

    @Test func anIntegerListVariablePassesAndLiteralsAndTokensStillDo() {
        let codes = [1, 137]
        let policy = ECS.TaskDefinition.RestartPolicy(enabled: true, ignoredExitCodes: codes)
        #expect(json(policy) == #"{"Enabled":true,"IgnoredExitCodes":[1,137]}"#)
        let size = Parameter("Size", type: .number)
        let mixed = ECS.TaskDefinition.RestartPolicy(ignoredExitCodes: [1, Fn.ref(size.name, as: Int.self)])
        #expect(json(mixed) == #"{"IgnoredExitCodes":[1,{"Ref":"Size"}]}"#)
    }

    @Test func numberPlacesTakeIntegersDoublesAndTokens() {
        let percent = 12.5
        let steps = Parameter("Steps", type: .number)
        #expect(json(ECS.Service.CanaryConfiguration(canaryBakeTimeInMinutes: 10, canaryPercent: percent)) == #"{"CanaryBakeTimeInMinutes":10,"CanaryPercent":12.5}"#)
        #expect(json(ECS.Service.LinearConfiguration(stepBakeTimeInMinutes: steps.ref, stepPercent: 10)) == #"{"StepBakeTimeInMinutes":{"Ref":"Steps"},"StepPercent":10}"#)
    }

    @Test func intrinsicsStillFitIntegerAndBooleanPlaces() {
        let condition = Condition("Long", .equals(AWS.region, "eu-west-1"))
        let logs = Logs.LogGroup("Logs", retentionInDays: Fn.if(condition, 365, 30))
        #expect(json(CFValue.object(logs.typedProperties)) == #"{"RetentionInDays":{"Fn::If":["Long",365,30]}}"#)
        let days = Parameter("Days", type: .number)
        let fromParameter = Logs.LogGroup("Logs", logGroupName: "\(AWS.stackName)-logs", retentionInDays: Fn.ref(days.name, as: Int.self))
        #expect(json(CFValue.object(fromParameter.typedProperties)) == #"{"LogGroupName":{"Fn::Sub":"${AWS::StackName}-logs"},"RetentionInDays":{"Ref":"Days"}}"#)
    }
}

/// Issue 13, item 2 (in part): parameters and policy IDs in typed places.
@Suite struct TypedParameterTests {
    @Test func numberParametersFitIntegerPlacesAndDefaultsTakeNumbers() {
        let days = Parameter("Days", type: .number, default: 30)
        let enabled = Parameter("Protect", default: true, allowedValues: ["true", "false"])
        let logs = Logs.LogGroup("Logs", retentionInDays: days.numberRef)
        let table = DynamoDB.Table("Table", keySchema: [["AttributeName": "id", "KeyType": "HASH"]], deletionProtectionEnabled: enabled.booleanRef)
        let synthesis = App { testStack { days; enabled; logs; table } }.synthesize()
        #expect(synthesis.diagnostics.filter { $0.severity == .error }.isEmpty, "\(synthesis.diagnostics)")
        #expect(json(days.rendered) == #"{"Type":"Number","Default":"30"}"#)
        #expect(json(enabled.rendered) == #"{"Type":"String","Default":"true","AllowedValues":["true","false"]}"#)
        #expect(json(Parameter("Ratio", type: .number, default: 2.5).rendered) == #"{"Type":"Number","Default":"2.5"}"#)
        #expect(CFValue.object(logs.typedProperties)["RetentionInDays"] == ["Ref": "Days"])
    }

    @Test func aParametersRefAnyIntrinsicAndLenientStringsFitIntegerAndBooleanPlaces() {
        let duration = Parameter("Duration", type: .number, default: 3600)
        let name = Parameter("Name")
        let production = Condition("IsProduction", .equals(AWS.region, "eu-west-1"))
        let role = IAM.Role("Role", assumeRolePolicyDocument: PolicyDocument {}, maxSessionDuration: duration.ref)
        let queue = SQSLikeQueue.make(
            delay: Fn.importValue("shared-delay"), fifo: "true", size: "2048",
            retention: Fn.if(production, 1_209_600, 345_600), dedup: Fn.if(production, true, false))
        let synthesis = App { testStack { duration; name; production; role; queue } }.synthesize()
        #expect(synthesis.diagnostics.filter { $0.severity == .error }.isEmpty, "\(synthesis.diagnostics)")
        #expect(CFValue.object(role.typedProperties)["MaxSessionDuration"] == ["Ref": "Duration"])
        #expect(json(queue.properties) == #"{"ContentBasedDeduplication":{"Fn::If":["IsProduction",true,false]},"DelaySeconds":{"Fn::ImportValue":"shared-delay"},"FifoQueue":"true","MaximumMessageSize":"2048","MessageRetentionPeriod":{"Fn::If":["IsProduction",1209600,345600]}}"#)
        // A String parameter's ref compiles where an integer is taken, and validation refuses it at the line.
        let line = #line; let wrong = IAM.Role("Wrong", assumeRolePolicyDocument: PolicyDocument {}, maxSessionDuration: name.ref)
        let refused = App { testStack { name; wrong } }.synthesize().diagnostics.filter { $0.severity == .error }
        #expect(refused.map(\.location.line) == [line])
        #expect(refused.first?.message == "resource 'Wrong' (AWS::IAM::Role): MaxSessionDuration takes an integer, but parameter 'Name' is declared String; declare it type: .number")
    }

    @Test func aPolicyDocumentsIdTakesAToken() {
        #expect(json(PolicyDocument(id: "\(AWS.stackName)-policy") {}) == #"{"Version":"2012-10-17","Id":{"Fn::Sub":"${AWS::StackName}-policy"},"Statement":[]}"#)
        #expect(json(PolicyDocument(id: "doc") {}) == #"{"Version":"2012-10-17","Id":"doc","Statement":[]}"#)
    }
}

/// Issue 13, item 2 (in part): `Fn.if` with `AWS.noValue()` where a typed struct, tag, policy
/// document or list element is taken.
@Suite struct TypedIntrinsicTests {
    @Test func aConditionalStructListElementTagAndPolicyFitTheirPlaces() {
        let production = Condition("IsProduction", .equals(AWS.region, "eu-west-1"))
        let audit = IAM.Role.Policy(policyName: "audit", policyDocument: PolicyDocument { Statement(.allow, action: "logs:*", resource: "*") })
        let role = IAM.Role(
            "Role", assumeRolePolicyDocument: PolicyDocument {},
            policies: [Fn.if(production, audit, AWS.noValue())],
            tags: [Tag(key: "team", value: "platform"), Fn.if(production, Tag(key: "tier", value: "gold"), AWS.noValue())])
        let properties = CFValue.object(role.typedProperties)
        #expect(json(properties["Policies"]!) == #"[{"Fn::If":["IsProduction",{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]},"PolicyName":"audit"},{"Ref":"AWS::NoValue"}]}]"#)
        #expect(json(properties["Tags"]!) == #"[{"Key":"team","Value":"platform"},{"Fn::If":["IsProduction",{"Key":"tier","Value":"gold"},{"Ref":"AWS::NoValue"}]}]"#)
        let boundary: PolicyDocument = Fn.if(production, PolicyDocument { Statement(.deny, action: "*", resource: "*") }, AWS.noValue())
        #expect(json(boundary) == #"{"Fn::If":["IsProduction",{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]},{"Ref":"AWS::NoValue"}]}"#)
        // A whole conditional struct passes validation: its required properties are CloudFormation's to resolve.
        let diagnostics = App { testStack { production; role } }.synthesize().diagnostics.filter { $0.severity == .error }
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func tokenPlacesKeepTheirIntrinsics() {
        let production = Condition("IsProduction", .equals(AWS.region, "eu-west-1"))
        let index = 1
        let zone = Fn.select(index, Fn.getAZs())
        #expect(json(zone) == #"{"Fn::Select":[1,{"Fn::GetAZs":""}]}"#)
        let name: Token<String> = Fn.if(production, "prod", AWS.noValue())
        #expect(json(name) == #"{"Fn::If":["IsProduction","prod",{"Ref":"AWS::NoValue"}]}"#)
    }
}

/// An SQS queue as a raw resource built from the same value protocols the generated types take
/// (InfraDSLTests does not import InfraAWSSQS).
enum SQSLikeQueue {
    static func make(delay: any IntegerValue, fifo: any BooleanValue, size: any IntegerValue, retention: any IntegerValue, dedup: any BooleanValue) -> RawResource {
        RawResource("Jobs", type: "AWS::SQS::Queue", properties: .object([
            "ContentBasedDeduplication": dedup.cfValue, "DelaySeconds": delay.cfValue, "FifoQueue": fifo.cfValue,
            "MaximumMessageSize": size.cfValue, "MessageRetentionPeriod": retention.cfValue,
        ].sorted { $0.key < $1.key }.map { CFValue.Member($0.key, $0.value) }))
    }
}

