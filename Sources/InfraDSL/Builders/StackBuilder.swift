/// Anything that can appear in a stack's body: parameters, mappings, conditions, resources,
/// outputs, and components built from them.
public protocol StackContent: Sendable {
    /// The template pieces this contributes, in order.
    var stackElements: [StackElement] { get }
}

/// One piece of a template, as a stack's body lists them.
public enum StackElement: Sendable {
    /// A `Parameters` entry.
    case parameter(Parameter)
    /// A `Mappings` entry.
    case mapping(Mapping)
    /// A `Conditions` entry.
    case condition(Condition)
    /// A `Resources` entry.
    case resource(ResourceDeclaration)
    /// An `Outputs` entry.
    case output(Output)
}

/// A reusable piece of infrastructure made of the same DSL pieces users write.
///
/// ```swift
/// struct AgentLogGroup: Component {
///     var body: some StackContent {
///         Logs.LogGroup("AgentLogs", logGroupName: "/ecs/jenkins-agents", retentionInDays: 30)
///     }
/// }
/// ```
public protocol Component: StackContent {
    /// The body's type, usually `some StackContent`.
    associatedtype Body: StackContent
    /// The pieces the component is made of.
    @StackBuilder var body: Body { get }
}

extension Component {
    /// The body's elements.
    public var stackElements: [StackElement] { body.stackElements }
}

/// A list of stack contents, as a builder block produces it; also usable to group pieces.
public struct Group: StackContent {
    /// The grouped elements.
    public let stackElements: [StackElement]

    /// Groups the pieces of a block.
    public init(@StackBuilder _ content: () -> Group) {
        stackElements = content().stackElements
    }

    init(elements: [StackElement]) {
        stackElements = elements
    }
}

/// The result builder of a stack's body and of components.
@resultBuilder
public enum StackBuilder: Sendable {
    /// Any stack content.
    public static func buildExpression(_ content: some StackContent) -> [StackElement] { content.stackElements }
    /// Optional content: nothing when nil.
    public static func buildExpression(_ content: (some StackContent)?) -> [StackElement] { content?.stackElements ?? [] }
    /// The first statement of a block.
    public static func buildPartialBlock(first: [StackElement]) -> [StackElement] { first }
    /// Each following statement of a block.
    public static func buildPartialBlock(accumulated: [StackElement], next: [StackElement]) -> [StackElement] { accumulated + next }
    /// An empty block.
    public static func buildBlock() -> [StackElement] { [] }
    /// `if` without `else`.
    public static func buildOptional(_ component: [StackElement]?) -> [StackElement] { component ?? [] }
    /// The `if` branch of `if/else`.
    public static func buildEither(first component: [StackElement]) -> [StackElement] { component }
    /// The `else` branch of `if/else`.
    public static func buildEither(second component: [StackElement]) -> [StackElement] { component }
    /// A `for` loop.
    public static func buildArray(_ components: [[StackElement]]) -> [StackElement] { components.flatMap { $0 } }
    /// `if #available`.
    public static func buildLimitedAvailability(_ component: [StackElement]) -> [StackElement] { component }
    /// The block as a group.
    public static func buildFinalResult(_ component: [StackElement]) -> Group { Group(elements: component) }
}
