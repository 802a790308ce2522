import Testing
@testable import InfraDSL

/// Error messages with their lines.
private func errors(_ resources: [RawResource]) -> [String] {
    App { testStack { for resource in resources { resource } } }.synthesize().diagnostics.filter { $0.severity == .error }.map { "\($0.location.line): \($0.message)" }
}

/// A `RawResource` of a type the pinned schemas hold is checked against that schema, at its line,
/// without the user importing the type's module (this test target does not import InfraAWSLambda or SQS).
@Suite struct RawSchemaTests {
    @Test func aRawLambdaWithoutItsRoleFailsAtItsLine() {
        let line = #line; let function = RawResource("Fn", type: "AWS::Lambda::Function", properties: ["Code": ["ZipFile": "def h(e, c): pass"], "Runtime": "python3.12", "Handler": "index.h"])
        let found = errors([function])
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("\(line): resource 'Fn' (AWS::Lambda::Function): required property Role is missing") == true, "\(found)")
    }

    @Test func rawValuesMeetTheSchemasRangesAndEnums() {
        let queueLine = #line; let queue = RawResource("Q", type: "AWS::SQS::Queue", properties: ["DelaySeconds": 901])
        let bucketLine = #line; let bucket = RawResource("B", type: "AWS::S3::Bucket", properties: ["AccessControl": "Everyone"])
        let found = errors([queue, bucket])
        #expect(found.contains { $0.hasPrefix("\(queueLine): resource 'Q' (AWS::SQS::Queue): DelaySeconds") && $0.contains("900") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("\(bucketLine): resource 'B' (AWS::S3::Bucket): AccessControl") }, "\(found)")
    }

    @Test func typesOutsideThePinnedSchemasPassUnchecked() {
        #expect(errors([RawResource("C", type: "Custom::Deployer", properties: ["ServiceToken": "arn:aws:lambda:eu-west-1:111111111111:function:x"]),
                        RawResource("M", type: "Acme::Made::Up", properties: ["Anything": 1])]).isEmpty)
        #expect(RegistrySchemas.schema(for: "Acme::Made::Up") == nil)
        #expect(RegistrySchemas.schema(for: "AWS::IAM::Role")?.createOnlyProperties == ["Path", "RoleName"])
    }

    @Test func aValidRawResourceStaysQuiet() {
        #expect(errors([RawResource("Q", type: "AWS::SQS::Queue", properties: ["DelaySeconds": 5, "QueueName": "jobs"])]).isEmpty)
    }
}
