import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// StackSets on the simulated service (``FakeStackSets``) and on recorded responses: what a deploy
/// writes, what it waits for, how failures are named, and that the calls grow with operations and
/// pages, not with accounts.
@Suite struct StackSetTests {
    private func deploy(_ engine: RolloutEngine, prune: Bool = false, events: Recorder<String> = Recorder()) async throws -> RolloutReport {
        var options = RolloutOptions(approval: .never, pollInterval: .milliseconds(10))
        options.pruneStackInstances = prune
        return try await engine.deploy(options, approver: FixedApproval(.declined)) { event in
            if case .progress(_, let text) = event { events.append(text) }
        }
    }

    private func fixture(_ set: Manifest.StackSet, template: String = StackSetFixture.template) throws -> ArtifactFixture {
        try ArtifactFixture(stacks: [], templates: [set.name: template], stackSets: [set])
    }

    // MARK: Recorded responses

    @Test func recordedFailedAndStoppedOperationsAndOutdatedInstancesAreRead() async throws {
        let transport = ScriptedTransport { request, _ in
            let action = formFields(request)["Action"] ?? ""
            let status = formFields(request)["OperationId"]?.hasPrefix("infra-0a1b") == true ? "STOPPED" : "FAILED"
            switch action {
            case "DescribeStackSetOperation": return xml(Fixture.text("StackSet.recorded.\(status).DescribeStackSetOperation.xml"))
            case "ListStackSetOperationResults": return xml(Fixture.text("StackSet.recorded.\(status).ListStackSetOperationResults.xml"))
            default: return xml(Fixture.text("StackSet.recorded.OUTDATED.ListStackInstances.xml"))
            }
        }
        let cfn = try CloudFormationClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "s")),
                                           environment: testEnvironment(transport: transport), retryPolicy: .none)
        let failed = try await cfn.describeStackSetOperation(stackSetName: "deploy-roles", operationID: "infra-7f3c0e1d2b4a59687a6b5c4d3e2f1a0b")
        #expect(failed.status == "FAILED")
        #expect(failed.statusReason?.contains("exceeded the failure tolerance of 0 in region eu-west-1") == true)
        #expect(!failed.isRunning)
        let results = try await cfn.listStackSetOperationResults(stackSetName: "deploy-roles", operationID: "infra-7f3c0e1d2b4a59687a6b5c4d3e2f1a0b")
        #expect(results.map(\.status) == ["SUCCEEDED", "FAILED", "CANCELLED"])
        #expect(results[1].account == "333333333333" && results[1].region == "eu-west-1")
        #expect(results[1].statusReason?.hasPrefix("ResourceLogicalId:DeployRole") == true)
        // A skipped account gate is no reason.
        #expect(results[0].statusReason == nil)
        let stopped = try await cfn.describeStackSetOperation(stackSetName: "deploy-roles", operationID: "infra-0a1b2c3d4e5f60718293a4b5c6d7e8f9")
        #expect(stopped.status == "STOPPED" && stopped.action == "UPDATE")
        let instances = try await cfn.listStackInstances(stackSetName: "deploy-roles")
        #expect(instances.map(\.status) == ["CURRENT", "OUTDATED", "OUTDATED"])
        #expect(instances.map(\.detailedStatus) == ["SUCCEEDED", "FAILED", "CANCELLED"])
        #expect(instances[2].stackID == nil)
    }

    @Test func aStoppedOperationFailsTheDeployNamingTheCancelledInstances() async throws {
        let set = StackSetFixture.set(accounts: ["222222222222", "333333333333"], regions: ["eu-west-1"])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        fake.injected["DescribeStackSetOperation"] = [xml(Fixture.text("StackSet.recorded.STOPPED.DescribeStackSetOperation.xml"))]
        fake.injected["ListStackSetOperationResults"] = [xml(Fixture.text("StackSet.recorded.STOPPED.ListStackSetOperationResults.xml"))]
        let report = try await deploy(try StackSetFixture.engine(folder, fake))
        let result = try #require(report.results.first)
        #expect(result.outcome == .failed)
        let text = try #require(result.error).description
        #expect(text.hasPrefix("StackSet 'deploy-roles' (account 111111111111, region eu-west-1): CreateStackInstances operation"))
        #expect(text.contains("ended STOPPED"))
        #expect(text.contains("event: account 333333333333, region eu-west-1: CANCELLED: Cancelled since the operation was stopped"))
        #expect(!text.contains("222222222222, region eu-west-1: SUCCEEDED"))
    }

    // MARK: Deploy

    @Test func firstDeployCreatesTheSetAndEveryInstanceInOneOperationAndAReRunWritesNothing() async throws {
        let preferences = Manifest.OperationPreferences(maxConcurrent: .percentage(50), failureTolerance: .count(1), regionOrder: ["eu-west-1", "us-east-1"], regionConcurrency: "PARALLEL")
        let set = StackSetFixture.set(accounts: ["222222222222", "333333333333"], regions: ["eu-west-1", "us-east-1"], preferences: preferences, tags: [StackTag(key: "team", value: "ci")])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        fake.pollsUntilDone = 3
        let engine = try StackSetFixture.engine(folder, fake)
        let report = try await deploy(engine)
        let result = try #require(report.results.first)
        #expect(result.outcome == .created, "\(String(describing: result.error))")
        #expect(fake.writes == ["CreateStackSet", "CreateStackInstances"])
        let create = try #require(fake.parameters(of: "CreateStackInstances").first)
        #expect(create["Accounts.member.1"] == "222222222222" && create["Accounts.member.2"] == "333333333333" && create["Accounts.member.3"] == nil)
        #expect(create["Regions.member.1"] == "eu-west-1" && create["Regions.member.2"] == "us-east-1")
        #expect(create["OperationPreferences.MaxConcurrentPercentage"] == "50")
        #expect(create["OperationPreferences.FailureToleranceCount"] == "1")
        #expect(create["OperationPreferences.RegionOrder.member.2"] == "us-east-1")
        #expect(create["OperationPreferences.RegionConcurrencyType"] == "PARALLEL")
        #expect(create["OperationId"]?.hasPrefix("infra-") == true)
        let createSet = try #require(fake.parameters(of: "CreateStackSet").first)
        #expect(createSet["PermissionModel"] == "SELF_MANAGED" && createSet["Capabilities.member.1"] == "CAPABILITY_NAMED_IAM")
        #expect(createSet["Parameters.member.1.ParameterValue"] == "1" && createSet["Tags.member.1.Key"] == "team" && createSet["Description"] == "deploy roles")
        // Waited with backoff until the operation ended, and reported per instance.
        #expect(fake.count("DescribeStackSetOperation") == 4)
        let instances = try #require(result.stackSet).operationResults
        #expect(instances.count == 4 && instances.allSatisfy { $0.status == "SUCCEEDED" })
        #expect(fake.instances("deploy-roles").allSatisfy { $0.status == "CURRENT" })

        fake.clearCalls()
        let again = try await deploy(engine)
        #expect(again.results.first?.outcome == .unchanged)
        #expect(fake.writes == [])
    }

    @Test func overridesSplitTheCreationIntoOneOperationPerOverrideAndRegionList() async throws {
        let override = Manifest.Override(targets: ["333333333333"], regions: ["eu-west-1"], parameters: [.value(name: "Size", value: "3")])
        let set = StackSetFixture.set(accounts: ["222222222222", "333333333333", "444444444444"], regions: ["eu-west-1", "us-east-1"], overrides: [override])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        #expect(try await deploy(try StackSetFixture.engine(folder, fake)).succeeded)
        let calls = fake.parameters(of: "CreateStackInstances").map { call in
            let values = { (prefix: String) in (1...9).compactMap { call["\(prefix).member.\($0)"] }.joined(separator: ",") }
            return "\(values("Accounts")) × \(values("Regions")) \(call["ParameterOverrides.member.1.ParameterValue"] ?? "-")"
        }
        #expect(calls == ["222222222222,444444444444 × eu-west-1,us-east-1 -", "333333333333 × us-east-1 -", "333333333333 × eu-west-1 3"])
        #expect(fake.instances("deploy-roles").count == 6)
        #expect(fake.instances("deploy-roles").first { $0.account == "333333333333" && $0.region == "eu-west-1" }?.overrides == ["Size": "3"])
        fake.clearCalls()
        #expect(try await deploy(try StackSetFixture.engine(folder, fake)).results.first?.outcome == .unchanged)
        #expect(fake.writes == [])
    }

    @Test func callsGrowWithOperationsAndPagesNotWithAccounts() async throws {
        func run(_ accounts: Int) async throws -> (first: [String: Int], again: [String: Int], writes: [String]) {
            let set = StackSetFixture.set(accounts: StackSetFixture.accounts(accounts))
            let folder = try fixture(set)
            defer { folder.remove() }
            let fake = FakeStackSets()
            let engine = try StackSetFixture.engine(folder, fake)
            let report = try await deploy(engine)
            #expect(report.succeeded, "\(String(describing: report.firstError))")
            #expect(fake.instances("deploy-roles").count == accounts * 3)
            let first = Dictionary(fake.actions().map { ($0, 1) }, uniquingKeysWith: +)
            let writes = fake.writes
            fake.clearCalls()
            _ = try await deploy(engine)
            #expect(fake.writes == [])
            return (first, Dictionary(fake.actions().map { ($0, 1) }, uniquingKeysWith: +), writes)
        }
        let small = try await run(50)
        let large = try await run(500)
        // One operation for every account and region: the same writes.
        #expect(small.writes == ["CreateStackSet", "CreateStackInstances"])
        #expect(large.writes == small.writes)
        let paged: Set<String> = ["ListStackInstances", "ListStackSetOperationResults"]
        for action in Set(small.first.keys).union(large.first.keys).subtracting(paged) {
            #expect(small.first[action] == large.first[action], "\(action): \(small.first[action] ?? 0) calls for 50 accounts, \(large.first[action] ?? 0) for 500")
        }
        // Only the pages of 100 grow: 150 and 1,500 instances.
        #expect(small.first["ListStackSetOperationResults"] == 2 && large.first["ListStackSetOperationResults"] == 15)
        #expect(small.first["ListStackInstances"] == 2 + 0 && large.first["ListStackInstances"] == 15)
        for action in Set(small.again.keys).union(large.again.keys).subtracting(paged) { #expect(small.again[action] == large.again[action], "\(action)") }
        #expect(small.again["ListStackInstances"] == 2 && large.again["ListStackInstances"] == 15)
        let total = { (counts: [String: Int]) in counts.values.reduce(0, +) }
        #expect(total(large.first) - total(small.first) == (15 - 2) * 2)
    }

    @Test func aRemovedAccountIsListedByPlanAndDeletedOnlyWithPrune() async throws {
        let accounts = ["222222222222", "333333333333", "444444444444"]
        let fake = FakeStackSets()
        let before = try fixture(StackSetFixture.set(accounts: accounts, regions: ["eu-west-1"]))
        defer { before.remove() }
        #expect(try await deploy(try StackSetFixture.engine(before, fake)).succeeded)
        let after = try fixture(StackSetFixture.set(accounts: Array(accounts.dropLast()), regions: ["eu-west-1"]))
        defer { after.remove() }
        let engine = try StackSetFixture.engine(after, fake)
        fake.clearCalls()
        let plans = try await engine.plan(stages: nil, stacks: [])
        let plan = try #require(plans.first)
        #expect(plan.action == .noChange)
        #expect(plan.stackSet?.undeclared == [Manifest.Instance(target: "444444444444", region: "eu-west-1")])
        #expect(Reports.planText(plans).contains("instance - 444444444444 eu-west-1  not declared: deploy --prune deletes it"))
        #expect(fake.writes == [])

        let unpruned = try await deploy(engine)
        #expect(unpruned.results.first?.outcome == .unchanged)
        #expect(unpruned.results.first?.stackSet?.undeclared.count == 1)
        #expect(fake.writes == [])
        #expect(Reports.summary(unpruned).contains("1 not declared (deploy --prune deletes it): 444444444444 eu-west-1"))

        let pruned = try await deploy(engine, prune: true)
        #expect(pruned.results.first?.outcome == .updated)
        #expect(fake.writes == ["DeleteStackInstances"])
        let delete = try #require(fake.parameters(of: "DeleteStackInstances").first)
        #expect(delete["Accounts.member.1"] == "444444444444" && delete["Accounts.member.2"] == nil && delete["RetainStacks"] == "false")
        #expect(fake.instances("deploy-roles").map(\.account) == Array(accounts.dropLast()))
    }

    @Test func aFailedOperationExitsOneNamingEachFailedAccountRegionAndReasonAndTheNextRunRetriesThem() async throws {
        let set = StackSetFixture.set(accounts: ["222222222222", "333333333333", "444444444444"], regions: ["eu-west-1", "us-east-1"])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        fake.failing = ["333333333333|us-east-1": "ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:deploy-role already exists."]
        let (status, console) = await runCLI(["deploy", "--dir", folder.path], fake)
        #expect(status == 1)
        #expect(console.standardError.contains("error: StackSet 'deploy-roles' (account 111111111111, region eu-west-1): CreateStackInstances operation infra-"))
        #expect(console.standardError.contains("event: account 333333333333, region us-east-1: FAILED: ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:deploy-role already exists."))
        #expect(!console.standardError.contains("account 222222222222, region"))
        // Per instance in the summary, the failed one with its status.
        #expect(console.standardOutput.contains("-      333333333333  us-east-1    instance               FAILED     OUTDATED (FAILED: ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:deploy-role already exists.)  -\n"))
        #expect(console.standardOutput.contains("StackSet deploy-roles: 6 instances (5 CURRENT, 1 OUTDATED)\n"))

        // Fixed: the next run retries the instances the failure left OUTDATED, and only those, with a new operation id.
        fake.failing = [:]
        fake.clearCalls()
        let (again, _) = await runCLI(["deploy", "--dir", folder.path], fake)
        #expect(again == 0)
        #expect(fake.writes == ["CreateStackInstances"])
        let retry = try #require(fake.parameters(of: "CreateStackInstances").first)
        #expect(retry["Accounts.member.1"] == "333333333333" && retry["Accounts.member.2"] == nil && retry["Regions.member.1"] == "us-east-1" && retry["Regions.member.2"] == nil)
        #expect(fake.operations("deploy-roles").count == 2)
        #expect(fake.instances("deploy-roles").allSatisfy { $0.status == "CURRENT" })
    }

    @Test func anOperationAlreadyRunningIsWaitedForNotFought() async throws {
        let accounts = ["222222222222", "333333333333"]
        let set = StackSetFixture.set(accounts: accounts, regions: ["eu-west-1"])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        fake.pollsUntilDone = 2
        // Left by an interrupted run: the set, one instance, and an operation still running.
        fake.seed("deploy-roles", template: StackSetFixture.template, parameters: ["Size": "1"], capabilities: ["CAPABILITY_NAMED_IAM"],
                  instances: [FakeStackSets.Instance(account: "222222222222", region: "eu-west-1")], running: "infra-interrupted")
        let events = Recorder<String>()
        let report = try await deploy(try StackSetFixture.engine(folder, fake), events: events)
        #expect(report.succeeded, "\(String(describing: report.firstError))")
        #expect(events.all.contains { $0.contains("operation infra-interrupted (UPDATE) is RUNNING; waiting for it to finish") })
        let actions = fake.actions()
        let firstWrite = try #require(actions.firstIndex(of: "CreateStackInstances"))
        let polls = actions.indices.filter { actions[$0] == "DescribeStackSetOperation" && fake.calls[$0].parameters["OperationId"] == "infra-interrupted" }
        #expect(polls.count == 3 && polls.allSatisfy { $0 < firstWrite })
        #expect(fake.writes == ["CreateStackInstances"])

        // OperationInProgressException on the write itself: found, waited for, the call made again.
        let more = try fixture(StackSetFixture.set(accounts: accounts + ["444444444444"], regions: ["eu-west-1"]))
        defer { more.remove() }
        fake.clearCalls()
        fake.injected["CreateStackInstances"] = [xml(Fixture.fill("Error.OperationInProgress.xml", ["Name": "deploy-roles", "Account": "111111111111"]), status: 400)]
        let second = try await deploy(try StackSetFixture.engine(more, fake), events: events)
        #expect(second.succeeded, "\(String(describing: second.firstError))")
        #expect(fake.count("CreateStackInstances") == 2)
        #expect(events.all.contains("another operation is running on the set; waiting for it"))
    }

    @Test func anInterruptedRunLeavesAnOperationTheNextRunWaitsForInsteadOfStartingAnother() async throws {
        let set = StackSetFixture.set(accounts: ["222222222222", "333333333333"], regions: ["eu-west-1"])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        fake.pollsUntilDone = 1_000_000
        let engine = try StackSetFixture.engine(folder, fake)
        let run = Task { try await deploy(engine) }
        while fake.count("DescribeStackSetOperation") < 3 { try await Task.sleep(for: .milliseconds(5)) }
        run.cancel()  // Ctrl-C while CloudFormation runs the operation
        let interrupted = try await run.value
        #expect(interrupted.results.first?.error?.code == .cancelled)
        #expect(fake.operations("deploy-roles").map(\.status) == ["RUNNING"])

        fake.finishRunning()
        fake.clearCalls()
        let events = Recorder<String>()
        let next = try await deploy(engine, events: events)
        #expect(next.succeeded, "\(String(describing: next.firstError))")
        #expect(events.all.contains { $0.hasSuffix("(CREATE) is RUNNING; waiting for it to finish") })
        // What the interrupted operation did is all there is to do: nothing more is written.
        #expect(fake.writes == [])
        #expect(fake.operations("deploy-roles").count == 1)
        #expect(fake.instances("deploy-roles").allSatisfy { $0.status == "CURRENT" })
    }

    @Test func aRetriedCallCarriesTheSameOperationIdAndStartsOneOperation() async throws {
        let set = StackSetFixture.set(accounts: ["222222222222"], regions: ["eu-west-1"])
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        // The first answer is lost (a 503): the retry policy sends the same call again.
        fake.injected["CreateStackInstances"] = [xml("<html>Service Unavailable</html>", status: 503)]
        let report = try await deploy(try StackSetFixture.engine(folder, fake))
        #expect(report.succeeded, "\(String(describing: report.firstError))")
        let ids = fake.parameters(of: "CreateStackInstances").map { $0["OperationId"] }
        #expect(ids.count == 2 && ids[0] != nil && ids[0] == ids[1])
        #expect(fake.operations("deploy-roles").count == 1)
    }

    @Test func changedOverridesUpdateOnlyTheirInstancesAndASetChangeCarriesThePreferences() async throws {
        let accounts = ["222222222222", "333333333333"]
        let fake = FakeStackSets()
        fake.seed("deploy-roles", template: StackSetFixture.template, parameters: ["Size": "1"], capabilities: ["CAPABILITY_NAMED_IAM"],
                  instances: accounts.map { FakeStackSets.Instance(account: $0, region: "eu-west-1") })
        let override = Manifest.Override(targets: ["333333333333"], regions: ["eu-west-1"], parameters: [.value(name: "Size", value: "3")])
        let set = StackSetFixture.set(accounts: accounts, regions: ["eu-west-1"], overrides: [override], preferences: Manifest.OperationPreferences(maxConcurrent: .count(5)))
        let folder = try fixture(set)
        defer { folder.remove() }
        let engine = try StackSetFixture.engine(folder, fake)
        let plan = try #require(try await engine.plan(stages: nil, stacks: []).first)
        #expect(plan.action == .update)
        #expect(plan.stackSet?.update == [Manifest.Instance(target: "333333333333", region: "eu-west-1")])
        #expect(plan.note?.contains("operation preferences are not stored by CloudFormation") == true)
        fake.clearCalls()
        #expect(try await deploy(engine).succeeded)
        #expect(fake.writes == ["UpdateStackInstances"])
        let update = try #require(fake.parameters(of: "UpdateStackInstances").first)
        #expect(update["Accounts.member.1"] == "333333333333" && update["Accounts.member.2"] == nil)
        #expect(update["ParameterOverrides.member.1.ParameterKey"] == "Size" && update["ParameterOverrides.member.1.ParameterValue"] == "3")
        #expect(update["OperationPreferences.MaxConcurrentCount"] == "5")
        // Only the overridden instance is read one by one.
        #expect(fake.parameters(of: "DescribeStackInstance").map { $0["StackInstanceAccount"] } == ["333333333333"])

        // A template change updates the set and all its instances in one operation, with the preferences.
        let changed = try fixture(set, template: StackSetFixture.template.replacingOccurrences(of: "\"Role\"", with: "\"DeployRole\""))
        defer { changed.remove() }
        fake.clearCalls()
        let report = try await deploy(try StackSetFixture.engine(changed, fake))
        #expect(report.results.first?.outcome == .updated)
        #expect(fake.writes == ["UpdateStackSet"])
        let updateSet = try #require(fake.parameters(of: "UpdateStackSet").first)
        #expect(updateSet["OperationPreferences.MaxConcurrentCount"] == "5" && updateSet["TemplateBody"]?.contains("DeployRole") == true)
    }

    @Test func aServiceManagedSetTargetsOrganizationalUnitsAsADelegatedAdministrator() async throws {
        var set = StackSetFixture.set(accounts: [], regions: ["eu-west-1"])
        set.permissions = .serviceManaged(autoDeployment: Manifest.AutoDeployment(enabled: true, retainStacksOnAccountRemoval: true), delegatedAdmin: true)
        set.targets = [Manifest.Target(organizationalUnits: ["ou-ab12-34cd56ef"], regions: ["eu-west-1"])]
        let folder = try fixture(set)
        defer { folder.remove() }
        let fake = FakeStackSets()
        #expect(try await deploy(try StackSetFixture.engine(folder, fake)).succeeded)
        let createSet = try #require(fake.parameters(of: "CreateStackSet").first)
        #expect(createSet["PermissionModel"] == "SERVICE_MANAGED" && createSet["CallAs"] == "DELEGATED_ADMIN")
        #expect(createSet["AutoDeployment.Enabled"] == "true" && createSet["AutoDeployment.RetainStacksOnAccountRemoval"] == "true")
        #expect(createSet["AdministrationRoleARN"] == nil && createSet["ExecutionRoleName"] == nil)
        let create = try #require(fake.parameters(of: "CreateStackInstances").first)
        #expect(create["DeploymentTargets.OrganizationalUnitIds.member.1"] == "ou-ab12-34cd56ef" && create["Accounts.member.1"] == nil)
        #expect(create["CallAs"] == "DELEGATED_ADMIN")
        // Every read of the set says who is asking, too.
        #expect(fake.parameters(of: "DescribeStackSet").allSatisfy { $0["CallAs"] == "DELEGATED_ADMIN" })
        #expect(fake.parameters(of: "DescribeStackSetOperation").allSatisfy { $0["CallAs"] == "DELEGATED_ADMIN" })
    }

    @Test func planStatusAndDiffShowTheSetAndItsInstancesInTheStageOrder() async throws {
        var set = StackSetFixture.set(accounts: ["222222222222", "333333333333"], regions: ["eu-west-1"], stage: "production")
        set.stack.dependencies = ["tooling"]
        let tooling = ArtifactFixture.stack("tooling", account: "111111111111", stage: "production")
        let folder = try ArtifactFixture(stacks: [tooling], templates: [set.name: StackSetFixture.template], stackSets: [set])
        defer { folder.remove() }
        let fake = FakeStackSets()
        let engine = try StackSetFixture.engine(folder, fake)
        let selection = try engine.selection(stages: nil, stacks: [], includeStackSets: true)
        #expect(selection.map { $0.stacks.map(\.name) } == [["tooling", "deploy-roles"]])
        #expect(try engine.selection(stages: nil, stacks: []).map { $0.stacks.map(\.name) } == [["tooling"]])
        let plans = try await engine.plan(stages: nil, stacks: ["deploy-roles"])
        let text = Reports.planText(plans)
        #expect(text.contains("production / 111111111111 / deploy-roles (StackSet, eu-west-1): create"))
        #expect(text.contains("  instance + 222222222222 eu-west-1\n  instance + 333333333333 eu-west-1\n"))
        #expect(text.contains("broadening: Role"))
        #expect(fake.writes == [])

        fake.seed("deploy-roles", template: StackSetFixture.template, parameters: ["Size": "2"], capabilities: ["CAPABILITY_NAMED_IAM"],
                  instances: [FakeStackSets.Instance(account: "222222222222", region: "eu-west-1", status: "OUTDATED", reason: "User initiated stop", detailed: "CANCELLED")])
        let states = try await engine.status(stages: nil, stacks: ["deploy-roles"])
        let status = Reports.statusText(states)
        #expect(status.contains("deploy-roles (StackSet)  ACTIVE"))
        #expect(status.contains("222222222222  eu-west-1  "))
        #expect(status.contains("OUTDATED (CANCELLED: User initiated stop)"))
        #expect(states.first?.upToDate == false)
        let diff = try #require(try await engine.diff(stages: nil, stacks: ["deploy-roles"]).first)
        #expect(diff.parameterChanges == ["Size: 2 → 1"])
        #expect(diff.stackSetChanges.contains("instance + 333333333333 eu-west-1"))
        #expect(diff.stackSetChanges.contains("instance ~ 222222222222 eu-west-1"))
        #expect(fake.writes == [])
    }

    @Test func pruneNeverDeletesAStackSetInstanceStackDirectly() async throws {
        let app = ArtifactFixture.stack("app", account: "222222222222", stage: nil, tags: [StackTag(key: Manifest.appTagKey, value: "demo")])
        let folder = try ArtifactFixture(stacks: [app], templates: [:], app: "demo")
        defer { folder.remove() }
        let fake = FakeCloudFormation()
        let tag = [Manifest.appTagKey: "demo"]
        fake.seed("app", account: "222222222222", status: "CREATE_COMPLETE", tags: tag)
        fake.seed("old", account: "222222222222", status: "CREATE_COMPLETE", tags: tag)
        // The set's tags (the app's among them) reach its instance stacks.
        fake.seed("StackSet-deploy-roles-0f1e2d3c", account: "222222222222", status: "CREATE_COMPLETE", tags: tag)
        let engine = RolloutEngine(artifacts: try ArtifactFolder.load(path: folder.path),
                                   sessions: AccountSessions(environment: testEnvironment(["AWS_REGION": "eu-west-1"], transport: fake),
                                                             baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "s"))))
        #expect(try await engine.undeclaredStacks().map(\.stack.name) == ["old"])
    }

    private func runCLI(_ arguments: [String], _ fake: FakeStackSets) async -> (Int32, CapturingConsole) {
        let console = CapturingConsole()
        let environment = testEnvironment(["AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKIABASEKEY", "AWS_SECRET_ACCESS_KEY": "base-secret-key-never-printed"], transport: fake)
        var runner = CommandRunner(environment: environment, console: console)
        runner.tuneOptions = { $0.pollInterval = .milliseconds(10) }
        return (await runner.run(arguments), console)
    }
}
