import Foundation

extension NSLock {
    /// Runs `body` holding the lock. `NSLock.withLock` needs macOS 14; the package supports macOS 13.
    func locked<Value>(_ body: () throws -> Value) rethrows -> Value {
        lock()
        defer { unlock() }
        return try body()
    }
}
