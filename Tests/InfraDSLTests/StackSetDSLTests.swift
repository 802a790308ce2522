import Testing
@testable import InfraDSL

private let thisFile = #filePath

/// `StackSet`: declared like a stack, written to the manifest (version 3) as a `Manifest.StackSet`,
/// each mistake reported at the line that made it.
@Suite struct StackSetDSLTests {
    static let tooling = Account("tooling", id: "111111111111", region: "eu-west-1", access: .currentCredentials)
    static let development = Account("development", id: "222222222222", region: "eu-west-1")
    static let production = Account("production", id: "333333333333", region: "eu-west-1")
    static let regions = ["eu-west-1", "eu-central-1"]

    /// A valid self-managed set over the two workload accounts, with its parts replaceable.
    static func baseline(
        permissions: StackSetPermissions = .selfManaged(), targets: [StackSetTarget] = [.accounts([development, production], regions: regions)],
        overrides: [StackSetOverride] = [], preferences: StackSetPreferences = StackSetPreferences(), file: String = #filePath, line: Int = #line,
        @StackBuilder content: () -> Group = { Group { topic("Topic") } }
    ) -> StackSet {
        StackSet(
            "baseline", administrator: tooling, permissions: permissions, targets: targets, overrides: overrides, preferences: preferences,
            file: file, line: line, content: content)
    }

    static func errors(_ set: StackSet, _ more: [Stack] = []) -> [Diagnostic] {
        App {
            set
            for stack in more { stack }
        }.synthesize().diagnostics.filter { $0.severity == .error }
    }

    @Test func theManifestEntryIsTheStackEntryPlusTheSetsFacts() throws {
        let network = Stack("network", account: Self.tooling, stage: Stage.development) {
            topic("Topic")
            Output("TopicArn", value: Token<String>(raw: ["Ref": "Topic"]))
        }
        let set = StackSet(
            "baseline", administrator: Self.tooling, stage: Stage.test,
            permissions: .selfManaged(
                administrationRoleARN: "arn:aws:iam::111111111111:role/AWSCloudFormationStackSetAdministrationRole", executionRoleName: "AWSCloudFormationStackSetExecutionRole"),
            targets: [.accounts([Self.development, Self.production], regions: Self.regions)],
            overrides: [.accounts([Self.production], regions: ["eu-west-1"], parameters: ["Size": "3"])],
            preferences: StackSetPreferences(
                maxConcurrent: .percentage(50), failureTolerance: .count(1), regionOrder: ["eu-central-1", "eu-west-1"], regions: .parallel,
                concurrencyMode: .softFailureTolerance),
            description: "The baseline", parameters: ["Size": "1"], tags: ["team": "platform"]
        ) {
            Parameter("Size", type: .number)
            Parameter("Alarms")
            RawResource("Queue", type: "AWS::SQS::Queue", properties: ["DelaySeconds": Token<String>(raw: ["Ref": "Size"]).cfValue, "QueueName": network.output("TopicArn").cfValue, "Tags": [["Key": "alarms", "Value": ["Ref": "Alarms"]]]])
        }
        let synthesis = App(name: "platform") { network; set }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        let manifest = synthesis.files.last!
        #expect(manifest.name == "manifest.json")
        #expect(manifest.contents.hasPrefix("{\n  \"version\": 3,"))
        #expect(synthesis.files.map(\.name) == ["network.template.json", "baseline.template.json", "manifest.json"])
        let template = synthesis.stackSets[0].template
        // In the administrator's account and region, yet no Fn::ImportValue: the instances run elsewhere.
        #expect(!template.contains("Fn::ImportValue"))
        #expect(template.contains("\"NetworkTopicArn\""))
        let entry = try #require(synthesis.manifest.stackSets.first)
        let hash = entry.stack.templateSHA256
        #expect(JSONWriter.compact(entry.json) == """
            {"name":"baseline","account":"111111111111","accountName":"tooling","region":"eu-west-1","stage":"test","access":{"type":"currentCredentials"},\
            "templateFile":"baseline.template.json","templateSHA256":"\(hash)","dependencies":["network"],\
            "parameters":[{"name":"NetworkTopicArn","fromOutput":{"stack":"network","output":"TopicArn"}},{"name":"Size","value":"1"}],"capabilities":[],\
            "tags":[{"key":"infradsl:app","value":"platform"},{"key":"team","value":"platform"}],"description":"The baseline",\
            "permissionModel":{"type":"selfManaged","administrationRoleArn":"arn:aws:iam::111111111111:role/AWSCloudFormationStackSetAdministrationRole","executionRoleName":"AWSCloudFormationStackSetExecutionRole"},\
            "targets":[{"accounts":["222222222222","333333333333"],"regions":["eu-west-1","eu-central-1"]}],\
            "overrides":[{"targets":["333333333333"],"regions":["eu-west-1"],"parameters":[{"name":"Size","value":"3"}]}],\
            "operationPreferences":{"maxConcurrentPercentage":50,"failureToleranceCount":1,"regionOrder":["eu-central-1","eu-west-1"],"regionConcurrencyType":"PARALLEL","concurrencyMode":"SOFT_FAILURE_TOLERANCE"}}
            """)
        #expect(entry.instances.count == 4)
        // What synthesis writes, the deployer reads back unchanged (and its validation accepts).
        #expect(try Manifest.parse(Array(manifest.contents.utf8)) == synthesis.manifest)
        #expect(synthesis.manifest.stages == Stage.allCases.map(\.rawValue))
    }

    @Test func serviceManagedSetsTargetOUsWithAutoDeploymentAndDelegatedAdmin() throws {
        let set = Self.baseline(
            permissions: .serviceManaged(autoDeployment: .enabled(retainStacksOnAccountRemoval: true), delegatedAdmin: true),
            targets: [.organizationalUnits(["ou-ab12-cdef3456"], regions: ["eu-west-1"])],
            overrides: [.organizationalUnits(["ou-ab12-cdef3456"], parameters: ["Size": "2"])]
        ) {
            Parameter("Size", type: .number, default: 1)
            RawResource("Queue", type: "AWS::SQS::Queue", properties: ["DelaySeconds": Token<String>(raw: ["Ref": "Size"]).cfValue])
        }
        let synthesis = App { set }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        let entry = try #require(synthesis.manifest.stackSets.first)
        #expect(entry.permissions == .serviceManaged(autoDeployment: Manifest.AutoDeployment(enabled: true, retainStacksOnAccountRemoval: true), delegatedAdmin: true))
        #expect(entry.targets == [Manifest.Target(organizationalUnits: ["ou-ab12-cdef3456"], regions: ["eu-west-1"])])
        // An override without regions applies to every targeted region.
        #expect(entry.overrides == [Manifest.Override(targets: ["ou-ab12-cdef3456"], regions: ["eu-west-1"], parameters: [.value(name: "Size", value: "2")])])
        // Auto-deployment off is written as off, so turning it off in Swift turns it off in AWS.
        let off = App { Self.baseline(permissions: .serviceManaged(), targets: [.organizationalUnits(["r-ab12"], regions: ["eu-west-1"])]) }.synthesize()
        #expect(off.manifest.stackSets.first?.permissions == .serviceManaged(autoDeployment: Manifest.AutoDeployment(enabled: false, retainStacksOnAccountRemoval: false), delegatedAdmin: false))
    }

    @Test func aServiceManagedSetWithAccountTargetsIsAnErrorAtTheTargetsLine() {
        let line = #line + 1
        let target = StackSetTarget.accounts([Self.development], regions: ["eu-west-1"])
        let errors = Self.errors(Self.baseline(permissions: .serviceManaged(), targets: [target]))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: thisFile, line: line))
        #expect(errors.first?.message.contains("StackSet 'baseline' is service-managed, so it targets organizational units, not accounts (development)") == true)
        // And the other way round: a self-managed set with OUs.
        let ous = Self.errors(Self.baseline(targets: [.organizationalUnits(["ou-ab12-cdef3456"], regions: ["eu-west-1"])]))
        #expect(ous.map(\.message).contains { $0.contains("is self-managed, so it targets accounts, not organizational units") })
    }

    @Test func aPercentageOver100IsAnErrorAtThePreferencesLine() {
        let line = #line + 1
        let preferences = StackSetPreferences(maxConcurrent: .percentage(120), failureTolerance: .percentage(101))
        let errors = Self.errors(Self.baseline(preferences: preferences))
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.allSatisfy { $0.location == SourceLocation(file: thisFile, line: line) })
        #expect(errors.map(\.message) == [
            "StackSet 'baseline': maxConcurrent .percentage(120) must be 1 to 100", "StackSet 'baseline': failureTolerance .percentage(101) must be 0 to 100",
        ])
        #expect(Self.errors(Self.baseline(preferences: StackSetPreferences(maxConcurrent: .count(0)))).map(\.message) == ["StackSet 'baseline': maxConcurrent .count(0) must be at least 1"])
    }

    @Test func anEmptyTargetListIsAnErrorAtTheSetsLine() {
        let line = #line; let errors = Self.errors(Self.baseline(targets: []))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: thisFile, line: line))
        #expect(errors.first?.message.hasPrefix("StackSet 'baseline' has no targets; give it at least one") == true)
        // A target naming no account is its own error, at its line.
        let empty = #line; let none = Self.errors(Self.baseline(targets: [.accounts([], regions: ["eu-west-1"])]))
        #expect(none.map(\.location) == [SourceLocation(file: thisFile, line: empty)])
    }

    @Test func aRegionNamedTwiceIsAnErrorAtTheTargetsLine() {
        let line = #line + 1
        let target = StackSetTarget.accounts([Self.development], regions: ["eu-west-1", "eu-central-1", "eu-west-1"])
        let errors = Self.errors(Self.baseline(targets: [target]))
        #expect(errors.map(\.message) == ["StackSet 'baseline': the target names the region eu-west-1 twice; name each region once"])
        #expect(errors.first?.location == SourceLocation(file: thisFile, line: line))
    }

    @Test func aRegionOrderNamingARegionNotTargetedIsAnErrorAtThePreferencesLine() {
        let line = #line + 1
        let preferences = StackSetPreferences(regionOrder: ["eu-west-1", "us-east-1"], regions: .sequential)
        let errors = Self.errors(Self.baseline(preferences: preferences))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: thisFile, line: line))
        #expect(errors.first?.message.contains("regionOrder names us-east-1, which no target deploys to (targeted: eu-west-1, eu-central-1)") == true)
    }

    @Test func overridesMustStayInsideTheTargetsAndTheTemplatesParameters() {
        let line = #line + 1
        let override = StackSetOverride.accounts([Self.tooling], regions: ["us-east-1"], parameters: ["Missing": "1"])
        let errors = Self.errors(Self.baseline(overrides: [override]))
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.allSatisfy { $0.location == SourceLocation(file: thisFile, line: line) })
        #expect(errors.map(\.message).contains { $0.contains("an override names '111111111111', which the StackSet does not target") })
        #expect(errors.map(\.message).contains { $0.contains("an override names the region us-east-1, which no target deploys to") })
        #expect(errors.map(\.message).contains { $0.contains("an override gives a value for parameter 'Missing', which the template does not declare") })
    }

    @Test func codeAssetsAreRefusedAtTheAssetsLine() {
        let line = #line; let asset = Asset.folder("lambda/hello")
        let set = Self.baseline {
            RawResource("Function", type: "AWS::Lambda::Function", properties: ["Code": ["S3Bucket": asset.bucket.cfValue, "S3Key": asset.key.cfValue], "Role": "arn:aws:iam::111111111111:role/lambda"])
        }
        let errors = Self.errors(set)
        #expect(errors.count == 1, "\(errors)")  // the bucket and the key: one mistake, reported once
        #expect(errors.allSatisfy { $0.location == SourceLocation(file: thisFile, line: line) })
        #expect(errors.first?.message.contains("uses the code asset 'lambda/hello', but assets are for stacks only") == true)
    }

    @Test func theTemplateIsValidatedAndLintedLikeAStacksAtTheUsersLine() {
        let line = #line + 1
        let set = Self.baseline { RawResource("Bad-Id", type: "AWS::SNS::Topic") }
        let errors = Self.errors(set)
        #expect(errors.contains { $0.message.contains("logical ID 'Bad-Id' is invalid") && $0.location == SourceLocation(file: thisFile, line: line) })
        let warnings = App { Self.baseline { Parameter("Unused"); topic("Topic") } }.synthesize().diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.message).contains { $0.contains("parameter 'Unused' of stack 'baseline' is never used") })
    }

    @Test func dependenciesNameDeclaredStacksOfNoLaterStage() throws {
        let late = Stack("late", account: Self.tooling, stage: Stage.production) { topic("Topic") }
        let line = #line + 1
        let set = StackSet("baseline", administrator: Self.tooling, stage: .test, permissions: .selfManaged(), targets: [.accounts([Self.development], regions: ["eu-west-1"])], dependsOn: [late]) { topic("Topic") }
        let errors = Self.errors(set, [late])
        #expect(errors.map(\.message) == ["StackSet 'baseline' (stage test) depends on stack 'late', which rolls out later (stage production); move one of them"])
        #expect(errors.first?.location == SourceLocation(file: thisFile, line: line))
        #expect(Self.errors(set).map(\.message) == ["StackSet 'baseline' depends on stack 'late', which the app does not declare; add that stack to the App"])
        let early = Stack("late", account: Self.tooling, stage: Stage.development) { topic("Topic") }
        let fine = App { early; set }.synthesize()
        #expect(!fine.hasErrors, "\(fine.diagnostics)")
        #expect(fine.manifest.stackSets.first?.stack.dependencies == ["late"])
    }

    @Test func aStackCannotReadAStackSetsOutputAndNamesAreShared() {
        let set = Self.baseline { topic("Topic"); Output("TopicArn", value: Token<String>(raw: ["Ref": "Topic"])) }
        let line = #line + 1
        let reader = testStack("baseline") { RawResource("Queue", type: "AWS::SQS::Queue", properties: ["QueueName": StackReference("baseline").output("TopicArn").cfValue]) }
        let errors = Self.errors(set, [reader])
        #expect(errors.contains { $0.message.contains("duplicate stack name 'baseline'") })
        let other = testStack("reader") { RawResource("Queue", type: "AWS::SQS::Queue", properties: ["QueueName": StackReference("baseline").output("TopicArn").cfValue]) }
        #expect(Self.errors(set, [other]).contains {
            $0.message.contains("uses output 'TopicArn' of StackSet 'baseline', which has one instance per account and region") && $0.location.line == line + 3
        })
    }
}
