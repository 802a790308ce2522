import Testing
@testable import InfraDSL

/// The core's schema check on its own: a resource type written the way the generator writes
/// one, with a constraint tree of every kind.
@Suite struct SchemaRulesTests {
    struct Widget: Resource {
        var resourceType: String { "Demo::Widget::Thing" }
        let logicalId: String
        var options: ResourceOptions
        var properties: [CFValue.Member]
        static let schema: ResourceSchema? = ResourceSchema(
            typeName: "Demo::Widget::Thing", primaryIdentifier: ["Name"], createOnlyProperties: ["Name"],
            constraints: ##"{"required":["Name"],"properties":{"Name":{"pattern":"^[a-z-]+$","minLength":3,"maxLength":8},"Size":{"minimum":1,"maximum":10},"Zones":{"minItems":2,"maxItems":3,"items":{"enum":["a","b","c"]}},"Rules":{"items":{"required":["Kind"],"properties":{"Kind":{"enum":["allow","deny"]}}}}}}"##)

        init(_ logicalId: String, _ properties: CFValue, file: String = #filePath, line: Int = #line) {
            self.logicalId = logicalId
            options = ResourceOptions(location: SourceLocation(file: file, line: line))
            if case .object(let members) = properties { self.properties = members } else { self.properties = [] }
        }

        var typedProperties: [CFValue.Member] { properties }
    }

    private func messages(_ widget: Widget) -> [String] {
        App { Stack("test", account: "111111111111", region: "eu-west-1") { widget } }
            .synthesize().diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    @Test func validValuesPass() {
        #expect(messages(Widget("W", ["Name": "abc", "Size": 10, "Zones": ["a", "c"], "Rules": [["Kind": "deny"]]])).isEmpty)
    }

    @Test func everyKindOfConstraintIsReportedWithItsPath() {
        let line = #line; let widget = Widget("W", [
            "Name": "ab", "Size": 11, "Zones": ["a", "x", "b", "c"], "Rules": [["Kind": "maybe"], [:]],
        ])
        let prefix = "resource 'W' (Demo::Widget::Thing): "
        let diagnostics = App { Stack("test", account: "111111111111", region: "eu-west-1") { widget } }.synthesize().diagnostics
        #expect(Set(diagnostics.map(\.message)) == [
            prefix + "Name 'ab' is 2 characters long; the schema requires at least 3",
            prefix + "Size 11 is out of range; the schema allows 1 to 10",
            prefix + "Zones has 4 items; the schema allows at most 3",
            prefix + "Zones[1] 'x' is not one of the values the schema allows: a, b, c",
            prefix + "Rules[0].Kind 'maybe' is not one of the values the schema allows: allow, deny",
            prefix + "required property Kind is missing in Rules[1]",
        ])
        #expect(diagnostics.allSatisfy { $0.location.line == line && $0.location.file == #filePath })
    }

    @Test func patternsMissingPropertiesAndShortListsAreReported() {
        let prefix = "resource 'W' (Demo::Widget::Thing): "
        #expect(Set(messages(Widget("W", ["Name": "ABC", "Zones": ["a"]]))) == [
            prefix + "Name 'ABC' does not match the schema's pattern ^[a-z-]+$",
            prefix + "Zones has 1 item; the schema requires at least 2",
        ])
        #expect(messages(Widget("W", ["Size": 3])) == [prefix + "required property Name is missing"])
    }

    @Test func intrinsicsAndDynamicReferencesAlwaysPass() {
        let size = Parameter("Size", type: .number, default: "50")
        let widget = Widget("W", [
            "Name": ["Fn::Sub": "${AWS::StackName}-WIDGET"], "Size": size.ref.cfValue, "Zones": ["Fn::GetAZs": ""],
            "Rules": [["Kind": ["Ref": "AWS::NoValue"]], ["Fn::If": ["C", ["Kind": "allow"], ["Ref": "AWS::NoValue"]]]],
        ])
        let condition = Condition("C", .equals(AWS.region, "eu-west-1"))
        let diagnostics = App { Stack("test", account: "111111111111", region: "eu-west-1") { size; condition; widget } }.synthesize().diagnostics
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(messages(Widget("W", ["Name": "{{resolve:ssm:/a/VERY/long/name}}"])).isEmpty)
    }
}
