import Foundation

/// What a deploy does with one stack, decided from what is deployed. `infra plan` reports this
/// decision and `infra deploy` acts on it, so the two cannot disagree.
enum StackDecision: Equatable, Sendable {
    /// Nothing is deployed (no stack, or a deleted one): a CREATE change set.
    case create
    /// Only an unexecuted CREATE change set is there (`REVIEW_IN_PROGRESS`, no resources): delete it, then create.
    case replaceUnexecutedCreate(StackDescription)
    /// The first creation failed: with `--recreate-failed` delete and re-create it, without it refuse.
    case recreate(StackDescription)
    /// CloudFormation is working on the stack: wait for that, then decide again.
    case waitForOperation(StackDescription)
    /// A person must act first (`UPDATE_ROLLBACK_FAILED`, `DELETE_FAILED`, `IMPORT_ROLLBACK_FAILED`).
    case blocked(StackDescription)
    /// Live, and the deployed template, parameters and tags equal the local ones.
    case unchanged(StackDescription)
    /// Live and different (or possibly different: its parameters are not known yet): an UPDATE change set.
    case update(StackDescription, InputComparison)

    /// The decision for `deployed` (`nil`: no such stack). `compareInputs` runs only for a live
    /// stack, the one case worth reading the deployed template for.
    static func decide(_ deployed: StackDescription?, compareInputs: (StackDescription) async throws -> InputComparison) async rethrows -> StackDecision {
        guard let deployed, deployed.status != .deleteComplete else { return .create }
        let status = deployed.status
        // REVIEW_IN_PROGRESS first: it is an `…_IN_PROGRESS` status that no one but a deploy ends.
        if status == .reviewInProgress { return .replaceUnexecutedCreate(deployed) }
        if status.isOperationRunning { return .waitForOperation(deployed) }
        if status.isFailedCreation { return .recreate(deployed) }
        if status.needsIntervention { return .blocked(deployed) }
        let inputs = try await compareInputs(deployed)
        return inputs.equal == true ? .unchanged(deployed) : .update(deployed, inputs)
    }
}

/// A live stack's deployed inputs beside the local ones: read once to decide, then used to act.
struct InputComparison: Equatable, Sendable {
    /// The local parameters, resolved (`nil`: they take outputs of stacks not deployed yet).
    let parameters: [StackParameter]?
    /// The deployed template (`nil` when it was not read, because the parameters are unknown).
    let deployedTemplate: String?
    /// Whether template, parameters and tags all equal the local ones (`nil`: not known yet).
    let equal: Bool?

    /// Compares `deployed` with `stack`'s local template, `parameters` and tags, reading the deployed
    /// template only when the parameters are known (without them nothing can be said).
    static func read(_ deployed: StackDescription, of stack: Manifest.Stack, template: String, parameters: [StackParameter]?,
                     cfn: CloudFormationClient) async throws -> InputComparison {
        guard let parameters else { return InputComparison(parameters: nil, deployedTemplate: nil, equal: nil) }
        let body = try await cfn.getTemplate(stackName: stack.name)
        let equal = TemplateComparison.templatesEqual(deployed: body, local: template)
            && TemplateComparison.parametersEqual(deployed: deployed.parameters, wanted: parameters, template: template)
            && TemplateComparison.tagsEqual(deployed: deployed.tags, wanted: stack.tags)
            && StackSettingsSync.operationSettingsEqual(deployed, stack.settings)
        return InputComparison(parameters: parameters, deployedTemplate: body, equal: equal)
    }
}
