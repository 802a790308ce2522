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

    @Test func intrinsicsStillFitIntegerAndBooleanPlaces() {
        let condition = Condition("Long", .equals(AWS.region, "eu-west-1"))
        let logs = Logs.LogGroup("Logs", retentionInDays: Fn.if(condition, 365, 30))
        #expect(json(CFValue.object(logs.typedProperties)) == #"{"RetentionInDays":{"Fn::If":["Long",365,30]}}"#)
        let days = Parameter("Days", type: .number)
        let fromParameter = Logs.LogGroup("Logs", logGroupName: "\(AWS.stackName)-logs", retentionInDays: Fn.ref(days.name, as: Int.self))
        #expect(json(CFValue.object(fromParameter.typedProperties)) == #"{"LogGroupName":{"Fn::Sub":"${AWS::StackName}-logs"},"RetentionInDays":{"Ref":"Days"}}"#)
    }
}
