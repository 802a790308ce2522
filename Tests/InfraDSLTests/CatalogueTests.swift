import Testing
@testable import InfraDSL
import InfraAWSDynamoDB
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

/// What the generated catalogue adds to a resource beyond its properties: schema facts, open
/// enumerations, typed attributes.
@Suite struct CatalogueTests {
    @Test func schemaFactsRecordTheIdentifierAndWhatReplacesTheResource() throws {
        let role = try #require(IAM.Role.schema)
        #expect(role.typeName == "AWS::IAM::Role")
        #expect(role.primaryIdentifier == ["RoleName"])
        #expect(role.replacesOnChange("RoleName") && role.replacesOnChange("Path"))
        #expect(!role.replacesOnChange("Description") && !role.replacesOnChange("RoleNameSuffix"))
        let taskDefinition = try #require(ECS.TaskDefinition.schema)
        #expect(taskDefinition.replacesOnChange("ContainerDefinitions") && !taskDefinition.replacesOnChange("Tags"))
        // A raw resource of the same type gets the same facts, from the registry file.
        #expect(RawResource("Raw", type: "AWS::IAM::Role").stackElements.allSatisfy {
            if case .resource(let declaration) = $0 { declaration.schema?.constraints == role.constraints && declaration.schema?.createOnlyProperties == role.createOnlyProperties } else { false }
        })
    }

    @Test func openEnumerationsTakeMembersLiteralsAndTokens() {
        let mode = Parameter("Mode")
        let task = ECS.TaskDefinition("Task", networkMode: .awsvpc, pidMode: .init(mode.ref), requiresCompatibilities: ["FARGATE"])
        #expect(CFValue.object(task.typedProperties) == [
            "NetworkMode": "awsvpc", "PidMode": ["Ref": "Mode"], "RequiresCompatibilities": ["FARGATE"],
        ])
        let group = Logs.LogGroup("Logs", logGroupClass: "INFREQUENT_ACCESS")
        #expect(CFValue.object(group.typedProperties) == ["LogGroupClass": "INFREQUENT_ACCESS"])
        let member: Logs.LogGroup.LogGroupClass = .infrequentAccess
        #expect(member == "INFREQUENT_ACCESS")
        #expect(member.rawValue == "INFREQUENT_ACCESS")
        #expect(Logs.LogGroup.LogGroupClass.standard != member)
    }

    /// The generator once read DynamoDB's patched `KeySchema` definition as one struct, so an index's
    /// key schema rendered as an object and cfn-lint failed the template (E3012).
    @Test func aLocalSecondaryIndexKeySchemaRendersAsAList() throws {
        let table = DynamoDB.Table(
            "Table",
            keySchema: [["AttributeName": "pk", "KeyType": "HASH"], ["AttributeName": "sk", "KeyType": "RANGE"]],
            attributeDefinitions: [
                .init(attributeName: "pk", attributeType: "S"), .init(attributeName: "sk", attributeType: "S"),
                .init(attributeName: "at", attributeType: "S"),
            ],
            billingMode: .payPerRequest,
            localSecondaryIndexes: [
                .init(
                    indexName: "byTime",
                    keySchema: [.init(attributeName: "pk", keyType: "HASH"), .init(attributeName: "at", keyType: "RANGE")],
                    projection: .init(projectionType: .keysOnly))
            ])
        let synthesized = App { testStack { table } }.synthesize()
        #expect(synthesized.diagnostics.isEmpty)
        guard case .list(let indexes)? = CFValue.object(table.typedProperties)["LocalSecondaryIndexes"], let index = indexes.first else {
            Issue.record("LocalSecondaryIndexes is not a list")
            return
        }
        #expect(JSONWriter.compact(index) == #"{"IndexName":"byTime","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"at","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}"#)
    }

    @Test func readOnlyPropertiesAreTypedAttributes() {
        let cluster = ECS.Cluster("Cluster")
        let arn: Token<String> = cluster.arn
        #expect(arn.cfValue == ["Fn::GetAtt": ["Cluster", "Arn"]])
        let task = ECS.TaskDefinition("Task")
        #expect(task.taskDefinitionArn.cfValue == ["Fn::GetAtt": ["Task", "TaskDefinitionArn"]])
        let integerWhereDoubleIsExpected: Token<Double> = 3
        #expect(integerWhereDoubleIsExpected.cfValue == 3)
    }
}
