/// The shared implementation of the DSL's list-shaped result builders.
///
/// One component type per scope (`[Element]`), `buildExpression` always, `buildPartialBlock` so
/// the type checker handles a block one statement at a time (linear, never arity overloads), and
/// `if`, `if/else`, `for` and optionals everywhere.
public protocol ListResultBuilder {
    /// What the builder's block lists.
    associatedtype Element
}

extension ListResultBuilder {
    /// One element.
    public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// An optional element: nothing when nil.
    public static func buildExpression(_ element: Element?) -> [Element] { element.map { [$0] } ?? [] }
    /// The first statement of a block.
    public static func buildPartialBlock(first: [Element]) -> [Element] { first }
    /// Each following statement of a block.
    public static func buildPartialBlock(accumulated: [Element], next: [Element]) -> [Element] { accumulated + next }
    /// An empty block.
    public static func buildBlock() -> [Element] { [] }
    /// `if` without `else`.
    public static func buildOptional(_ component: [Element]?) -> [Element] { component ?? [] }
    /// The `if` branch of `if/else`.
    public static func buildEither(first component: [Element]) -> [Element] { component }
    /// The `else` branch of `if/else`.
    public static func buildEither(second component: [Element]) -> [Element] { component }
    /// A `for` loop.
    public static func buildArray(_ components: [[Element]]) -> [Element] { components.flatMap { $0 } }
    /// `if #available`.
    public static func buildLimitedAvailability(_ component: [Element]) -> [Element] { component }
}
