import Foundation

/// `--method direct`: `CreateStack`/`UpdateStack` without a change set, waiting and judging the
/// result as an executed change set is (a failed first creation is `ROLLBACK_COMPLETE` either way).
extension StackDeployer {
    /// Creates or updates the stack in one call; approval is judged from the deployed and local templates.
    func deployDirectly(_ type: ChangeSetType, parameters: [StackParameter], deployedTemplate: String?, previous: StackDescription?,
                        _ cfn: CloudFormationClient, _ upload: TemplateUpload) async throws -> Ending {
        try Task.checkCancellation()
        let source = try await upload.source { await say($0) }
        let call = type == .create ? "CreateStack" : "UpdateStack"
        let changes = Self.templateChanges(deployed: deployedTemplate, local: template)
        try await approve("direct \(call) (no change set)", changes: changes, deployedTemplate: deployedTemplate)
        // Named as change sets are, so the token is unique per attempt and recognisable in CloudTrail.
        let token = changeSetName()
        var input = StackOperationInput(stackName: stack.name, template: source, parameters: parameters, capabilities: stack.capabilities,
                                        tags: stack.tags, roleARN: stack.settings.serviceRoleARN, clientRequestToken: token)
        input.notificationARNs = stack.settings.notificationARNs
        let operation = input
        // A created stack has a new id, so all its events are new; an updated one has history.
        var marker: String?
        if type == .update, let previous { marker = try await newestEventID(cfn, previous.id) }
        // The point of no return: an interrupt before it leaves nothing behind.
        try Task.checkCancellation()
        await say("\(call) (direct, no change set), \(changes.count) resource change\(changes.count == 1 ? "" : "s") in the template")
        let stackID: String
        do {
            // Shielded: an operation that started must be known as started (the next run waits for it).
            stackID = try await Self.shielded { type == .create ? try await cfn.createStack(operation) : try await cfn.updateStack(operation) }
        } catch let error as AWSClientError where error.isNoUpdatesToPerform {
            await say("no change (CloudFormation: No updates are to be performed)")
            return (.unchanged, previous?.status.rawValue)
        }
        return try await executionResult(type, stackID: stackID, marker: marker, cfn)
    }

    /// The resource changes between two templates, by logical id (`Add`, `Modify`, `Remove`); without
    /// a change set nobody says which modifications replace, so `replacement` stays unknown.
    static func templateChanges(deployed: String?, local: String) -> [ResourceChange] {
        let old = deployed.flatMap { JSONValue.template($0)?["Resources"]?.dictionary } ?? [:]
        let new = JSONValue.template(local)?["Resources"]?.dictionary ?? [:]
        func type(_ resource: JSONValue?) -> String {
            if case .string(let type)? = resource?["Type"] { return type }
            return ""
        }
        var changes: [ResourceChange] = []
        for id in Set(old.keys).union(new.keys).sorted() {
            let action: String
            switch (old[id], new[id]) {
            case (nil, _?): action = "Add"
            case (_?, nil): action = "Remove"
            case (let before?, let after?) where before.canonical != after.canonical: action = "Modify"
            default: continue
            }
            changes.append(ResourceChange(action: action, logicalResourceID: id, physicalResourceID: nil, resourceType: type(new[id] ?? old[id]), replacement: nil))
        }
        return changes
    }
}
