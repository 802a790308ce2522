/// The command line of a stacks executable: `Stacks [--output DIR] [--stack NAME]... [--check]`.
///
/// Hand-parsed because the package takes no dependencies; small enough to read at a glance.
public struct GenerateOptions: Equatable, Sendable {
    /// Where the files go; `stacks.out` unless `--output` says otherwise.
    public var output = "stacks.out"
    /// Only these stacks (`--stack`, repeatable); all when empty.
    public var stacks: [String] = []
    /// Compare with the files on disk instead of writing (`--check`).
    public var check = false
    /// Treat warnings, lint findings included, as errors (`--strict`).
    public var strict = false
    /// Print usage and stop (`--help`, `-h`).
    public var help = false

    /// The defaults: every stack into `stacks.out`.
    public init() {}

    /// A problem with the arguments; the message says what and what to do.
    public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
        /// What was wrong.
        public let description: String

        /// A usage error with its message.
        public init(description: String) { self.description = description }
    }

    /// Parses arguments (without the program name).
    public init(parsing arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let (name, inlineValue) = Self.split(argument)
            switch name {
            case "--output", "-o": output = try Self.value(for: name, inline: inlineValue, rest: &rest)
            case "--stack": stacks.append(try Self.value(for: name, inline: inlineValue, rest: &rest))
            case "--check" where inlineValue == nil: check = true
            case "--strict" where inlineValue == nil: strict = true
            case "--help" where inlineValue == nil, "-h" where inlineValue == nil: help = true
            default:
                throw UsageError(description: "unknown argument '\(argument)'; see --help")
            }
        }
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func value(for name: String, inline: String?, rest: inout ArraySlice<String>) throws(UsageError) -> String {
        if let inline, !inline.isEmpty { return inline }
        guard inline == nil, let next = rest.popFirst(), !next.hasPrefix("-") else {
            throw UsageError(description: "\(name) needs a value; see --help")
        }
        return next
    }

    /// The `--help` text.
    public static func usage(program: String) -> String {
        """
        USAGE: \(program) [--output DIR] [--stack NAME]... [--check] [--strict]

        Generates the CloudFormation templates and the deployment manifest of this package's app.

        OPTIONS:
          -o, --output DIR   Folder to write to (default: stacks.out).
          --stack NAME       Generate only this stack; repeat for more. The manifest then lists only these.
          --check            Write nothing; exit 1 naming every file in the output folder that differs
                             from what would be generated (for teams that commit their templates).
          --strict           Treat warnings (lint findings included) as errors.
          -h, --help         Show this help.

        Diagnostics go to standard error as `file:line: error: message`. Exit status: 0 on success,
        1 when there are errors or --check finds differences, 2 for a usage error.
        """
    }
}
