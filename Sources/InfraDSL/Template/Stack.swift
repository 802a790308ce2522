/// One CloudFormation stack: a template bound to an account and a region.
///
/// ```swift
/// Stack("jenkins-deploy-role", account: "222222222222", region: "eu-west-1",
///       description: "IAM role for Jenkins agent",
///       parameters: ["JenkinsAccountId": "111111111111"]) {
///     jenkinsAccountId
///     deployRole
/// }
/// ```
public struct Stack: Sendable {
    /// The stack name: unique in the app, `[A-Za-z][-A-Za-z0-9]*`, at most 128 characters.
    public let name: String
    /// The 12-digit account it deploys to.
    public var account: String
    /// The region it deploys to, such as `eu-west-1`.
    public var region: String
    /// The template's `Description`.
    public var description: String?
    /// Values for the template's parameters at deploy time, by parameter name.
    public var parameterValues: [String: String]
    /// Tags the deployer puts on the stack (and CloudFormation on its resources).
    public var tags: [String: String]
    /// The template's pieces in the order the body listed them.
    public var elements: [StackElement]
    /// Where the stack was declared.
    public let location: SourceLocation

    /// A stack whose template is the body's pieces.
    public init(
        _ name: String,
        account: String,
        region: String,
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.name = name
        self.account = account
        self.region = region
        self.description = description
        self.parameterValues = parameterValues
        self.tags = tags
        elements = content().stackElements
        location = SourceLocation(file: file, line: line)
    }
}

/// Every stack of a deployment: what `generate-stacks` writes out.
///
/// ```swift
/// App {
///     deployRoleStack
///     jenkinsStack
/// }
/// ```
public struct App: Sendable {
    /// The stacks, in the order declared.
    public var stacks: [Stack]

    /// An app of the block's stacks.
    public init(@AppBuilder _ content: () -> [Stack]) {
        stacks = content()
    }
}

/// The result builder of an app's stacks.
@resultBuilder
public enum AppBuilder: ListResultBuilder {
    /// An app lists stacks.
    public typealias Element = Stack
}
