import Dispatch

extension Array where Element: Sendable {
    /// `map`, with the elements transformed on all cores at once; the results keep the elements' order.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let results = SendablePointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                // Each index is written exactly once, by one thread, before concurrentPerform returns.
                (results.pointer + index).initialize(to: transform(self[index]))
            }
            initializedCount = count
        }
    }
}

/// A pointer handed to the threads of `concurrentMap`, which write disjoint elements through it.
private struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
