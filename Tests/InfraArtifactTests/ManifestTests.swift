import Testing
@testable import InfraArtifact

/// The one manifest model: what the DSL writes, the deployer reads back unchanged, and what it
/// cannot use it refuses naming the field.
@Suite struct ManifestTests {
    static let example = Manifest(stages: ["development", "production"], stacks: [
        Manifest.Stack(
            name: "network", account: "111111111111", accountName: "development", region: "eu-west-1", stage: "development",
            access: .assumeRole(roleARN: "arn:aws:iam::111111111111:role/Deployer", externalID: "ext"),
            templateFile: "network.template.json", templateSHA256: String(repeating: "a", count: 64)),
        Manifest.Stack(
            name: "app", account: "222222222222", region: "eu-west-1", stage: "production", access: .profile("prod"),
            templateFile: "app.template.json", templateSHA256: String(repeating: "b", count: 64), dependencies: ["network"],
            parameters: [.fromOutput(name: "VpcId", stack: "network", output: "VpcId"), .value(name: "Size", value: "3")],
            capabilities: ["CAPABILITY_NAMED_IAM"], tags: [StackTag(key: "team", value: "platform")], templateBucket: "templates-222222222222"),
    ])

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let text = JSONWriter.write(Self.example.json)
        #expect(try Manifest.parse(Array(text.utf8)) == Self.example)
    }

    @Test func theKeyOrderIsFixed() {
        let text = JSONWriter.compact(Self.example.json)
        #expect(text.hasPrefix(#"{"version":1,"stages":["development","production"],"stacks":[{"name":"network","account":"111111111111","accountName":"development","region":"eu-west-1","stage":"development","access":{"type":"assumeRole","roleArn":"arn:aws:iam::111111111111:role/Deployer","externalId":"ext"},"templateFile":"network.template.json""#))
        #expect(text.contains(#""templateBucket":"templates-222222222222","dependencies":["network"],"parameters":[{"name":"VpcId","fromOutput":{"stack":"network","output":"VpcId"}},{"name":"Size","value":"3"}]"#))
    }

    private func error(_ text: String) -> String {
        do {
            _ = try Manifest.parse(Array(text.utf8), file: "m.json")
            return "accepted"
        } catch {
            return error.description
        }
    }

    private func manifest(version: String = "1", stack: String) -> String {
        #"{"version": \#(version), "stages": ["dev"], "stacks": [\#(stack)]}"#
    }

    private let good = #""name": "app", "account": "111111111111", "region": "eu-west-1", "templateFile": "app.template.json", "templateSHA256": "ab""#

    @Test func unknownVersionsAndWrongTypesAreRefusedNamingTheField() {
        #expect(error(manifest(version: "4", stack: "{\(good)}")).hasPrefix("m.json: has version 4, but this infra reads only versions 1 to 3\n  to fix: update infra"))
        #expect(error(manifest(version: "0", stack: "{\(good)}")).hasPrefix("m.json: has version 0, but this infra reads only versions 1 to 3\n  to fix: regenerate"))
        #expect(error(manifest(version: "true", stack: "{\(good)}")).hasPrefix(#"m.json: has no integer "version""#))
        #expect(error(manifest(version: "1.5", stack: "{\(good)}")).hasPrefix(#"m.json: has no integer "version""#))
        #expect(error("[]").hasPrefix("m.json: is not a JSON object"))
        #expect(error("{").hasPrefix("m.json: is not valid JSON (expected a string key at line 1, column 2)"))
        #expect(error(manifest(stack: #"{\#(good), "stage": 3}"#)).hasPrefix(#"m.json: stack 'app': "stage" must be a non-empty string"#))
        #expect(error(manifest(stack: #"{\#(good), "tags": {}}"#)).hasPrefix(#"m.json: stack 'app': "tags" must be a list"#))
        #expect(error(manifest(stack: #"{\#(good), "dependencies": [1]}"#)).hasPrefix(#"m.json: stack 'app': "dependencies" must be a list of strings"#))
        #expect(error(manifest(stack: #"{\#(good), "access": {"type": "sso"}}"#)).hasPrefix("m.json: stack 'app': access type 'sso' is not assumeRole, profile or currentCredentials"))
        #expect(error(manifest(stack: #"{\#(good), "parameters": [{"name": "P"}]}"#)).hasPrefix(#"m.json: stack 'app' parameter P: "value" must be a non-empty string"#))
        #expect(error(manifest(stack: #"{"account": "111111111111"}"#)).hasPrefix(#"m.json: stacks[0]: "name" must be a non-empty string"#))
    }

    @Test func inconsistentStacksAreRefused() {
        #expect(error(manifest(stack: #"{\#(good), "stage": "prod"}"#)).contains("stack 'app': stage 'prod' is not in the manifest's stages [\"dev\"]"))
        #expect(error(manifest(stack: #"{\#(good), "dependencies": ["ghost"]}"#)).contains("depends on 'ghost', which is not in the manifest"))
        #expect(error(manifest(stack: #"{\#(good), "templateFile": "../x"}"#)).contains("must be a plain file name inside the folder"))
        #expect(error(manifest(stack: #"{\#(good), "account": "12"}"#)).contains("account '12' is not a 12-digit account id"))
        #expect(error(manifest(stack: #"{\#(good), "name": "9lives"}"#)).contains("'9lives' is not a stack name"))
        #expect(error(manifest(stack: "{\(good)}, {\(good)}")).contains("stack 'app' is listed twice"))
        let cycle = #"{\#(good), "dependencies": ["b"]}, {"name": "b", "account": "111111111111", "region": "eu-west-1", "templateFile": "b.json", "templateSHA256": "ab", "dependencies": ["app"]}"#
        #expect(error(manifest(stack: cycle)).contains("dependency cycle: app → b → app"))
    }
}

/// The naming rules both sides check.
@Suite struct NameRuleTests {
    @Test(arguments: [
        ("my-templates-111111111111-eu-west-1", nil),
        ("ab", "it has 2 characters"),
        ("My-Bucket", "'M' is not allowed"),
        ("-bucket", "it must start and end with a letter or digit"),
        ("a..b", "it has two adjacent dots"),
        ("192.168.1.1", "it is formatted as an IP address"),
        ("xn--bucket", "the prefix 'xn--' is reserved"),
        ("bucket-s3alias", "the suffix '-s3alias' is reserved"),
        ("templates.", "it must start and end with a letter or digit"), ("tmpl/evil", "'/' is not allowed"),
        ("my.templates-1", nil), (String(repeating: "a", count: 63), nil), (String(repeating: "a", count: 64), "it has 64 characters"),
    ] as [(String, String?)])
    func bucketNames(_ name: String, _ problem: String?) {
        #expect(S3BucketName.problem(name) == problem)
        #expect(S3BucketName.isValid(name) == (problem == nil))
    }

    @Test func stackNamesAndLogicalIDs() {
        #expect(StackName.isValid("jenkins-agents"))
        #expect(!StackName.isValid("9lives") && !StackName.isValid("a_b") && !StackName.isValid("") && !StackName.isValid(String(repeating: "a", count: 129)))
        #expect(LogicalID.isValid("DeployRole1"))
        #expect(!LogicalID.isValid("Deploy-Role") && !LogicalID.isValid("") && !LogicalID.isValid("Rôle"))
    }
}
