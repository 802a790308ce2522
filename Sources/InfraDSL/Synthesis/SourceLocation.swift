/// Where in the user's Swift code something was declared: captured by every DSL initializer
/// through `#filePath` and `#line` defaults, so diagnostics read like a compiler's.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The Swift file, as `#filePath` gave it (the command line shortens it for display).
    public var file: String
    /// The line in that file.
    public var line: Int

    /// A location in a file.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}
