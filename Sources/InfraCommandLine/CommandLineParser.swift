// The one argument rule of every InfraDSL command (`infra`, a stacks executable, `infra-catalogue`),
// so that `--flag value` and `--flag=value` mean the same everywhere. Hand-written because the package
// takes no dependencies; each command keeps only the mapping of parsed options onto its own settings.

/// One option a command accepts: its names and whether it takes a value.
public struct Option: Sendable, Equatable {
    /// The names, the first being the one the parsed options are keyed by: `["--output", "-o"]`.
    public let names: [String]
    /// Whether the option takes a value (`--output DIR`) or is a flag (`--check`).
    public let takesValue: Bool

    /// An option that takes a value, given as `--name value` or `--name=value`.
    public static func value(_ names: String...) -> Option { Option(names: names, takesValue: true) }

    /// A flag, which takes no value.
    public static func flag(_ names: String...) -> Option { Option(names: names, takesValue: false) }
}

/// One option as it appeared on the command line, under its first name.
public struct ParsedOption: Sendable, Equatable {
    /// The option's first name, whichever name was typed.
    public let name: String
    /// Its value; `nil` for a flag.
    public let value: String?

    /// An option and its value.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// A command line split into its options, in the order given, and its other arguments.
public struct ParsedCommandLine: Sendable, Equatable {
    /// The options, in the order given.
    public var options: [ParsedOption] = []
    /// The arguments that are not options (and everything after `--`).
    public var arguments: [String] = []

    /// Every value given to the option named `name` (its first name), in order.
    public func values(of name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }

    /// The last value given to the option named `name`, as later options override earlier ones.
    public func value(of name: String) -> String? { values(of: name).last }

    /// Whether the option named `name` (its first name) was given.
    public func contains(_ name: String) -> Bool { options.contains { $0.name == name } }
}

/// An argument that breaks the rule; `description` names it and says what is wrong.
public enum CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An argument starting with `-` that names no option of the command.
    case unknownOption(String)
    /// A value option with nothing after it, an empty `--name=`, or an option where its value should be.
    case missingValue(String)
    /// `--flag=value` for a flag.
    case unexpectedValue(String)

    /// What is wrong, in the words every command shows: "--stage needs a value".
    public var description: String {
        switch self {
        case .unknownOption(let name): "unknown option '\(name)'"
        case .missingValue(let name): "\(name) needs a value"
        case .unexpectedValue(let name): "\(name) takes no value"
        }
    }
}

/// Splits a command line by one rule.
///
/// - `--name value` and `--name=value` are the same; the value may not be empty.
/// - A separate value may not start with `-` (so `--stage --yes` is a missing value, not a stage
///   named "--yes"); such a value is written `--name=-value`. A lone `-` is a value.
/// - A flag takes no value: `--yes=true` is an error.
/// - Any other argument starting with `-` must be an option of the command; `--` ends the options.
public struct CommandLineParser: Sendable {
    /// The options the command accepts.
    public let options: [Option]

    /// A parser for a command with these options.
    public init(_ options: [Option]) { self.options = options }

    /// The options and arguments of `arguments` (the program name excluded).
    public func parse(_ arguments: [String]) throws(CommandLineError) -> ParsedCommandLine {
        var parsed = ParsedCommandLine()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                parsed.arguments += rest
                break
            }
            guard Self.looksLikeOption(argument) else {
                parsed.arguments.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.names.contains(name) }) else { throw .unknownOption(name) }
            guard option.takesValue else {
                if inlineValue != nil { throw .unexpectedValue(name) }
                parsed.options.append(ParsedOption(name: option.names[0], value: nil))
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if let next = rest.first, !Self.looksLikeOption(next) {
                value = next
                rest.removeFirst()
            } else {
                throw .missingValue(name)
            }
            guard !value.isEmpty else { throw .missingValue(name) }
            parsed.options.append(ParsedOption(name: option.names[0], value: value))
        }
        return parsed
    }

    private static func looksLikeOption(_ argument: String) -> Bool { argument.hasPrefix("-") && argument != "-" }
}
