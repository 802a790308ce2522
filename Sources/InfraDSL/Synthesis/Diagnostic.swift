/// One problem found while synthesizing, pointing at the user's Swift line.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is: errors fail generation, warnings only print.
    public enum Severity: String, Sendable, Hashable {
        /// Generation fails.
        case error
        /// Printed; generation goes on.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// What is wrong and what to do, in one sentence or two.
    public var message: String
    /// The Swift line that declared the offending piece.
    public var location: SourceLocation
    /// Related places, such as where a duplicate was first declared.
    public var notes: [Note]

    /// A related place, printed as `file:line: note: message` under the diagnostic.
    public struct Note: Sendable, Hashable {
        /// What is at that place.
        public var message: String
        /// The place.
        public var location: SourceLocation
    }

    /// A diagnostic at a location.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `file:line: error: message`, the format editors and CI logs turn into links.
    public var description: String { formatted(relativeTo: nil) }

    /// The diagnostic and its notes, one line each, with files shown relative to `directory`
    /// when they lie inside it.
    public func formatted(relativeTo directory: String?) -> String {
        func line(_ location: SourceLocation, _ kind: String, _ text: String) -> String {
            var file = location.file
            if let directory, !directory.isEmpty {
                let prefix = directory.hasSuffix("/") ? directory : directory + "/"
                if file.hasPrefix(prefix) { file.removeFirst(prefix.count) }
            }
            return "\(file):\(location.line): \(kind): \(text)"
        }
        return ([line(location, severity.rawValue, message)] + notes.map { line($0.location, "note", $0.message) })
            .joined(separator: "\n")
    }
}

/// Collects diagnostics so that every problem is reported before generation fails once.
public struct Diagnostics: Sendable {
    /// Everything found so far, in the order found, each once: a resource or account shared by
    /// several stacks is checked in each, but its mistake is one line to fix, so it is reported once.
    public private(set) var all: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    /// An empty collection.
    public init() {}

    /// Records an error, with notes pointing at related places.
    public mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = []) {
        append(Diagnostic(.error, message, at: location, notes: notes))
    }

    /// Records a warning.
    public mutating func warning(_ message: String, at location: SourceLocation) {
        append(Diagnostic(.warning, message, at: location))
    }

    /// Appends one diagnostic, unless the same one (severity, message, place and notes) is already there.
    public mutating func append(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted { all.append(diagnostic) }
    }

    /// Appends another collection's diagnostics.
    public mutating func append(contentsOf other: Diagnostics) {
        for diagnostic in other.all { append(diagnostic) }
    }

    /// Whether any error was found.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
}
