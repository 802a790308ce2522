import Foundation
import Testing
import InfraArtifact
@testable import InfraCatalogue

/// Schema fragments in, Swift text out: the generator's rules one at a time.
@Suite struct GeneratorTests {
    /// A resource schema around `properties` and `definitions`.
    private func schema(
        _ typeName: String = "AWS::Demo::Widget", properties: String, definitions: String = "{}", required: String = "[]",
        extra: String = ""
    ) throws -> JSONValue {
        try JSONValue.parse("""
            {"typeName": "\(typeName)", "description": "A widget. It does things.", "properties": \(properties),
             "definitions": \(definitions), "required": \(required)\(extra)}
            """)
    }

    private func emit(_ json: JSONValue) throws -> String {
        var builder = try ResourceBuilder(schema: json)
        return Emitter(provenance: "test").resourceFile(try builder.build())
    }

    private func model(_ json: JSONValue) throws -> ResourceModel {
        var builder = try ResourceBuilder(schema: json)
        return try builder.build()
    }

    // MARK: - Naming

    @Test(arguments: [
        ("RoleName", "roleName"), ("EFSVolumeConfiguration", "efsVolumeConfiguration"), ("IAM", "iam"),
        ("FSxWindowsFileServerVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration"), ("IPv6Address", "ipv6Address"),
        ("S3BucketName", "s3BucketName"), ("SizeInGiB", "sizeInGiB"), ("awslogs-group", "awslogsGroup"), ("KmsKeyId", "kmsKeyId"),
        ("EC2", "ec2"), ("3Az", "_3Az"),
    ])
    func propertyNamesAreLowerCamelCase(_ key: String, _ expected: String) {
        #expect(Naming.lowerCamel(key) == expected)
    }

    @Test(arguments: [
        ("FARGATE_SPOT", "fargateSpot"), ("awsvpc", "awsvpc"), ("nodejs18.x", "nodejs18X"), ("", "empty"), ("1", "_1"),
        ("EC2", "ec2"), ("application/json", "applicationJson"),
    ])
    func enumValuesBecomeMemberNames(_ value: String, _ expected: String) {
        #expect(Naming.caseName(value) == expected)
    }

    @Test func summariesAreTheFirstSentenceOnOneLine() {
        #expect(Naming.summary("The ``AWS::Logs::LogGroup`` resource specifies a log group. A log group defines\n more.")
            == "The `AWS::Logs::LogGroup` resource specifies a log group.")
        #expect(Naming.summary("Use a name, e.g. my-role. Then more") == "Use a name, e.g. my-role.")
        #expect(Naming.summary("See [the guide](https://example.com) for details") == "See the guide for details.")
        #expect(Naming.summary("") == nil)
        #expect(Naming.summary(nil) == nil)
    }

    // MARK: - Resources

    @Test func requiredPropertiesComeFirstThenTheRestAlphabetically() throws {
        let text = try emit(try schema(
            properties: ##"{"Zeta": {"type": "string"}, "Name": {"type": "string"}, "Alpha": {"type": "integer"}, "Arn": {"type": "string"}}"##,
            required: ##"["Zeta", "Name"]"##,
            extra: #", "readOnlyProperties": ["/properties/Arn"], "primaryIdentifier": ["/properties/Name"], "createOnlyProperties": ["/properties/Name"]"#))
        #expect(text.contains("""
                    public init(
                        _ logicalId: String,
                        name: Token<String>,
                        zeta: Token<String>,
                        alpha: (any IntegerValue)? = nil,
                        file: String = #filePath,
                        line: Int = #line
                    ) {
            """))
        #expect(text.contains("""
                        writer.add("Alpha", alpha?.cfValue)
                        writer.add("Name", name)
                        writer.add("Zeta", zeta)
            """))
        #expect(text.contains("/// `AWS::Demo::Widget`: A widget."))
        #expect(text.contains("/// `Ref` returns the primary identifier, `Name`. Changing `Name` replaces the resource."))
        #expect(text.contains("///   - name: `Name`. Changing it replaces the resource."))
        #expect(text.contains(#"public var arn: Token<String> { getAtt("Arn") }"#))
        #expect(!text.contains("arn: Token<String>? = nil"), "read-only properties are attributes, not inputs")
        #expect(text.contains(#"createOnlyProperties: ["Name"],"#))
    }

    @Test func enumerationsAreOpenChoicesNamedInTheirOwner() throws {
        let text = try emit(try schema(properties: ##"{"Mode": {"type": "string", "enum": ["awsvpc", "FARGATE_SPOT", "default"]}}"##))
        #expect(text.contains("mode: Mode? = nil"))
        #expect(text.contains("public typealias Mode = Choice<ModeValues>"))
        #expect(text.contains("public enum ModeValues: Sendable {}"))
        #expect(text.contains("extension Choice where Tag == Demo.Widget.ModeValues {"))
        #expect(text.contains(#"public static var awsvpc: Self { "awsvpc" }"#))
        #expect(text.contains(#"public static var fargateSpot: Self { "FARGATE_SPOT" }"#))
        #expect(text.contains(#"public static var `default`: Self { "default" }"#))
    }

    @Test func definitionsBecomeNestedStructsAndTagsTheCoresTag() throws {
        let text = try emit(try schema(
            properties: ##"{"Settings": {"type": "array", "items": {"$ref": "#/definitions/Setting"}}, "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}}, "Labels": {"type": "object", "patternProperties": {".+": {"type": "string"}}}, "Ports": {"type": "array", "items": {"type": "integer"}}, "Names": {"type": "array", "items": {"type": "string"}}, "Free": {"type": "object"}, "Either": {"type": ["string", "object"]}}"##,
            definitions: ##"{"Setting": {"type": "object", "description": "One setting.", "properties": {"Value": {"type": "string"}, "Name": {"type": "string"}}, "required": ["Name"]}, "Tag": {"type": "object", "properties": {"Key": {"type": "string"}, "Value": {"type": "string"}}}}"##))
        #expect(text.contains("settings: [Setting]? = nil"))
        #expect(text.contains("tags: [Tag]? = nil"))
        #expect(text.contains("labels: [String: Token<String>]? = nil"))
        #expect(text.contains("ports: [any IntegerValue]? = nil"))
        #expect(text.contains(#"writer.add("Ports", ports?.map(\.cfValue))"#))
        #expect(text.contains("names: Token<[String]>? = nil"))
        #expect(text.contains("free: CFValue? = nil"))
        #expect(text.contains("either: CFValue? = nil"))
        #expect(text.contains("""
                    /// `Setting`: One setting.
                    public struct Setting: IntrinsicValue {
            """))
        #expect(text.contains("public init(intrinsic: CFValue) { cfValue = intrinsic }"))
        #expect(text.contains("public init(name: Token<String>, value: Token<String>? = nil) {"))
        #expect(!text.contains("struct Tag"))
    }

    @Test func inlineObjectsBecomeStructsNamedAfterTheirProperty() throws {
        let text = try emit(try schema(properties: ##"{"Config": {"type": "object", "properties": {"Size": {"type": "number"}}}}"##))
        #expect(text.contains("config: Config? = nil"))
        #expect(text.contains("public struct Config: IntrinsicValue {"))
        #expect(text.contains("size: (any NumberValue)? = nil"))
    }

    @Test func policyDocumentsAreTypedAndComeLastAmongRequiredParameters() throws {
        let text = try emit(try schema(
            "AWS::IAM::Policy",
            properties: ##"{"PolicyDocument": {"type": ["object", "string"]}, "PolicyName": {"type": "string"}}"##,
            required: ##"["PolicyDocument", "PolicyName"]"##))
        #expect(!text.contains("policyDocument: PolicyDocument? = nil"))
        #expect(text.contains("""
                        policyName: Token<String>,
                        policyDocument: PolicyDocument,
            """))
    }

    /// AWS::BCM::Dashboard has a `Dimension` enumeration and a `DimensionValues` property type.
    @Test func choiceTagsNeverTakeTheNameOfAPropertyType() throws {
        let text = try emit(try schema(
            properties: ##"{"Dimension": {"type": "string", "enum": ["a"]}, "Filter": {"$ref": "#/definitions/DimensionValues"}}"##,
            definitions: ##"{"DimensionValues": {"type": "object", "properties": {"Key": {"type": "string", "enum": ["b"]}}}}"##))
        #expect(text.contains("public struct DimensionValues: IntrinsicValue"))
        #expect(text.contains("public typealias Dimension = Choice<DimensionValues_>"))
        #expect(text.contains("extension Choice where Tag == Demo.Widget.DimensionValues_ {"))
        #expect(text.contains("extension Choice where Tag == Demo.Widget.DimensionValues.KeyValues {"))
    }

    @Test func namesThatClashAreRenamed() throws {
        let model = try model(try schema(properties: ##"{"Options": {"type": "string"}, "Condition": {"type": "string"}, "Type": {"type": "object", "properties": {"CfValue": {"type": "string"}}}}"##))
        #expect(model.properties.map(\.name) == ["conditionProperty", "optionsProperty", "type"])
        #expect(model.structs.map(\.name) == ["TypeValue"])
        #expect(model.structs.first?.properties.map(\.name) == ["cfValueProperty"])
    }

    @Test func structsThatHoldThemselvesFallBackToCFValue() throws {
        let model = try model(try schema(
            properties: ##"{"Root": {"$ref": "#/definitions/Node"}}"##,
            definitions: ##"{"Node": {"type": "object", "properties": {"Child": {"$ref": "#/definitions/Node"}, "Children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}}}"##))
        let node = try #require(model.structs.first { $0.name == "Node" })
        #expect(node.properties.map(\.type) == [.named("CFValue"), .list(.named("Node"))])
    }

    /// `AWS::DynamoDB::Table`'s `KeySchema` as cfn-lint patches it: a list definition with `properties`
    /// beside its `items`. It once became one struct, so an index's `KeySchema` rendered as an object (E3012).
    @Test func aListDefinitionWithPropertiesBesideItsItemsIsAListOfItsItemStruct() throws {
        let json = try schema(
            properties: ##"{"KeySchema": {"$ref": "#/definitions/KeySchema"}, "Indexes": {"type": "array", "items": {"$ref": "#/definitions/Index"}}}"##,
            definitions: ##"""
                {"KeySchema": {"type": "array", "uniqueItems": true,
                   "items": {"type": "object", "properties": {"AttributeName": {"type": "string"}, "KeyType": {"type": "string"}}, "required": ["KeyType", "AttributeName"]},
                   "properties": {"AttributeName": {"minLength": 1}, "KeyType": {"enum": ["HASH", "RANGE"]}}},
                 "Index": {"type": "object", "properties": {"KeySchema": {"$ref": "#/definitions/KeySchema", "minItems": 2}}, "required": ["KeySchema"]}}
                """##)
        let model = try model(json)
        #expect(model.properties.first { $0.key == "KeySchema" }?.type == .list(.named("KeySchema")))
        let index = try #require(model.structs.first { $0.name == "Index" })
        #expect(index.properties.map(\.type) == [.list(.named("KeySchema"))])
        let item = try #require(model.structs.first { $0.name == "KeySchema" })
        #expect(item.properties.map(\.type) == [.token("String"), .token("String")])
        #expect(item.properties.map(\.isRequired) == [true, true])
        // The stray `properties` constrain nothing in JSON Schema, so validation does not carry them;
        // the index's own bound beside its `$ref` does.
        #expect(model.constraints == ##"{"properties":{"Indexes":{"items":{"required":["KeySchema"],"properties":{"KeySchema":{"minItems":2,"items":{"required":["AttributeName","KeyType"]}}}}},"KeySchema":{"items":{"required":["AttributeName","KeyType"]}}}}"##)
        let text = try emit(json)
        #expect(text.contains("keySchema: [KeySchema]"))
    }

    /// cfn-lint applies the keywords beside a `$ref` with the target's: both bounds hold, so the tighter wins.
    @Test func constraintsBesideARefApplyWithTheTargetsOwn() throws {
        let model = try model(try schema(
            properties: ##"{"Names": {"$ref": "#/definitions/Names", "maxItems": 2, "minItems": 1}, "Label": {"$ref": "#/definitions/Label", "maxLength": 64}}"##,
            definitions: ##"{"Names": {"type": "array", "items": {"type": "string"}, "minItems": 0, "maxItems": 5}, "Label": {"type": "string", "minLength": 1, "maxLength": 128}}"##))
        #expect(model.constraints == ##"{"properties":{"Label":{"minLength":1,"maxLength":64},"Names":{"minItems":1,"maxItems":2}}}"##)
    }

    @Test func constraintsKeepOnlyConstrainedPaths() throws {
        let model = try model(try schema(
            properties: ##"{"Name": {"type": "string", "maxLength": 64, "pattern": "^[a-z]+$"}, "Size": {"type": "integer", "minimum": 1, "maximum": 10}, "Free": {"type": "string"}, "Items": {"type": "array", "items": {"$ref": "#/definitions/Item"}}}"##,
            definitions: ##"{"Item": {"type": "object", "properties": {"Kind": {"type": "string", "enum": ["a", "b"]}, "Note": {"type": "string"}}, "required": ["Kind"]}}"##,
            required: ##"["Name"]"##))
        #expect(model.constraints == ##"{"required":["Name"],"properties":{"Items":{"items":{"required":["Kind"],"properties":{"Kind":{"enum":["a","b"]}}}},"Name":{"pattern":"^[a-z]+$","maxLength":64},"Size":{"minimum":1,"maximum":10,"type":"integer"}}}"##)
    }

    @Test func readOnlyObjectsAndTheirFieldsGiveOneAccessorEach() throws {
        let model = try model(try schema(
            properties: ##"{"Response": {"type": "object", "properties": {"Status": {"type": "string"}, "Count": {"type": "integer"}}}, "Ids": {"type": "array", "items": {"type": "string"}}}"##,
            extra: ##", "readOnlyProperties": ["/properties/Response", "/properties/Response/Status", "/properties/Ids"]"##))
        #expect(model.attributes.map(\.attribute) == ["Ids", "Response.Count", "Response.Status"])
        #expect(model.attributes.map(\.name) == ["ids", "responseCount", "responseStatus"])
        #expect(model.attributes.map(\.valueType) == ["[String]", "Int", "String"])
        #expect(model.properties.isEmpty)
    }

    @Test func placeholdersSatisfyPatternsAndLengths() throws {
        let sweep = SweepEmitter(provenance: "test")
        #expect(try sweep.string(JSONValue.parse(##"{"pattern": "^arn:aws:iam::\\d{12}:role/[a-z]+$"}"##)) == "arn:aws:iam::111111111111:role/a")
        #expect(try sweep.string(JSONValue.parse(##"{"minLength": 20}"##)).count == 20)
        #expect(try sweep.string(JSONValue.parse(##"{"maxLength": 3}"##)).count <= 3)
        #expect(try sweep.string(JSONValue.parse(##"{"format": "AWS::EC2::VPC.Id"}"##)) == "vpc-12345678")
        #expect(try sweep.string(JSONValue.parse(##"{"enum": ["b", "a"]}"##)) == "b")
        #expect(try sweep.string(JSONValue.parse(##"{"pattern": "^[0-9]*$", "minLength": 12, "maxLength": 12}"##)) == "000000000000")
        #expect(try sweep.list("1", JSONValue.parse(##"{"minItems": 3}"##)) == "[1, 1, 1]")
    }

    @Test func unionObjectsBecomeOneStructWithEveryAlternativesMembersOptional() throws {
        let json = try schema(
            properties: ##"{"Config": {"$ref": "#/definitions/Config"}}"##,
            definitions: ##"{"Config": {"oneOf": [{"type": "object", "properties": {"Edi": {"type": "string"}}, "required": ["Edi"]}, {"type": "object", "properties": {"Json": {"type": "string"}, "Edi": {"type": "string"}}, "required": ["Json"]}]}}"##,
            required: ##"["Config"]"##)
        let model = try model(json)
        let config = try #require(model.structs.first { $0.name == "Config" })
        #expect(config.properties.map(\.key) == ["Edi", "Json"])
        #expect(config.properties.allSatisfy { !$0.isRequired })
        #expect(config.alternativeRequired == ["Edi"])
        #expect(model.properties.first?.type == .named("Config"))
        // A union of references or of non-objects stays free-form JSON.
        let mixed = try self.model(try schema(
            properties: ##"{"Value": {"oneOf": [{"type": "string"}, {"type": "object", "properties": {"A": {"type": "string"}}}]}}"##))
        #expect(mixed.properties.first?.type == .named("CFValue"))
    }

    @Test func placeholdersMeetAllOfOneOfAndAnyOfAtAnyNesting() throws {
        let nested = try model(try schema(
            properties: ##"{"A": {"type": "string"}, "B": {"type": "string"}, "C": {"type": "string"}, "D": {"type": "string"}}"##,
            extra: ##", "allOf": [{"allOf": [{"required": ["A"]}], "anyOf": [{"required": ["B"]}, {"required": ["C"]}]}], "requiredXor": ["D", "C"]"##))
        #expect(nested.alternativeRequired == ["A", "B"])
        #expect(nested.requiredXor == ["D", "C"])
        // oneOf [{}, {required}]: the first alternative asks for nothing, so nothing is added.
        let optional = try model(try schema(
            properties: ##"{"A": {"type": "string"}}"##, extra: ##", "oneOf": [{}, {"required": ["A"]}]"##))
        #expect(optional.alternativeRequired.isEmpty)
        // A union whose alternatives require nothing gets its first alternative's first member, so it is not empty.
        let union = try model(try schema(
            properties: ##"{"Owner": {"type": "object", "oneOf": [{"properties": {"Group": {"type": "string"}}}, {"properties": {"User": {"type": "string"}}}]}}"##))
        #expect(union.structs.first?.alternativeRequired == ["Group"])
        let sweep = SweepEmitter(provenance: "test").instance(union)
        #expect(sweep == #"Demo.Widget("Widget")"#)
        let required = try model(try schema(
            properties: ##"{"Owner": {"type": "object", "oneOf": [{"properties": {"Group": {"type": "string"}}}, {"properties": {"User": {"type": "string"}}}]}}"##,
            required: ##"["Owner"]"##))
        #expect(SweepEmitter(provenance: "test").instance(required) == #"Demo.Widget("Widget", owner: .init(group: "placeholder"))"#)
    }

    @Test func mapPlaceholdersUseAKeyTheKeyPatternAccepts() throws {
        let model = try model(try schema(
            properties: ##"{"Links": {"type": "object", "patternProperties": {"^cognito:(default|english)$": {"type": "string"}}}}"##,
            required: ##"["Links"]"##))
        #expect(SweepEmitter(provenance: "test").instance(model) == #"Demo.Widget("Widget", links: ["cognito:default": "placeholder"])"#)
    }

    @Test func retiringServicesSaySoInTheirDocumentation() throws {
        let text = try emit(try schema(properties: "{}", extra: ##", "lifecycle": {"status": "sunset", "date": "2026-10-30"}"##))
        #expect(text.contains("/// AWS is retiring this service: it shuts down on 2026-10-30. Plan to move to an alternative."))
        #expect(try !emit(try schema(properties: "{}")).contains("retiring"))
    }

    @Test func theStoreLeavesOutShutDownTypesAndKnowsEachTypesRegions() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-store-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: root) }
        let providers = root.appendingPathComponent("providers"), resources = root.appendingPathComponent("resources")
        try FileManager.default.createDirectory(at: providers, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: resources, withIntermediateDirectories: true)
        func write(_ text: String, _ url: URL) throws { try Data(text.utf8).write(to: url) }
        try write(#"{"AWS::Demo::Widget": "w", "AWS::Gone::Thing": "g"}"#, providers.appendingPathComponent("us-east-1.json"))
        try write(#"{"AWS::Demo::Widget": "w", "AWS::Demo::Local": "l"}"#, providers.appendingPathComponent("eu-west-1.json"))
        try write(#"{"AWS::Serverless::Function": "s"}"#, providers.appendingPathComponent("sam.json"))
        try write(#"{"typeName": "AWS::Demo::Widget", "properties": {}}"#, resources.appendingPathComponent("w.json"))
        try write(#"{"typeName": "AWS::Demo::Local", "properties": {}}"#, resources.appendingPathComponent("l.json"))
        try write(#"{"typeName": "AWS::Gone::Thing", "properties": {}, "lifecycle": {"status": "shutdown", "date": "2024-05-01"}}"#, resources.appendingPathComponent("g.json"))
        let store = try SchemaStore(root: root)
        #expect(store.services == ["Demo"])
        #expect(store.typeNames(service: "Demo") == ["AWS::Demo::Local", "AWS::Demo::Widget"])
        #expect(store.shutDown == ["AWS::Gone::Thing": "2024-05-01"])
        #expect(store.regions["AWS::Demo::Widget"] == ["eu-west-1", "us-east-1"])
        let sweep = try Catalogue(store: store, toolVersion: "test").sweepFiles(services: ["Demo"])
        let index = try #require(sweep.first { $0.path == "Sweeps.swift" }).contents
        #expect(index.contains(#""AWS::Demo::Local": "eu-west-1","#))
        #expect(!index.contains(#""AWS::Demo::Widget""#))
        let docs = Catalogue(store: store, toolVersion: "test").index(services: ["Demo"])
        #expect(docs.contains("| `AWS::Gone::Thing` | 2024-05-01 |"))
    }

    @Test func generationIsDeterministic() throws {
        let json = try schema(
            properties: ##"{"B": {"type": "string", "enum": ["x"]}, "A": {"type": "object", "properties": {"Z": {"type": "string"}, "Y": {"type": "boolean"}}}}"##)
        #expect(try emit(json) == emit(json))
    }

    // MARK: - JSON

    @Test func schemasAreReadWithTheArtifactModulesJSONKeyOrderKept() throws {
        let json = try JSONValue.parse(##"{"b": 1.50, "a": [true, null, "x"], "c": {}, "n": 3600}"##)
        #expect(json.members?.map(\.key) == ["b", "a", "c", "n"])
        #expect(json["b"]?.number == "1.5" && json["n"]?.number == "3600" && json["a"]?.number == nil)
        #expect(json.compactText == ##"{"b":1.5,"a":[true,null,"x"],"c":{},"n":3600}"##)
    }
}
