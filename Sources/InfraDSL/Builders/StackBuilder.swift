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
    /// Permissions for a role, user or group, merged into its `AWS::IAM::Policy` (``Grant``).
    case grant(Grant)
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

    @usableFromInline init(elements: [StackElement]) {
        stackElements = elements
    }
}

/// Optional content contributes nothing when nil, so `let extra: RawResource? = …` can be listed.
extension Optional: StackContent where Wrapped: StackContent {
    /// The wrapped content's elements, or none.
    public var stackElements: [StackElement] { self?.stackElements ?? [] }
}

/// The result builder of a stack's body and of components.
///
/// One component type (`[StackElement]`), one `buildExpression` (optionals are content too), and
/// one variadic `buildBlock`: the component type never changes from statement to statement, so
/// `buildPartialBlock` buys nothing, and its chain of calls costs the type checker about four
/// times as much per block (see `docs/benchmarks.md`). A block is still type-checked as one
/// expression, in time that grows faster than its length; keep blocks to about 100 entries and
/// split larger stacks into components (docs/dsl.md, "Large stacks").
@resultBuilder
public enum StackBuilder: ListResultBuilder, Sendable {
    /// A stack lists template pieces.
    public typealias Element = StackElement
    /// Any stack content, optionals included.
    @inlinable public static func buildExpression(_ content: some StackContent) -> [StackElement] { content.stackElements }
    /// The block as a group.
    @inlinable public static func buildFinalResult(_ component: [StackElement]) -> Group { Group(elements: component) }
}
