import Foundation

/// `CreateStack` and `UpdateStack`: deploying without change sets (`infra deploy --method direct`).
extension CloudFormationClient {
    /// Starts creating a stack; returns its ARN. `input.clientRequestToken` makes a retried call harmless.
    public func createStack(_ input: StackOperationInput) async throws -> String {
        try await stackOperation("CreateStack", input)
    }

    /// Starts updating a stack; returns its ARN. A template, parameters and tags that change nothing
    /// fail with "No updates are to be performed" (``AWSClientError/isNoUpdatesToPerform``).
    public func updateStack(_ input: StackOperationInput) async throws -> String {
        try await stackOperation("UpdateStack", input)
    }

    private func stackOperation(_ action: String, _ input: StackOperationInput) async throws -> String {
        var parameters = [("StackName", input.stackName)]
        parameters += Self.stackInputs(template: input.template, parameters: input.parameters, capabilities: input.capabilities, tags: input.tags, roleARN: input.roleARN)
        parameters += Self.notificationInputs(input.notificationARNs)
        if let token = input.clientRequestToken { parameters.append(("ClientRequestToken", token)) }
        let result = try await query.perform(action, parameters)
        guard let id = result.string("StackId") else { throw QueryResponseShape.missing("StackId", in: action, query) }
        return id
    }

    /// The template, parameters, capabilities, tags and role as `CreateChangeSet`, `CreateStack` and `UpdateStack` take them.
    static func stackInputs(template: TemplateSource, parameters stackParameters: [StackParameter], capabilities: [String], tags: [StackTag], roleARN: String?) -> [(String, String)] {
        var parameters: [(String, String)] = []
        switch template {
        case .body(let body): parameters.append(("TemplateBody", body))
        case .url(let url): parameters.append(("TemplateURL", url))
        case .previous: parameters.append(("UsePreviousTemplate", "true"))
        }
        for (index, parameter) in stackParameters.enumerated() {
            let prefix = "Parameters.member.\(index + 1)."
            parameters.append((prefix + "ParameterKey", parameter.key))
            if parameter.usePreviousValue { parameters.append((prefix + "UsePreviousValue", "true")) }
            else if let value = parameter.value { parameters.append((prefix + "ParameterValue", value)) }
        }
        for (index, capability) in capabilities.enumerated() { parameters.append(("Capabilities.member.\(index + 1)", capability)) }
        for (index, tag) in tags.enumerated() {
            parameters.append(("Tags.member.\(index + 1).Key", tag.key))
            parameters.append(("Tags.member.\(index + 1).Value", tag.value))
        }
        if let roleARN { parameters.append(("RoleARN", roleARN)) }
        return parameters
    }
}

/// The input of `CreateStack` and `UpdateStack`.
public struct StackOperationInput: Sendable, Equatable {
    /// The stack name (or ARN, for an update).
    public var stackName: String
    /// The template.
    public var template: TemplateSource
    /// Parameters.
    public var parameters: [StackParameter]
    /// Capabilities such as `CAPABILITY_NAMED_IAM`.
    public var capabilities: [String]
    /// Stack tags.
    public var tags: [StackTag]
    /// A service role CloudFormation uses instead of the caller's permissions.
    public var roleARN: String?
    /// SNS topics for the stack's events (empty: left as they are).
    public var notificationARNs: [String] = []
    /// An idempotency token: CloudFormation runs one operation per token, so a retry after a lost answer does nothing twice.
    public var clientRequestToken: String?

    /// An input with the required parts; the rest default to empty.
    public init(stackName: String, template: TemplateSource, parameters: [StackParameter] = [], capabilities: [String] = [], tags: [StackTag] = [], roleARN: String? = nil, clientRequestToken: String? = nil) {
        self.stackName = stackName
        self.template = template
        self.parameters = parameters
        self.capabilities = capabilities
        self.tags = tags
        self.roleARN = roleARN
        self.clientRequestToken = clientRequestToken
    }
}
