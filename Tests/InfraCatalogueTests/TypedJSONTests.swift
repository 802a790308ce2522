import Testing
import InfraArtifact
@testable import InfraCatalogue

/// The JSON-valued properties the generator types with their real shapes: policy documents by
/// name and shape, objects that may also be their JSON string, shapes the schema leaves out, and
/// string maps.
@Suite struct TypedJSONTests {
    private func schema(_ typeName: String = "AWS::Demo::Widget", properties: String, definitions: String = "{}") throws -> JSONValue {
        try JSONValue.parse("""
            {"typeName": "\(typeName)", "description": "A widget.", "properties": \(properties), "definitions": \(definitions)}
            """)
    }

    private func model(_ json: JSONValue) throws -> ResourceModel {
        var builder = try ResourceBuilder(schema: json)
        return try builder.build()
    }

    private func emit(_ json: JSONValue) throws -> String {
        Emitter(provenance: "test").resourceFile(try model(json))
    }

    private func type(_ model: ResourceModel, _ key: String) -> SwiftType? {
        model.properties.first { $0.key == key }?.type
    }

    @Test func policyDocumentsAreFoundByTheirNameAndFreeFormShape() throws {
        let json = try schema(properties: ##"""
            {"KeyPolicy": {"type": ["object", "string"]},
             "AccessPolicies": {"type": "object"},
             "Untyped": {"$ref": "#/definitions/Holder"},
             "SecurityPolicy": {"type": "string"},
             "RetryPolicy": {"type": "object", "properties": {"Count": {"type": "integer"}}},
             "ScalingPolicy": {"type": "string", "enum": ["A", "B"]},
             "TagPolicy": {"type": "object", "additionalProperties": {"type": "string"}},
             "Content": {"type": "object"}}
            """##,
            definitions: ##"{"Holder": {"type": "object", "properties": {"PolicyDocument": {}}}}"##)
        let model = try model(json)
        #expect(type(model, "KeyPolicy") == .named("PolicyDocument"))
        #expect(type(model, "AccessPolicies") == .named("PolicyDocument"))
        #expect(model.structs.first { $0.name == "Holder" }?.properties.first?.type == .named("PolicyDocument"))
        // Named like a policy but a plain string, a struct, an enumeration or a map; or free-form
        // but not named like one.
        #expect(type(model, "SecurityPolicy") == .token("String"))
        #expect(type(model, "RetryPolicy") == .named("RetryPolicy"))
        #expect(type(model, "ScalingPolicy") == .named("ScalingPolicy"))
        #expect(type(model, "TagPolicy") == .map(.token("String")))
        #expect(type(model, "Content") == .named("CFValue"))
        #expect(model.properties.allSatisfy { !$0.writesJSONString })
        let text = try emit(json)
        #expect(text.contains(#"writer.add("KeyPolicy", keyPolicy)"#))
    }

    /// A schema that takes the document only as a string: typed all the same when the name or the
    /// description says so, and written as the string of its JSON.
    @Test func aStringOnlyPolicyIsADocumentWrittenAsItsJSONString() throws {
        let json = try schema(properties: ##"""
            {"PolicyDocument": {"type": "string", "maxLength": 5120},
             "ModelPolicy": {"type": "string", "description": "The JSON resource-based policy to attach to your model."},
             "TlsPolicy": {"type": "string", "description": "Whether TLS is required."}}
            """##)
        let model = try model(json)
        #expect(type(model, "PolicyDocument") == .named("PolicyDocument"))
        #expect(type(model, "ModelPolicy") == .named("PolicyDocument"))
        #expect(type(model, "TlsPolicy") == .token("String"))
        #expect(model.properties.filter(\.writesJSONString).map(\.key) == ["ModelPolicy", "PolicyDocument"])
        let text = try emit(json)
        #expect(text.contains(#"writer.add("ModelPolicy", modelPolicy?.cfValue.asJSONString)"#))
        #expect(text.contains(#"writer.add("PolicyDocument", policyDocument?.cfValue.asJSONString)"#))
        #expect(text.contains("Written as the string of its JSON: the schema takes only a string."))
        // Validation keeps the schema's own string constraints, which the JSON text must meet.
        #expect(model.constraints.contains(#""PolicyDocument":{"maxLength":5120}"#))
    }

    @Test func listedExceptionsOverruleTheRule() throws {
        let filter = try model(try schema("AWS::SNS::Subscription", properties: ##"{"FilterPolicy": {"type": ["object", "string"]}}"##))
        #expect(type(filter, "FilterPolicy") == .named("CFValue"))
        let content = try model(try schema("AWS::Organizations::ResourcePolicy", properties: ##"{"Content": {"type": ["object", "string"]}}"##))
        #expect(type(content, "Content") == .named("PolicyDocument"))
        let session = try model(try schema("AWS::Transfer::User", properties: ##"{"Policy": {"type": "string"}}"##))
        #expect(session.properties.first?.writesJSONString == true)
    }

    /// `AWS::SQS::Queue`'s `RedrivePolicy`: `type: [object, string]` with the object's properties.
    @Test func anObjectOrItsJSONStringWithPropertiesIsItsStruct() throws {
        let text = try emit(try schema(properties: ##"""
            {"RedrivePolicy": {"type": ["object", "string"], "additionalProperties": false,
               "properties": {"deadLetterTargetArn": {"type": "string"}, "maxReceiveCount": {"type": "integer"}}},
             "Loose": {"type": ["object", "string"]}}
            """##))
        #expect(text.contains("redrivePolicy: RedrivePolicy? = nil"))
        #expect(text.contains("public init(deadLetterTargetArn: Token<String>? = nil, maxReceiveCount: (any IntegerValue)? = nil) {"))
        #expect(text.contains(#"writer.add("maxReceiveCount", maxReceiveCount?.cfValue)"#))
        #expect(text.contains("loose: CFValue? = nil"))
    }

    /// `Overrides.shapes` types `RedriveAllowPolicy` from SQS's documentation, and leaves the
    /// constraints validation checks as the schema has them.
    @Test func aShapeTypesAFreeFormPropertyButNotItsValidation() throws {
        let model = try model(try schema("AWS::SQS::Queue", properties: ##"""
            {"RedriveAllowPolicy": {"type": ["object", "string"], "description": "The redrive-allow policy."}}
            """##))
        #expect(type(model, "RedriveAllowPolicy") == .named("RedriveAllowPolicy"))
        let allow = try #require(model.structs.first { $0.name == "RedriveAllowPolicy" })
        #expect(allow.properties.map(\.key) == ["redrivePermission", "sourceQueueArns"])
        #expect(allow.properties.map(\.isRequired) == [true, false])
        #expect(allow.properties.map(\.type) == [.named("RedrivePermission"), .token("[String]")])
        #expect(allow.enums.first?.values == ["allowAll", "denyAll", "byQueue"])
        #expect(!model.constraints.contains("allowAll"))
        #expect(model.properties.first?.summary == "The redrive-allow policy.")
    }

    @Test func mapsOfStringsAndOfStringListsAreTyped() throws {
        let model = try model(try schema(properties: ##"""
            {"Environment": {"type": "object", "patternProperties": {"[a-zA-Z_][a-zA-Z0-9_]*": {"type": "string", "minLength": 1}, "[\\S\\s]*": {"type": "string", "maxLength": 256}}},
             "Filters": {"type": "object", "patternProperties": {"^[A-Za-z]": {"type": "array", "items": {"type": "string"}}}},
             "Mixed": {"type": "object", "patternProperties": {"^a": {"type": "string"}, "^b": {"type": "integer"}}},
             "Lists": {"type": "object", "patternProperties": {"^a": {"type": "array", "items": {"type": "string"}}, "^b": {"type": "array", "items": {"type": "string"}}}},
             "Nested": {"type": "object", "patternProperties": {"^a": {"type": "object", "patternProperties": {"^b": {"type": "string"}}}}},
             "Anything": {"type": "object", "patternProperties": {"^a": {"type": ["string", "number", "object"]}}}}
            """##))
        #expect(type(model, "Environment") == .map(.token("String")))
        #expect(type(model, "Filters") == .map(.token("[String]")))
        #expect(type(model, "Mixed") == .named("CFValue"))
        #expect(type(model, "Lists") == .named("CFValue"))
        #expect(type(model, "Nested") == .named("CFValue"))
        #expect(type(model, "Anything") == .named("CFValue"))
    }

    /// Lambda's environment variables: any JSON value in the schema, strings in the resource specification.
    @Test func lambdaEnvironmentVariablesAreAStringMap() throws {
        let model = try model(try schema(
            "AWS::Lambda::Function", properties: ##"{"Environment": {"$ref": "#/definitions/Environment"}}"##,
            definitions: ##"""
                {"Environment": {"type": "object", "properties": {"Variables": {"type": "object", "patternProperties":
                   {"[a-zA-Z][a-zA-Z0-9_]+": {"type": ["string", "number", "integer", "object", "array", "boolean"]}}}}}}
                """##))
        let environment = try #require(model.structs.first { $0.name == "Environment" })
        #expect(environment.properties.first?.type == .map(.token("String")))
    }

    @Test func everyShapeIsJSONSchemaText() throws {
        for place in Overrides.shapes.keys.sorted() {
            let shape = try ResourceBuilder.shape(place, over: .object(["description": "Kept."]))
            let shapes = ["properties", "patternProperties", "additionalProperties"].filter { shape[$0]?.members != nil }
            #expect(shapes.count == 1, "\(place): a shape gives the members or the map's values")
            #expect(shape["description"] == "Kept.", "\(place)")
        }
    }
}
