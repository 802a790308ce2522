import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// A self-managed StackSet against moto, through the real CLI: its instances are real stacks in the
/// target accounts (read back there), a re-run writes nothing, an account removed from the targets
/// shows in `plan` and goes with `--prune`. Part of the serialized moto suite.
extension MotoIntegrationTests {
    private func setEnvironment(_ transport: any HTTPTransport = URLSessionTransport()) -> AWSEnvironment {
        AWSEnvironment(variables: ["AWS_ENDPOINT_URL": MotoAdmin.url ?? "", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent",
                                   "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "moto-accepts-any-secret"],
                       files: InMemoryFiles([:]), transport: transport)
    }

    private func setInfra(_ arguments: [String], transport: any HTTPTransport = URLSessionTransport()) async -> (status: Int32, console: CapturingConsole) {
        let console = CapturingConsole()
        var runner = CommandRunner(environment: setEnvironment(transport), console: console)
        runner.tuneOptions = { $0.pollInterval = .milliseconds(50) }
        return (await runner.run(arguments), console)
    }

    /// The stacks of `account` in `region` that belong to the set, read with that account's own credentials.
    private func instanceStacks(_ account: String, _ region: String) async throws -> [StackDescription] {
        var place = ArtifactFixture.stack("reader", account: account, stage: nil)
        place.region = region
        let cfn = try AccountSessions(environment: setEnvironment()).cloudFormation(for: place)
        return try await cfn.describeStacks().filter { $0.name.contains("deploy-roles") && $0.status != .deleteComplete }
    }

    @Test func aSelfManagedStackSetCreatesRealStacksInItsTargetAccountsInMoto() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let accounts = ["222222222222", "333333333333", "444444444444"]
        let regions = ["eu-west-1", "eu-central-1"]
        // A named topic: moto names instance stacks `StackSet:<set>`, which no derived topic name may contain.
        let template = #"{"Parameters": {"Size": {"Type": "String"}}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Join": ["-", ["deploy-roles", {"Ref": "Size"}, {"Ref": "AWS::Region"}]]}}}}}"# + "\n"
        func folder(_ targets: [String]) throws -> ArtifactFixture {
            var set = StackSetFixture.set(accounts: targets, regions: regions)
            set.stack.capabilities = []
            return try ArtifactFixture(stacks: [], templates: [set.name: template], stackSets: [set])
        }
        let before = try folder(accounts)
        defer { before.remove() }
        let deployed = await setInfra(["deploy", "--dir", before.path, "--yes"])
        #expect(deployed.status == 0, "\(deployed.console.standardError)")
        #expect(deployed.console.standardOutput.contains("deploy-roles (StackSet)  created"))
        #expect(deployed.console.standardOutput.contains("StackSet deploy-roles: 6 instances (6 CURRENT)"))
        for account in accounts {
            for region in regions {
                let stacks = try await instanceStacks(account, region)
                #expect(stacks.count == 1, "account \(account), \(region): \(stacks.map(\.name))")
                #expect(stacks.first?.status == .createComplete)
                #expect(stacks.first?.parameters.first { $0.key == "Size" }?.value == "1")
            }
        }
        let writes = { (counting: CountingTransport) in counting.actions.filter { !FakeCloudFormation.readActions.contains($0) && !FakeStackSets.readActions.contains($0) } }

        let counting = CountingTransport(URLSessionTransport())
        let again = await setInfra(["deploy", "--dir", before.path], transport: counting)
        #expect(again.status == 0, "\(again.console.standardError)")
        #expect(writes(counting) == [])
        #expect(again.console.standardOutput.contains("deploy-roles (StackSet)  unchanged"))

        let status = await setInfra(["status", "--dir", before.path])
        #expect(status.status == 0)
        #expect(status.console.standardOutput.contains("deploy-roles (StackSet)  ACTIVE"))
        #expect(status.console.standardOutput.contains("444444444444  eu-central-1  "))

        let after = try folder(Array(accounts.dropLast()))
        defer { after.remove() }
        let plan = await setInfra(["plan", "--dir", after.path])
        #expect(plan.status == 0, "\(plan.console.standardError)")
        #expect(plan.console.standardOutput.contains("instance - 444444444444 eu-west-1  not declared: deploy --prune deletes it"))
        #expect(plan.console.standardOutput.contains("instance - 444444444444 eu-central-1  not declared: deploy --prune deletes it"))

        counting.clear()
        let pruned = await setInfra(["deploy", "--dir", after.path, "--prune"], transport: counting)
        #expect(pruned.status == 0, "\(pruned.console.standardError)")
        #expect(writes(counting) == ["DeleteStackInstances"])
        #expect(try await instanceStacks("444444444444", "eu-west-1").isEmpty)
        #expect(try await instanceStacks("444444444444", "eu-central-1").isEmpty)
        #expect(try await instanceStacks("333333333333", "eu-central-1").count == 1)
    }
}
