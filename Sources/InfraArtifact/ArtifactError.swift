/// A `stacks.out` folder or manifest that cannot be used: what is wrong, in which file and stack,
/// and what to do. Always the user's input, so commands exit with status 2.
public struct ArtifactError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public let message: String
    /// The file it is in.
    public let file: String?
    /// The stack it concerns, if one.
    public let stack: String?
    /// What the user can do about it.
    public let remedy: String?

    /// An error from its parts.
    public init(_ message: String, file: String? = nil, stack: String? = nil, remedy: String? = nil) {
        self.message = message
        self.file = file
        self.stack = stack
        self.remedy = remedy
    }

    /// The exit status for a command that fails with it: 2, an input error.
    public var exitStatus: Int32 { 2 }

    /// `file: stack 'name': message`, then the remedy on its own line.
    public var description: String {
        let place = [file, stack.map { "stack '\($0)'" }].compactMap { $0 }
        var text = (place + [message]).joined(separator: ": ")
        if let remedy { text += "\n  to fix: \(remedy)" }
        return text
    }
}
