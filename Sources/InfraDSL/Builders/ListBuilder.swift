/// The shared control flow of the DSL's list-shaped result builders: one component type per
/// scope (`[Element]`), one variadic `buildBlock` (the component type never changes, so
/// `buildPartialBlock` would only add work for the type checker; never arity overloads), and `if`,
/// `if/else`, `for` and `if #available` everywhere. Each builder adds its own `buildExpression`.
public protocol ListResultBuilder {
    /// What the builder's block lists.
    associatedtype Element
}

// Inlinable, so a user's module specializes the builders for its element type instead of
// looking up generic metadata at run time for every block it evaluates.
extension ListResultBuilder {
    /// A block, empty or not: its statements' elements in order.
    @inlinable public static func buildBlock(_ components: [Element]...) -> [Element] { components.flatMap { $0 } }
    /// `if` without `else`.
    @inlinable public static func buildOptional(_ component: [Element]?) -> [Element] { component ?? [] }
    /// The `if` branch of `if/else`.
    @inlinable public static func buildEither(first component: [Element]) -> [Element] { component }
    /// The `else` branch of `if/else`.
    @inlinable public static func buildEither(second component: [Element]) -> [Element] { component }
    /// A `for` loop.
    @inlinable public static func buildArray(_ components: [[Element]]) -> [Element] { components.flatMap { $0 } }
    /// `if #available`.
    @inlinable public static func buildLimitedAvailability(_ component: [Element]) -> [Element] { component }
}

/// A list builder whose statements are the elements themselves (policy statements …).
public protocol ElementListBuilder: ListResultBuilder {}

extension ElementListBuilder {
    /// One element.
    @inlinable public static func buildExpression(_ element: Element) -> [Element] { [element] }
    /// An optional element: nothing when nil.
    @inlinable public static func buildExpression(_ element: Element?) -> [Element] { element.map { [$0] } ?? [] }
}
