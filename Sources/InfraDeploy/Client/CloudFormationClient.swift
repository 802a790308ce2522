import Foundation

/// AWS CloudFormation over the Query protocol: the calls a change-set based deployer needs.
///
/// ```swift
/// let cfn = try CloudFormationClient(region: "eu-west-1", credentials: chain, environment: .live())
/// let stack = try await cfn.describeStack(named: "jenkins-agents")   // nil when it does not exist
/// ```
public struct CloudFormationClient: Sendable {
    let query: QueryClient

    /// A client for `region`, at `AWS_ENDPOINT_URL_CLOUDFORMATION`/`AWS_ENDPOINT_URL` or the regional endpoint.
    public init(region: String, credentials: any AWSCredentialProvider, environment: AWSEnvironment, retryPolicy: RetryPolicy = RetryPolicy()) throws {
        let endpoint = try EndpointResolver.endpoint(service: "cloudformation", region: region, environment: environment)
        query = QueryClient(service: "cloudformation", version: "2010-05-15", region: region, endpoint: endpoint, credentials: credentials, environment: environment, retryPolicy: retryPolicy)
    }

    /// Every stack visible to the caller, or just `stackName`'s (all pages).
    public func describeStacks(stackName: String? = nil) async throws -> [StackDescription] {
        var stacks: [StackDescription] = []
        try await query.pages("DescribeStacks", stackName.map { [("StackName", $0)] } ?? []) { result in
            stacks += try result.members("Stacks").map { try Self.stack(from: $0, query) }
            return true
        }
        return stacks
    }

    /// The stack called `name`, or `nil` when it does not exist (the only error turned into `nil`).
    public func describeStack(named name: String) async throws -> StackDescription? {
        do {
            return try await describeStacks(stackName: name).first
        } catch let error as AWSClientError where error.isStackNotFound {
            return nil
        }
    }

    /// The stack's events, newest first; stops paging at `stopAtEventID` (exclusive) or after `maxPages`.
    public func describeStackEvents(stackName: String, stopAtEventID: String? = nil, maxPages: Int = 10) async throws -> [StackEvent] {
        var events: [StackEvent] = []
        try await query.pages("DescribeStackEvents", [("StackName", stackName)], maxPages: maxPages, truncate: true) { result in
            for member in result.members("StackEvents") {
                let event = try Self.event(from: member, query)
                if event.id == stopAtEventID { return false }
                events.append(event)
            }
            return true
        }
        return events
    }

    /// The deployed template body (`Original` stage: as submitted, before transforms).
    public func getTemplate(stackName: String, changeSetName: String? = nil) async throws -> String {
        var parameters = [("StackName", stackName), ("TemplateStage", "Original")]
        if let changeSetName { parameters.append(("ChangeSetName", changeSetName)) }
        let result = try await query.perform("GetTemplate", parameters)
        guard let body = result.string("TemplateBody") else { throw QueryResponseShape.missing("TemplateBody", in: "GetTemplate", query) }
        return body
    }

    /// Creates a change set; its type is always sent, never left to the service default.
    public func createChangeSet(_ input: CreateChangeSetInput) async throws -> CreatedChangeSet {
        var parameters = [("StackName", input.stackName), ("ChangeSetName", input.changeSetName), ("ChangeSetType", input.type.rawValue)]
        parameters += Self.stackInputs(template: input.template, parameters: input.parameters, capabilities: input.capabilities, tags: input.tags, roleARN: input.roleARN)
        parameters += Self.notificationInputs(input.notificationARNs)
        if let description = input.description { parameters.append(("Description", description)) }
        if let clientToken = input.clientToken { parameters.append(("ClientToken", clientToken)) }
        let result = try await query.perform("CreateChangeSet", parameters)
        guard let id = result.string("Id"), let stackID = result.string("StackId") else {
            throw QueryResponseShape.missing("Id or StackId", in: "CreateChangeSet", query)
        }
        return CreatedChangeSet(id: id, stackID: stackID)
    }

    /// A change set with all pages of its changes; `includePropertyValues` asks AWS for each changed
    /// property's path and its values before and after (the plan shows them).
    public func describeChangeSet(name: String, stackName: String, includePropertyValues: Bool = false) async throws -> ChangeSetDescription {
        var changes: [ResourceChange] = []
        var last: XMLTree?
        var parameters = [("ChangeSetName", name), ("StackName", stackName)]
        if includePropertyValues { parameters.append(("IncludePropertyValues", "true")) }
        try await query.pages("DescribeChangeSet", parameters) { result in
            changes += result.members("Changes").compactMap { $0.child("ResourceChange") }.map { change in
                ResourceChange(
                    action: change.string("Action") ?? "", logicalResourceID: change.string("LogicalResourceId") ?? "",
                    physicalResourceID: change.string("PhysicalResourceId"), resourceType: change.string("ResourceType") ?? "",
                    replacement: change.string("Replacement"), details: change.members("Details").map { Self.detail(from: $0) }
                )
            }
            last = result
            return true
        }
        guard let result = last, let status = result.string("Status") else {
            throw QueryResponseShape.missing("Status", in: "DescribeChangeSet", query)
        }
        return ChangeSetDescription(
            id: result.string("ChangeSetId") ?? "", name: result.string("ChangeSetName") ?? name,
            stackID: result.string("StackId") ?? "", stackName: result.string("StackName") ?? stackName,
            status: status, statusReason: result.string("StatusReason"),
            executionStatus: result.string("ExecutionStatus") ?? "", changes: changes
        )
    }

    /// Starts executing a change set; the stack then moves to `…_IN_PROGRESS`.
    public func executeChangeSet(name: String, stackName: String, clientRequestToken: String? = nil) async throws {
        var parameters = [("ChangeSetName", name), ("StackName", stackName)]
        if let clientRequestToken { parameters.append(("ClientRequestToken", clientRequestToken)) }
        _ = try await query.perform("ExecuteChangeSet", parameters)
    }

    /// Deletes a change set that will not be executed (e.g. an empty one).
    public func deleteChangeSet(name: String, stackName: String) async throws {
        _ = try await query.perform("DeleteChangeSet", [("ChangeSetName", name), ("StackName", stackName)])
    }

    /// Starts deleting a stack (the only way out of `ROLLBACK_COMPLETE`).
    public func deleteStack(name: String, retainResources: [String] = [], clientRequestToken: String? = nil) async throws {
        var parameters = [("StackName", name)]
        for (index, resource) in retainResources.enumerated() { parameters.append(("RetainResources.member.\(index + 1)", resource)) }
        if let clientRequestToken { parameters.append(("ClientRequestToken", clientRequestToken)) }
        _ = try await query.perform("DeleteStack", parameters)
    }

    /// Turns termination protection on or off; returns the stack ARN.
    @discardableResult
    public func updateTerminationProtection(stackName: String, enabled: Bool) async throws -> String {
        let result = try await query.perform("UpdateTerminationProtection", [("EnableTerminationProtection", enabled ? "true" : "false"), ("StackName", stackName)])
        return result.string("StackId") ?? ""
    }

    private static func stack(from node: XMLTree, _ query: QueryClient) throws -> StackDescription {
        guard let name = node.string("StackName"), let status = node.string("StackStatus") else {
            throw QueryResponseShape.missing("StackName or StackStatus", in: "DescribeStacks", query)
        }
        var description = StackDescription(
            name: name, id: node.string("StackId") ?? "", status: StackStatus(rawValue: status),
            statusReason: node.string("StackStatusReason"),
            creationTime: node.string("CreationTime").flatMap(Timestamp.parse),
            lastUpdatedTime: node.string("LastUpdatedTime").flatMap(Timestamp.parse),
            description: node.string("Description"),
            terminationProtection: node.string("EnableTerminationProtection") == "true",
            outputs: node.members("Outputs").map { StackOutput(key: $0.string("OutputKey") ?? "", value: $0.string("OutputValue") ?? "", exportName: $0.string("ExportName"), description: $0.string("Description")) },
            parameters: node.members("Parameters").map { StackParameter(key: $0.string("ParameterKey") ?? "", value: $0.string("ParameterValue") ?? "") },
            tags: node.members("Tags").map { StackTag(key: $0.string("Key") ?? "", value: $0.string("Value") ?? "") },
            capabilities: node.members("Capabilities").map(\.text)
        )
        description.roleARN = node.string("RoleARN")
        description.notificationARNs = node.members("NotificationARNs").map(\.text).sorted()
        return description
    }

    /// One `Details` member: its `Target` and where the change comes from.
    private static func detail(from node: XMLTree) -> ResourceChangeDetail {
        let target = node.child("Target")
        func field(_ name: String) -> String? { target?.string(name).flatMap { $0.isEmpty ? nil : $0 } }
        return ResourceChangeDetail(
            attribute: field("Attribute") ?? "", name: field("Name"), requiresRecreation: field("RequiresRecreation"),
            changeSource: node.string("ChangeSource"), causingEntity: node.string("CausingEntity"), evaluation: node.string("Evaluation"),
            path: field("Path"), beforeValue: target?.string("BeforeValue"), afterValue: target?.string("AfterValue"),
            attributeChangeType: field("AttributeChangeType")
        )
    }

    private static func event(from node: XMLTree, _ query: QueryClient) throws -> StackEvent {
        guard let id = node.string("EventId") else { throw QueryResponseShape.missing("EventId", in: "DescribeStackEvents", query) }
        return StackEvent(
            id: id, stackName: node.string("StackName") ?? "", logicalResourceID: node.string("LogicalResourceId") ?? "",
            physicalResourceID: node.string("PhysicalResourceId"), resourceType: node.string("ResourceType") ?? "",
            timestamp: node.string("Timestamp").flatMap(Timestamp.parse), status: node.string("ResourceStatus") ?? "",
            statusReason: node.string("ResourceStatusReason")
        )
    }
}
