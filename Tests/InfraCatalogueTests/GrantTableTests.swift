import Testing
import InfraArtifact
@testable import InfraCatalogue

/// The grant table in, grant helpers out: only the table's types get a file, and the table's
/// attributes must exist in the type's schema.
@Suite struct GrantTableTests {
    private func model(_ typeName: String, readOnly: [String]) throws -> ResourceModel {
        let properties = readOnly.map { "\"\($0)\": {\"type\": \"string\"}" }.joined(separator: ", ")
        let pointers = readOnly.map { "\"/properties/\($0)\"" }.joined(separator: ", ")
        var builder = try ResourceBuilder(schema: try JSONValue.parse("""
            {"typeName": "\(typeName)", "description": "A thing.", "properties": {\(properties)}, "readOnlyProperties": [\(pointers)]}
            """))
        return try builder.build()
    }

    @Test func aTableTypeGetsItsMethodsOnItsTypedAttributes() throws {
        let files = try Grants.files(try model("AWS::SQS::Queue", readOnly: ["Arn", "QueueUrl"]), fileName: "Queue", header: "// header\n")
        #expect(files.map(\.path) == ["Queue+Grants.swift"])
        let text = try #require(files.first?.contents)
        #expect(text.hasPrefix("// header\n\nimport InfraDSL\n\nextension SQS.Queue {\n"))
        #expect(text.contains("    public func grantSendMessages(to grantee: some Grantee, file: String = #filePath, line: Int = #line) -> Grant {\n"))
        #expect(text.contains(#".init(actions: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"], resources: [arn]),"#))
        #expect(text.contains("public func grantConsumeMessages("))
    }

    @Test func suffixedArnsAreInterpolatedAndCombinedMethodsShareStatementsPerResource() throws {
        let text = try #require(try Grants.files(try model("AWS::S3::Bucket", readOnly: ["Arn"]), fileName: "Bucket", header: "").first?.contents)
        #expect(text.contains(#".init(actions: ["s3:GetObject"], resources: ["\(arn)/*"]),"#))
        #expect(text.contains(#".init(actions: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"], resources: ["\(arn)/*"]),"#))
    }

    @Test func identitiesConformToGranteeAndOtherTypesGetNothing() throws {
        let role = try Grants.files(try model("AWS::IAM::Role", readOnly: ["Arn"]), fileName: "Role", header: "")
        #expect(role.map(\.path) == ["Role+Grantee.swift"])
        #expect(role.first?.contents.contains("extension IAM.Role: Grantee {}") == true)
        #expect(try Grants.files(try model("AWS::SQS::QueuePolicy", readOnly: ["Id"]), fileName: "QueuePolicy", header: "").isEmpty)
    }

    @Test func anAttributeTheSchemaLacksFailsGeneration() throws {
        #expect(throws: GeneratorError.self) {
            try Grants.files(try model("AWS::SQS::Queue", readOnly: ["QueueUrl"]), fileName: "Queue", header: "")
        }
    }
}
