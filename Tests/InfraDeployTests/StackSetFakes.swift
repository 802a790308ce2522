import Foundation
@testable import InfraDeploy

/// A simulated CloudFormation StackSets service (and STS) behind the transport seam, answering with
/// the `StackSet.*` fixtures: sets, instances, operations that run for `pollsUntilDone` describes,
/// pages of 100 as AWS pages them, `OperationInProgressException` while an operation runs, and
/// `OperationId` as the idempotency token it is. Accounts come from the signing key, as in
/// ``FakeCloudFormation``.
final class FakeStackSets: HTTPTransport, @unchecked Sendable {
    struct StackSet {
        var template: String; var parameters: [String: String]; var tags: [String: String]; var capabilities: [String]
        var description: String?; var permissionModel: String; var administrationRoleARN: String; var executionRoleName: String
    }
    struct Instance { var account: String; var region: String; var status = "CURRENT"; var reason: String?; var detailed = "SUCCEEDED"; var overrides: [String: String] = [:]; var lastOperation = "" }
    struct Operation { var id: String; var action: String; var status: String; var remainingPolls: Int; var results: [(account: String, region: String, status: String, reason: String?)] }

    private let lock = NSLock()
    private(set) var sets: [String: StackSet] = [:]
    private var instanceList: [String: [Instance]] = [:]
    /// Newest first, per set.
    private var operationList: [String: [Operation]] = [:]
    private(set) var calls: [(account: String, action: String, parameters: [String: String])] = []
    /// `account|region` pairs whose instance operations fail, with the reason.
    var failing: [String: String] = [:]
    /// How many `DescribeStackSetOperation` answers say RUNNING before the operation ends.
    var pollsUntilDone = 1
    /// How many results or instances one page holds (AWS: at most 100).
    var pageSize = 100
    /// Responses served instead of the real answer, per action, first in first out.
    var injected: [String: [HTTPResponse]] = [:]
    private var counter = 0

    static let readActions: Set<String> = [
        "DescribeStackSet", "ListStackInstances", "DescribeStackInstance", "DescribeStackSetOperation", "ListStackSetOperations", "ListStackSetOperationResults",
        "GetCallerIdentity", "AssumeRole",
    ]

    func actions() -> [String] { lock.locked { calls.map(\.action) } }
    var writes: [String] { actions().filter { !Self.readActions.contains($0) } }
    func count(_ action: String) -> Int { actions().filter { $0 == action }.count }
    func parameters(of action: String) -> [[String: String]] { lock.locked { calls.filter { $0.action == action }.map(\.parameters) } }
    func instances(_ set: String) -> [Instance] { lock.locked { instanceList[set] ?? [] } }
    func operations(_ set: String) -> [Operation] { lock.locked { operationList[set] ?? [] } }
    func clearCalls() { lock.locked { calls = [] } }
    /// Lets every running operation end at its next describe.
    func finishRunning() { lock.locked { for (name, operations) in operationList { operationList[name] = operations.map { var o = $0; o.remainingPolls = 0; return o } } } }

    /// A set that exists already, with instances and optionally a running operation.
    func seed(_ name: String, template: String, parameters: [String: String] = [:], tags: [String: String] = [:], capabilities: [String] = [], instances: [Instance] = [],
              running: String? = nil, description: String? = "deploy roles") {
        lock.locked {
            sets[name] = StackSet(template: template, parameters: parameters, tags: tags, capabilities: capabilities, description: description, permissionModel: "SELF_MANAGED",
                                  administrationRoleARN: "arn:aws:iam::111111111111:role/AWSCloudFormationStackSetAdministrationRole", executionRoleName: "AWSCloudFormationStackSetExecutionRole")
            instanceList[name] = instances
            if let running { operationList[name, default: []].insert(Operation(id: running, action: "UPDATE", status: "RUNNING", remainingPolls: pollsUntilDone, results: []), at: 0) }
        }
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let parameters = formFields(request)
        let action = parameters["Action"] ?? ""
        let account = FakeCloudFormation.callerAccount(request)
        return lock.locked {
            calls.append((account, action, parameters))
            if let response = FakeCloudFormation.takeInjected(&injected, for: action) { return response }
            return answer(action, parameters, account: account)
        }
    }

    // MARK: Answers

    private func list(_ p: [String: String], _ prefix: String) -> [String] {
        var values: [String] = []
        for index in 1... {
            guard let value = p["\(prefix).member.\(index)"] else { break }
            values.append(value)
        }
        return values
    }

    private func pairs(_ p: [String: String], _ prefix: String, key: String, value: String) -> [String: String] {
        var result: [String: String] = [:]
        for index in 1... {
            guard let name = p["\(prefix).member.\(index).\(key)"] else { break }
            result[name] = p["\(prefix).member.\(index).\(value)"] ?? ""
        }
        return result
    }

    private func members(_ pairs: [String: String], key: String, value: String) -> String {
        pairs.keys.sorted().map { "<member><\(key)>\(Fixture.escape($0))</\(key)><\(value)>\(Fixture.escape(pairs[$0]!))</\(value)></member>" }.joined()
    }

    private func error(_ fixture: String, _ values: [String: String]) -> HTTPResponse { xml(Fixture.fill(fixture, values), status: 400) }

    private func page<T>(_ items: [T], _ p: [String: String]) -> (items: ArraySlice<T>, next: String) {
        let start = Int(p["NextToken"] ?? "0") ?? 0
        let end = min(items.count, start + pageSize)
        return (items[start..<end], end < items.count ? "<NextToken>\(end)</NextToken>" : "")
    }

    private func answer(_ action: String, _ p: [String: String], account: String) -> HTTPResponse {
        let name = p["StackSetName"] ?? ""
        switch action {
        case "AssumeRole":
            let roleAccount = p["RoleArn"]?.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? "000000000000"
            return xml(Fixture.fill("AssumeRole.xml", ["Account": roleAccount, "AccessKeyId": "ASIA\(roleAccount)", "SecretKey": "assumed-secret-\(roleAccount)", "SessionToken": "assumed-token-\(roleAccount)"]))
        case "GetCallerIdentity":
            return xml(Fixture.fill("GetCallerIdentity.xml", ["Account": account]))
        case "CreateStackSet":
            sets[name] = StackSet(template: p["TemplateBody"] ?? "", parameters: pairs(p, "Parameters", key: "ParameterKey", value: "ParameterValue"),
                                  tags: pairs(p, "Tags", key: "Key", value: "Value"), capabilities: list(p, "Capabilities"), description: p["Description"],
                                  permissionModel: p["PermissionModel"] ?? "SELF_MANAGED",
                                  administrationRoleARN: p["AdministrationRoleARN"] ?? "arn:aws:iam::\(account):role/AWSCloudFormationStackSetAdministrationRole",
                                  executionRoleName: p["ExecutionRoleName"] ?? "AWSCloudFormationStackSetExecutionRole")
            return xml(Fixture.fill("StackSet.CreateStackSet.xml", ["Name": name]))
        case "DescribeStackSet":
            guard let set = sets[name] else { return error("Error.StackSetNotFound.xml", ["Name": name]) }
            return xml(Fixture.fill("StackSet.DescribeStackSet.xml", [
                "Name": name, "Account": account, "TemplateBody": Fixture.escape(set.template),
                "Description": set.description.map { "<Description>\(Fixture.escape($0))</Description>" } ?? "",
                "Parameters": members(set.parameters, key: "ParameterKey", value: "ParameterValue"), "Tags": members(set.tags, key: "Key", value: "Value"),
                "Capabilities": set.capabilities.map { "<member>\($0)</member>" }.joined(), "PermissionModel": set.permissionModel,
                "AdministrationRoleARN": set.administrationRoleARN, "ExecutionRoleName": set.executionRoleName,
            ]))
        case "ListStackInstances":
            guard sets[name] != nil else { return error("Error.StackSetNotFound.xml", ["Name": name]) }
            let (items, next) = page(instanceList[name] ?? [], p)
            let summaries = items.map {
                Fixture.fill("StackSet.ListStackInstances.member.xml", [
                    "Name": name, "Account": $0.account, "Region": $0.region, "Status": $0.status, "DetailedStatus": $0.detailed, "LastOperationId": $0.lastOperation,
                    "StatusReason": $0.reason.map { "<StatusReason>\(Fixture.escape($0))</StatusReason>" } ?? "",
                ])
            }.joined()
            return xml(Fixture.fill("StackSet.ListStackInstances.xml", ["Summaries": summaries, "NextToken": next]))
        case "DescribeStackInstance":
            guard let instance = instanceList[name]?.first(where: { $0.account == p["StackInstanceAccount"] && $0.region == p["StackInstanceRegion"] }) else {
                return error("Error.StackSetNotFound.xml", ["Name": name])
            }
            return xml(Fixture.fill("StackSet.DescribeStackInstance.xml", ["Name": name, "Account": instance.account, "Region": instance.region,
                                                                            "ParameterOverrides": members(instance.overrides, key: "ParameterKey", value: "ParameterValue")]))
        case "ListStackSetOperations":
            guard sets[name] != nil else { return error("Error.StackSetNotFound.xml", ["Name": name]) }
            let summaries = (operationList[name] ?? []).map { Fixture.fill("StackSet.ListStackSetOperations.member.xml", ["OperationId": $0.id, "Action": $0.action, "Status": $0.status]) }.joined()
            return xml(Fixture.fill("StackSet.ListStackSetOperations.xml", ["Summaries": summaries]))
        case "DescribeStackSetOperation":
            guard let index = operationList[name]?.firstIndex(where: { $0.id == p["OperationId"] }) else { return error("Error.StackSetNotFound.xml", ["Name": name]) }
            var operation = operationList[name]![index]
            if operation.status == "RUNNING" {
                if operation.remainingPolls > 0 { operation.remainingPolls -= 1 } else { finish(name, &operation) }
                operationList[name]![index] = operation
            }
            return xml(Fixture.fill("StackSet.DescribeStackSetOperation.xml", [
                "OperationId": operation.id, "Name": name, "Account": account, "Action": operation.action, "Status": operation.status,
                "StatusReason": operation.status == "FAILED" ? "<StatusReason>The Operation \(operation.id) has exceeded the failure tolerance of 0.</StatusReason>" : "",
                "FailedCount": String(operation.results.filter { $0.status == "FAILED" }.count),
            ]))
        case "ListStackSetOperationResults":
            guard let operation = operationList[name]?.first(where: { $0.id == p["OperationId"] }) else { return error("Error.StackSetNotFound.xml", ["Name": name]) }
            let (items, next) = page(operation.results, p)
            let summaries = items.map {
                Fixture.fill("StackSet.ListStackSetOperationResults.member.xml", ["Account": $0.account, "Region": $0.region, "Status": $0.status,
                                                                                   "StatusReason": $0.reason.map { "<StatusReason>\(Fixture.escape($0))</StatusReason>" } ?? ""])
            }.joined()
            return xml(Fixture.fill("StackSet.ListStackSetOperationResults.xml", ["Summaries": summaries, "NextToken": next]))
        case "UpdateStackSet", "CreateStackInstances", "UpdateStackInstances", "DeleteStackInstances":
            guard var set = sets[name] else { return error("Error.StackSetNotFound.xml", ["Name": name]) }
            let id = p["OperationId"] ?? { counter += 1; return "generated-\(counter)" }()
            // The id is the idempotency token: the same one again is the same operation.
            if operationList[name]?.contains(where: { $0.id == id }) == true { return xml(Fixture.fill("StackSet.Operation.xml", ["Action": action, "OperationId": id])) }
            if operationList[name]?.contains(where: { $0.status == "RUNNING" }) == true { return error("Error.OperationInProgress.xml", ["Name": name, "Account": account]) }
            let accounts = list(p, "Accounts"), regions = list(p, "Regions")
            var places: [(String, String)] = []
            switch action {
            case "UpdateStackSet":
                set.template = p["TemplateBody"] ?? set.template
                set.parameters = pairs(p, "Parameters", key: "ParameterKey", value: "ParameterValue")
                set.tags = pairs(p, "Tags", key: "Key", value: "Value")
                set.capabilities = list(p, "Capabilities")
                set.description = p["Description"]
                sets[name] = set
                places = (instanceList[name] ?? []).map { ($0.account, $0.region) }
            case "CreateStackInstances":
                for region in regions {
                    // An OUTDATED instance is retried, as a new CreateStackInstances does on AWS.
                    for target in accounts {
                        if let at = instanceList[name]?.firstIndex(where: { $0.account == target && $0.region == region }) {
                            if instanceList[name]![at].status == "OUTDATED" { places.append((target, region)) }
                            continue
                        }
                        instanceList[name, default: []].append(Instance(account: target, region: region, status: "OUTDATED", detailed: "PENDING",
                                                                       overrides: pairs(p, "ParameterOverrides", key: "ParameterKey", value: "ParameterValue"), lastOperation: id))
                        places.append((target, region))
                    }
                }
            default:
                for region in regions { for target in accounts { places.append((target, region)) } }
                if action == "UpdateStackInstances" {
                    let overrides = pairs(p, "ParameterOverrides", key: "ParameterKey", value: "ParameterValue")
                    for (index, instance) in (instanceList[name] ?? []).enumerated() where accounts.contains(instance.account) && regions.contains(instance.region) {
                        instanceList[name]![index].overrides = overrides
                    }
                }
            }
            let verb = ["UpdateStackSet": "UPDATE", "CreateStackInstances": "CREATE", "UpdateStackInstances": "UPDATE", "DeleteStackInstances": "DELETE"][action]!
            operationList[name, default: []].insert(Operation(id: id, action: verb, status: "RUNNING", remainingPolls: pollsUntilDone,
                                                              results: places.map { ($0.0, $0.1, "PENDING", nil) }), at: 0)
            return xml(Fixture.fill("StackSet.Operation.xml", ["Action": action, "OperationId": id]))
        default:
            return xml(Fixture.text("Error.InternalFailure.html"), status: 500)
        }
    }

    /// Ends a running operation: every place succeeds unless `failing` names it.
    private func finish(_ set: String, _ operation: inout Operation) {
        var failed = false
        for (index, result) in operation.results.enumerated() {
            let reason = operation.action == "DELETE" ? nil : failing["\(result.account)|\(result.region)"]
            operation.results[index].status = reason == nil ? "SUCCEEDED" : "FAILED"
            operation.results[index].reason = reason
            failed = failed || reason != nil
            guard let at = instanceList[set]?.firstIndex(where: { $0.account == result.account && $0.region == result.region }) else { continue }
            if operation.action == "DELETE" && reason == nil {
                instanceList[set]!.remove(at: at)
            } else {
                instanceList[set]![at].status = reason == nil ? "CURRENT" : "OUTDATED"
                instanceList[set]![at].detailed = reason == nil ? "SUCCEEDED" : "FAILED"
                instanceList[set]![at].reason = reason
                instanceList[set]![at].lastOperation = operation.id
            }
        }
        operation.status = failed ? "FAILED" : "SUCCEEDED"
    }
}

/// Manifests with one StackSet, for the StackSet tests.
enum StackSetFixture {
    static let admin = "111111111111"

    /// `count` 12-digit target accounts starting at 200000000000.
    static func accounts(_ count: Int) -> [String] { (0..<count).map { String(200_000_000_000 + $0) } }

    static func set(_ name: String = "deploy-roles", accounts: [String], regions: [String] = ["eu-west-1", "eu-central-1", "us-east-1"], stage: String? = nil,
                    overrides: [Manifest.Override] = [], preferences: Manifest.OperationPreferences = Manifest.OperationPreferences(), tags: [StackTag] = []) -> Manifest.StackSet {
        var stack = ArtifactFixture.stack(name, account: admin, stage: stage, parameters: [.value(name: "Size", value: "1")], tags: tags)
        stack.capabilities = ["CAPABILITY_NAMED_IAM"]
        return Manifest.StackSet(stack: stack, description: "deploy roles", permissions: .selfManaged(administrationRoleARN: nil, executionRoleName: nil),
                                 targets: [Manifest.Target(accounts: accounts, regions: regions)], overrides: overrides, preferences: preferences)
    }

    static let template = "{\"Parameters\": {\"Size\": {\"Type\": \"String\"}}, \"Resources\": {\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111111111111:root\"}, \"Action\": \"sts:AssumeRole\"}]}}}}}\n"

    static func engine(_ fixture: ArtifactFixture, _ fake: any HTTPTransport) throws -> RolloutEngine {
        RolloutEngine(artifacts: try ArtifactFolder.load(path: fixture.path),
                      sessions: AccountSessions(environment: testEnvironment(["AWS_REGION": "eu-west-1"], transport: fake),
                                                baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "base-secret")),
                                                retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2))))
    }
}
