internal import InfraCommandLine

/// The command line of a stacks executable: `Stacks [--output DIR] [--stack NAME]... [--check]`.
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

    /// The options a stacks executable accepts.
    private static let parser = CommandLineParser([.value("--output", "-o"), .value("--stack"), .flag("--check"), .flag("--strict"), .flag("--help", "-h")])

    /// Parses arguments (without the program name), by the one rule of every InfraDSL command.
    public init(parsing arguments: [String]) throws(UsageError) {
        let parsed: ParsedCommandLine
        do {
            parsed = try Self.parser.parse(arguments)
        } catch {
            throw UsageError(description: "\(error); see --help")
        }
        if let argument = parsed.arguments.first {
            throw UsageError(description: "unexpected argument '\(argument)'; stacks are chosen with --stack NAME, see --help")
        }
        output = parsed.value(of: "--output") ?? output
        stacks = parsed.values(of: "--stack")
        check = parsed.contains("--check")
        strict = parsed.contains("--strict")
        help = parsed.contains("--help")
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
