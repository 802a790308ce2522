import Testing
@testable import InfraArtifact

/// StackSets in the manifest (version 3): written and read back unchanged, only in version 3, and
/// refused naming the set when a target, override or preference could not deploy.
@Suite struct ManifestStackSetTests {
    static let network = Manifest.Stack(
        name: "network", account: "111111111111", region: "eu-west-1", stage: "development",
        templateFile: "network.template.json", templateSHA256: String(repeating: "a", count: 64))

    static func roles(
        permissions: Manifest.Permissions = .selfManaged(administrationRoleARN: "arn:aws:iam::111111111111:role/Admin", executionRoleName: "Exec"),
        targets: [Manifest.Target] = [Manifest.Target(accounts: ["222222222222", "333333333333"], regions: ["eu-west-1", "eu-central-1"])],
        overrides: [Manifest.Override] = [Manifest.Override(targets: ["333333333333"], regions: ["eu-west-1"], parameters: [.value(name: "Size", value: "2")])],
        preferences: Manifest.OperationPreferences = .init(
            maxConcurrent: .percentage(50), failureTolerance: .count(1), regionOrder: ["eu-central-1", "eu-west-1"], regionConcurrency: "PARALLEL",
            concurrencyMode: "SOFT_FAILURE_TOLERANCE"),
        dependencies: [String] = ["network"]
    ) -> Manifest.StackSet {
        Manifest.StackSet(
            stack: Manifest.Stack(
                name: "deploy-roles", account: "111111111111", accountName: "tooling", region: "eu-west-1", stage: "development",
                templateFile: "deploy-roles.template.json", templateSHA256: String(repeating: "b", count: 64), dependencies: dependencies,
                parameters: [.value(name: "Size", value: "1")], capabilities: ["CAPABILITY_NAMED_IAM"]),
            description: "Deploy roles", permissions: permissions, targets: targets, overrides: overrides, preferences: preferences)
    }

    static func manifest(_ set: Manifest.StackSet) -> Manifest {
        Manifest(stages: ["development"], stacks: [network], stackSets: [set])
    }

    private func problem(_ manifest: Manifest) -> String {
        do {
            try manifest.validate(file: "m.json")
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func aStackSetIsWrittenAsVersion3AndReadsBackTheSame() throws {
        for set in [
            Self.roles(),
            Self.roles(
                permissions: .serviceManaged(autoDeployment: .init(enabled: true, retainStacksOnAccountRemoval: false), delegatedAdmin: true),
                targets: [Manifest.Target(organizationalUnits: ["ou-ab12-cdef3456", "r-ab12"], regions: ["us-east-1"])], overrides: [],
                preferences: .init(maxConcurrent: .count(10), failureTolerance: .percentage(0))),
        ] {
            let manifest = Self.manifest(set)
            #expect(manifest.writtenVersion == 3)
            let text = JSONWriter.write(manifest.json)
            #expect(text.contains(#""version": 3"#))
            #expect(try Manifest.parse(Array(text.utf8)) == manifest)
        }
    }

    @Test func theFieldsUseCloudFormationsNamesInAFixedOrder() {
        let text = JSONWriter.compact(Self.roles().json)
        #expect(text.contains(#""description":"Deploy roles","permissionModel":{"type":"selfManaged","administrationRoleArn":"arn:aws:iam::111111111111:role/Admin","executionRoleName":"Exec"},"targets":[{"accounts":["222222222222","333333333333"],"regions":["eu-west-1","eu-central-1"]}],"overrides":[{"targets":["333333333333"],"regions":["eu-west-1"],"parameters":[{"name":"Size","value":"2"}]}],"operationPreferences":{"maxConcurrentPercentage":50,"failureToleranceCount":1,"regionOrder":["eu-central-1","eu-west-1"],"regionConcurrencyType":"PARALLEL","concurrencyMode":"SOFT_FAILURE_TOLERANCE"}}"#))
    }

    @Test func aManifestWithoutStackSetsKeepsItsVersionAndBytes() {
        let manifest = Manifest(stages: ["development"], stacks: [Self.network])
        #expect(manifest.writtenVersion == 1)
        #expect(!JSONWriter.compact(manifest.json).contains("stackSets"))
    }

    @Test func stackSetsInAnOlderVersionAreRefused() {
        var text = JSONWriter.write(Self.manifest(Self.roles()).json)
        text = text.replacingOccurrences(of: #""version": 3"#, with: #""version": 2"#)
        #expect(throws: ArtifactError.self) { try Manifest.parse(Array(text.utf8)) }
        do {
            _ = try Manifest.parse(Array(text.utf8), file: "m.json")
        } catch {
            #expect(error.description.hasPrefix(#"m.json: has "stackSets", which version 2 does not have (they came with version 3)"#))
        }
    }

    @Test func theInstancesAreEveryTargetTimesItsRegionsOnce() {
        let set = Self.roles(targets: [
            Manifest.Target(accounts: ["222222222222"], regions: ["eu-west-1", "us-east-1"]),
            Manifest.Target(accounts: ["222222222222", "444444444444"], regions: ["eu-west-1"]),
        ], overrides: [], preferences: .init())
        #expect(set.instances.map { "\($0.target)/\($0.region)" } == ["222222222222/eu-west-1", "222222222222/us-east-1", "444444444444/eu-west-1"])
    }

    @Test func whatCouldNotDeployIsRefusedNamingTheSet() {
        let accounts = [Manifest.Target(accounts: ["222222222222"], regions: ["eu-west-1"])]
        let cases: [(Manifest.StackSet, String)] = [
            (Self.roles(targets: [], overrides: []), "targets no account or organizational unit"),
            (Self.roles(permissions: .serviceManaged(autoDeployment: nil, delegatedAdmin: false), overrides: []),
             "targets[0] names accounts, but a service-managed StackSet targets organizational units"),
            (Self.roles(targets: [Manifest.Target(organizationalUnits: ["ou-ab12-cdef3456"], regions: ["eu-west-1"])], overrides: [], preferences: .init()),
             "targets[0] names organizational units, but a self-managed StackSet targets accounts"),
            (Self.roles(targets: [Manifest.Target(accounts: ["22"], regions: ["eu-west-1"])], overrides: [], preferences: .init()), "account '22' is not a 12-digit account id"),
            (Self.roles(targets: [Manifest.Target(accounts: ["222222222222"], regions: ["eu-west-1", "eu-west-1"])], overrides: [], preferences: .init()),
             "targets[0] names the region eu-west-1 twice"),
            (Self.roles(targets: [Manifest.Target(accounts: ["222222222222"], regions: [])], overrides: [], preferences: .init()), "targets[0] names no region"),
            (Self.roles(targets: accounts, preferences: .init()), "overrides[0] names '333333333333', which the StackSet does not target"),
            (Self.roles(overrides: [Manifest.Override(targets: ["222222222222"], regions: ["us-east-1"], parameters: [.value(name: "Size", value: "2")])]),
             "overrides[0] names the region us-east-1, which the StackSet does not target"),
            (Self.roles(overrides: [Manifest.Override(targets: ["222222222222"], regions: ["eu-west-1"], parameters: [.fromOutput(name: "Size", stack: "network", output: "Size")])]),
             "overrides take literal values only"),
            (Self.roles(preferences: .init(maxConcurrent: .percentage(101))), "maxConcurrentPercentage 101 must be 1 to 100"),
            (Self.roles(preferences: .init(failureTolerance: .percentage(120))), "failureTolerancePercentage 120 must be 0 to 100"),
            (Self.roles(preferences: .init(maxConcurrent: .count(0))), "maxConcurrentCount 0 must be at least 1"),
            (Self.roles(preferences: .init(regionOrder: ["us-east-1"])), "regionOrder names us-east-1, which no target deploys to"),
            (Self.roles(preferences: .init(regionOrder: ["eu-west-1", "eu-west-1"])), "regionOrder names eu-west-1 twice"),
            (Self.roles(preferences: .init(regionConcurrency: "SOMETIMES")), "regionConcurrencyType 'SOMETIMES' is not SEQUENTIAL or PARALLEL"),
            (Self.roles(dependencies: ["nowhere"]), "depends on 'nowhere', which is not a stack in the manifest"),
        ]
        for (set, expected) in cases {
            let text = problem(Self.manifest(set))
            #expect(text.hasPrefix("m.json: stack 'deploy-roles': "), "\(text)")
            #expect(text.contains(expected), "\(text)")
        }
        #expect(problem(Self.manifest(Self.roles())) == "accepted")
    }

    @Test func aStackSetNamedLikeAStackIsListedTwice() {
        var set = Self.roles()
        set.stack.name = "network"
        set.stack.dependencies = []
        #expect(problem(Self.manifest(set)).contains("stack 'network' is listed twice"))
    }

    @Test func organizationalUnitIDsFollowOrganizationsRules() {
        #expect(OrganizationalUnitID.isValid("ou-ab12-cdef3456"))
        #expect(OrganizationalUnitID.isValid("r-ab12"))
        #expect(!OrganizationalUnitID.isValid("ou-ab1-cdef3456"))
        #expect(!OrganizationalUnitID.isValid("ou-AB12-cdef3456"))
        #expect(!OrganizationalUnitID.isValid("ou-ab12-cdef345"))
        #expect(!OrganizationalUnitID.isValid("r-ab1"))
        #expect(!OrganizationalUnitID.isValid("222222222222"))
    }
}
