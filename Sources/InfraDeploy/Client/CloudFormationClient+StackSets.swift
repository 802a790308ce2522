import Foundation
import InfraArtifact

/// CloudFormation StackSets: the set itself, its stack instances and the operations that change them.
///
/// Every call that starts an operation takes an `OperationId`: CloudFormation runs one operation per
/// id, so a call retried after a lost answer (``RetryPolicy``) does not start a second one.
extension CloudFormationClient {
    /// The StackSet called `name`, or `nil` when it does not exist (`StackSetNotFoundException`).
    public func describeStackSet(named name: String, callAs: String? = nil) async throws -> StackSetDescription? {
        do {
            let result = try await query.perform("DescribeStackSet", [("StackSetName", name)] + Self.callAs(callAs))
            guard let node = result.child("StackSet") else { throw QueryResponseShape.missing("StackSet", in: "DescribeStackSet", query) }
            return StackSetDescription(
                name: node.string("StackSetName") ?? name, id: node.string("StackSetId") ?? "", status: node.string("Status") ?? "",
                description: node.string("Description"), templateBody: node.string("TemplateBody") ?? "",
                parameters: node.members("Parameters").map { StackParameter(key: $0.string("ParameterKey") ?? "", value: $0.string("ParameterValue") ?? "") },
                capabilities: node.members("Capabilities").map(\.text),
                tags: node.members("Tags").map { StackTag(key: $0.string("Key") ?? "", value: $0.string("Value") ?? "") },
                permissionModel: node.string("PermissionModel") ?? "SELF_MANAGED",
                administrationRoleARN: node.string("AdministrationRoleARN"), executionRoleName: node.string("ExecutionRoleName"),
                autoDeployment: node.child("AutoDeployment").map {
                    Manifest.AutoDeployment(enabled: $0.string("Enabled") == "true", retainStacksOnAccountRemoval: $0.string("RetainStacksOnAccountRemoval") == "true")
                })
        } catch let error as AWSClientError where error.awsCode == "StackSetNotFoundException" {
            return nil
        }
    }

    /// Creates the StackSet (no instances yet; CloudFormation starts no operation for it); returns its id.
    @discardableResult
    public func createStackSet(_ input: StackSetInput) async throws -> String {
        var parameters = [("StackSetName", input.name)] + Self.setInputs(input)
        parameters.append(("PermissionModel", input.permissionModel))
        if let token = input.operationID { parameters.append(("ClientRequestToken", token)) }
        let result = try await query.perform("CreateStackSet", parameters)
        guard let id = result.string("StackSetId") else { throw QueryResponseShape.missing("StackSetId", in: "CreateStackSet", query) }
        return id
    }

    /// Updates the StackSet and, in the same operation, every one of its instances; returns the operation id.
    public func updateStackSet(_ input: StackSetInput, preferences: Manifest.OperationPreferences) async throws -> String {
        var parameters = [("StackSetName", input.name)] + Self.setInputs(input)
        parameters.append(("PermissionModel", input.permissionModel))
        parameters += Self.preferenceInputs(preferences)
        return try await operation("UpdateStackSet", parameters, operationID: input.operationID)
    }

    /// Every stack instance of the set (all pages).
    public func listStackInstances(stackSetName: String, callAs: String? = nil) async throws -> [StackInstanceSummary] {
        var instances: [StackInstanceSummary] = []
        try await query.pages("ListStackInstances", [("StackSetName", stackSetName)] + Self.callAs(callAs)) { result in
            instances += result.members("Summaries").map { node in
                StackInstanceSummary(
                    account: node.string("Account") ?? "", region: node.string("Region") ?? "", organizationalUnit: node.string("OrganizationalUnitId"),
                    stackID: node.string("StackId"), status: node.string("Status") ?? "", statusReason: node.string("StatusReason"),
                    detailedStatus: node.child("StackInstanceStatus")?.string("DetailedStatus"), lastOperationID: node.string("LastOperationId"))
            }
            return true
        }
        return instances
    }

    /// The parameter overrides of one instance (`DescribeStackInstance`), sorted by key.
    public func stackInstanceOverrides(stackSetName: String, account: String, region: String, callAs: String? = nil) async throws -> [StackParameter] {
        let result = try await query.perform("DescribeStackInstance", [("StackSetName", stackSetName), ("StackInstanceAccount", account), ("StackInstanceRegion", region)] + Self.callAs(callAs))
        return (result.child("StackInstance")?.members("ParameterOverrides") ?? [])
            .map { StackParameter(key: $0.string("ParameterKey") ?? "", value: $0.string("ParameterValue") ?? "") }
            .sorted { $0.key < $1.key }
    }

    /// Starts creating instances for `targets` × `regions`; returns the operation id.
    public func createStackInstances(_ input: StackInstancesInput) async throws -> String {
        try await operation("CreateStackInstances", Self.instanceInputs(input) + Self.overrideInputs(input.overrides), operationID: input.operationID)
    }

    /// Starts updating the instances of `targets` × `regions` with `overrides` (`[]` resets them to the set's values).
    public func updateStackInstances(_ input: StackInstancesInput) async throws -> String {
        var parameters = Self.instanceInputs(input) + Self.overrideInputs(input.overrides)
        // An empty list (not an absent one) resets every override to the set's value.
        if input.overrides.isEmpty { parameters.append(("ParameterOverrides", "")) }
        return try await operation("UpdateStackInstances", parameters, operationID: input.operationID)
    }

    /// Starts deleting the instances of `targets` × `regions` and their stacks; returns the operation id.
    public func deleteStackInstances(_ input: StackInstancesInput, retainStacks: Bool = false) async throws -> String {
        try await operation("DeleteStackInstances", Self.instanceInputs(input) + [("RetainStacks", retainStacks ? "true" : "false")], operationID: input.operationID)
    }

    /// One operation of the set.
    public func describeStackSetOperation(stackSetName: String, operationID: String, callAs: String? = nil) async throws -> StackSetOperation {
        let result = try await query.perform("DescribeStackSetOperation", [("StackSetName", stackSetName), ("OperationId", operationID)] + Self.callAs(callAs))
        guard let node = result.child("StackSetOperation"), let status = node.string("Status") else {
            throw QueryResponseShape.missing("StackSetOperation Status", in: "DescribeStackSetOperation", query)
        }
        return StackSetOperation(id: node.string("OperationId") ?? operationID, action: node.string("Action") ?? "", status: status, statusReason: node.string("StatusReason"))
    }

    /// The set's operations, newest first; only the first `maxPages` pages (a running one is among the newest).
    public func listStackSetOperations(stackSetName: String, callAs: String? = nil, maxPages: Int = 1) async throws -> [StackSetOperation] {
        var operations: [StackSetOperation] = []
        try await query.pages("ListStackSetOperations", [("StackSetName", stackSetName)] + Self.callAs(callAs), maxPages: maxPages, truncate: true) { result in
            operations += result.members("Summaries").map {
                StackSetOperation(id: $0.string("OperationId") ?? "", action: $0.string("Action") ?? "", status: $0.string("Status") ?? "", statusReason: $0.string("StatusReason"))
            }
            return true
        }
        return operations
    }

    /// What an operation did in each account and region (all pages).
    public func listStackSetOperationResults(stackSetName: String, operationID: String, callAs: String? = nil) async throws -> [StackSetOperationResult] {
        var results: [StackSetOperationResult] = []
        try await query.pages("ListStackSetOperationResults", [("StackSetName", stackSetName), ("OperationId", operationID)] + Self.callAs(callAs)) { result in
            results += result.members("Summaries").map { node in
                StackSetOperationResult(
                    account: node.string("Account") ?? node.string("OrganizationalUnitId") ?? "", region: node.string("Region") ?? "", status: node.string("Status") ?? "",
                    statusReason: node.string("StatusReason") ?? node.child("AccountGateResult").flatMap { $0.string("Status") == "FAILED" ? $0.string("StatusReason") : nil })
            }
            return true
        }
        return results
    }

    // MARK: Encoding

    private func operation(_ action: String, _ parameters: [(String, String)], operationID: String?) async throws -> String {
        let result = try await query.perform(action, parameters + (operationID.map { [("OperationId", $0)] } ?? []))
        guard let id = result.string("OperationId") else { throw QueryResponseShape.missing("OperationId", in: action, query) }
        return id
    }

    static func callAs(_ value: String?) -> [(String, String)] { value.map { [("CallAs", $0)] } ?? [] }

    /// The template, parameters, capabilities, tags, description and permission settings of Create/UpdateStackSet.
    private static func setInputs(_ input: StackSetInput) -> [(String, String)] {
        var parameters = stackInputs(template: input.template, parameters: input.parameters, capabilities: input.capabilities, tags: input.tags, roleARN: nil)
        if let description = input.description { parameters.append(("Description", description)) }
        if let role = input.administrationRoleARN { parameters.append(("AdministrationRoleARN", role)) }
        if let role = input.executionRoleName { parameters.append(("ExecutionRoleName", role)) }
        if let auto = input.autoDeployment {
            parameters.append(("AutoDeployment.Enabled", auto.enabled ? "true" : "false"))
            parameters.append(("AutoDeployment.RetainStacksOnAccountRemoval", auto.retainStacksOnAccountRemoval ? "true" : "false"))
        }
        return parameters + callAs(input.callAs)
    }

    /// `OperationPreferences.*`, each left out when CloudFormation's default applies.
    static func preferenceInputs(_ preferences: Manifest.OperationPreferences) -> [(String, String)] {
        var parameters: [(String, String)] = []
        func amount(_ value: Manifest.OperationPreferences.Amount?, _ prefix: String) {
            switch value {
            case .count(let count)?: parameters.append(("OperationPreferences.\(prefix)Count", String(count)))
            case .percentage(let percentage)?: parameters.append(("OperationPreferences.\(prefix)Percentage", String(percentage)))
            case nil: break
            }
        }
        amount(preferences.maxConcurrent, "MaxConcurrent")
        amount(preferences.failureTolerance, "FailureTolerance")
        for (index, region) in preferences.regionOrder.enumerated() { parameters.append(("OperationPreferences.RegionOrder.member.\(index + 1)", region)) }
        if let type = preferences.regionConcurrency { parameters.append(("OperationPreferences.RegionConcurrencyType", type)) }
        if let mode = preferences.concurrencyMode { parameters.append(("OperationPreferences.ConcurrencyMode", mode)) }
        return parameters
    }

    /// The set, its targets (accounts or OUs) and regions, preferences and `CallAs` of an instance operation.
    private static func instanceInputs(_ input: StackInstancesInput) -> [(String, String)] {
        var parameters = [("StackSetName", input.stackSetName)]
        for (index, target) in input.targets.enumerated() {
            parameters.append((input.organizationalUnits ? "DeploymentTargets.OrganizationalUnitIds.member.\(index + 1)" : "Accounts.member.\(index + 1)", target))
        }
        for (index, region) in input.regions.enumerated() { parameters.append(("Regions.member.\(index + 1)", region)) }
        return parameters + preferenceInputs(input.preferences) + callAs(input.callAs)
    }

    private static func overrideInputs(_ overrides: [StackParameter]) -> [(String, String)] {
        var parameters: [(String, String)] = []
        for (index, parameter) in overrides.enumerated() {
            parameters.append(("ParameterOverrides.member.\(index + 1).ParameterKey", parameter.key))
            parameters.append(("ParameterOverrides.member.\(index + 1).ParameterValue", parameter.value ?? ""))
        }
        return parameters
    }
}

/// What `DescribeStackSet` says about a set.
public struct StackSetDescription: Sendable, Equatable {
    /// The set's name.
    public var name: String
    /// Its id (`name:uuid`).
    public var id: String
    /// `ACTIVE` or `DELETED`.
    public var status: String
    /// The set's description.
    public var description: String?
    /// The template every instance is deployed from.
    public var templateBody: String
    /// The set's parameter values.
    public var parameters: [StackParameter]
    /// Its capabilities.
    public var capabilities: [String]
    /// Its tags (given to every instance's stack).
    public var tags: [StackTag]
    /// `SELF_MANAGED` or `SERVICE_MANAGED`.
    public var permissionModel: String
    /// The administration role (self-managed).
    public var administrationRoleARN: String?
    /// The execution role name in the target accounts (self-managed).
    public var executionRoleName: String?
    /// Auto-deployment (service-managed).
    public var autoDeployment: Manifest.AutoDeployment?
}

/// One entry of `ListStackInstances`.
public struct StackInstanceSummary: Sendable, Equatable {
    /// The target account.
    public var account: String
    /// The region.
    public var region: String
    /// The OU the instance was deployed through (service-managed).
    public var organizationalUnit: String?
    /// The instance's stack in the target account, once it exists.
    public var stackID: String?
    /// `CURRENT`, `OUTDATED` or `INOPERABLE`.
    public var status: String
    /// Why it is not `CURRENT`, when CloudFormation says.
    public var statusReason: String?
    /// `SUCCEEDED`, `FAILED`, `PENDING`, `RUNNING`, `CANCELLED`, `INOPERABLE`, …
    public var detailedStatus: String?
    /// The last operation that touched it.
    public var lastOperationID: String?
}

/// A StackSet operation (`DescribeStackSetOperation`, `ListStackSetOperations`).
public struct StackSetOperation: Sendable, Equatable {
    /// The operation id.
    public var id: String
    /// `CREATE`, `UPDATE`, `DELETE` or `DETECT_DRIFT`.
    public var action: String
    /// `QUEUED`, `RUNNING`, `STOPPING`, `SUCCEEDED`, `FAILED` or `STOPPED`.
    public var status: String
    /// Why it failed, when CloudFormation says.
    public var statusReason: String?

    /// Whether the operation has not finished yet.
    public var isRunning: Bool { ["RUNNING", "QUEUED", "STOPPING"].contains(status) }
}

/// What one operation did in one account (or OU) and region.
public struct StackSetOperationResult: Sendable, Equatable {
    /// The account (or OU).
    public var account: String
    /// The region.
    public var region: String
    /// `PENDING`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`.
    public var status: String
    /// CloudFormation's reason (for failures: the instance stack's or the account gate's).
    public var statusReason: String?
}

/// The input of `CreateStackSet` and `UpdateStackSet`.
public struct StackSetInput: Sendable, Equatable {
    /// The set's name.
    public var name: String
    /// The template (inline or in S3).
    public var template: TemplateSource
    /// The set's parameter values.
    public var parameters: [StackParameter]
    /// Capabilities such as `CAPABILITY_NAMED_IAM`.
    public var capabilities: [String]
    /// Tags.
    public var tags: [StackTag]
    /// The description.
    public var description: String?
    /// `SELF_MANAGED` or `SERVICE_MANAGED`.
    public var permissionModel: String
    /// The administration role ARN (self-managed; `nil`: CloudFormation's default).
    public var administrationRoleARN: String?
    /// The execution role name (self-managed; `nil`: CloudFormation's default).
    public var executionRoleName: String?
    /// Auto-deployment (service-managed).
    public var autoDeployment: Manifest.AutoDeployment?
    /// `SELF` or `DELEGATED_ADMIN` (service-managed).
    public var callAs: String?
    /// The idempotency token: `OperationId` of an update, `ClientRequestToken` of a creation.
    public var operationID: String?

    /// An input from its parts.
    public init(name: String, template: TemplateSource, parameters: [StackParameter], capabilities: [String], tags: [StackTag], description: String?, permissionModel: String,
                administrationRoleARN: String? = nil, executionRoleName: String? = nil, autoDeployment: Manifest.AutoDeployment? = nil, callAs: String? = nil, operationID: String? = nil) {
        self.name = name
        self.template = template
        self.parameters = parameters
        self.capabilities = capabilities
        self.tags = tags
        self.description = description
        self.permissionModel = permissionModel
        self.administrationRoleARN = administrationRoleARN
        self.executionRoleName = executionRoleName
        self.autoDeployment = autoDeployment
        self.callAs = callAs
        self.operationID = operationID
    }
}

/// The input of `CreateStackInstances`, `UpdateStackInstances` and `DeleteStackInstances`: the
/// instances of every target in every region.
public struct StackInstancesInput: Sendable, Equatable {
    /// The set's name.
    public var stackSetName: String
    /// Account ids, or OU ids when `organizationalUnits`.
    public var targets: [String]
    /// Whether `targets` are OUs (service-managed) rather than accounts.
    public var organizationalUnits: Bool
    /// The regions.
    public var regions: [String]
    /// Parameter overrides (create and update only).
    public var overrides: [StackParameter]
    /// How CloudFormation paces the operation.
    public var preferences: Manifest.OperationPreferences
    /// `SELF` or `DELEGATED_ADMIN` (service-managed).
    public var callAs: String?
    /// The idempotency token.
    public var operationID: String?

    /// An input from its parts.
    public init(stackSetName: String, targets: [String], organizationalUnits: Bool = false, regions: [String], overrides: [StackParameter] = [],
                preferences: Manifest.OperationPreferences = Manifest.OperationPreferences(), callAs: String? = nil, operationID: String? = nil) {
        self.stackSetName = stackSetName
        self.targets = targets
        self.organizationalUnits = organizationalUnits
        self.regions = regions
        self.overrides = overrides
        self.preferences = preferences
        self.callAs = callAs
        self.operationID = operationID
    }
}
