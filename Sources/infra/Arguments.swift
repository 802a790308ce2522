import InfraDeploy

/// A parsed `infra` command line.
enum Invocation: Equatable {
    /// Print this help text to standard output and exit 0.
    case help(String)
    /// Print the version and exit 0.
    case version
    /// `infra plan`.
    case plan(Selection, output: OutputFormat)
    /// `infra deploy`.
    case deploy(Selection, DeployFlags)
    /// `infra diff`.
    case diff(Selection)
    /// `infra status`.
    case status(Selection, output: OutputFormat)
}

/// Which stacks a command works on, and where the artifacts are.
struct Selection: Equatable {
    var directory = "stacks.out"
    var stages: [String] = []
    var stacks: [String] = []
    /// `--current-credentials`: reach every account with the credentials infra runs with.
    var currentCredentials = false
}

/// `text` for people, `json` for CI.
enum OutputFormat: String, Equatable {
    case text, json
}

/// The options only `deploy` has.
struct DeployFlags: Equatable {
    var concurrency = 4
    var approval = ApprovalPolicy.broadening
    var yes = false
    var recreateFailed = false
}

/// A command line that cannot be run; exit status 2.
struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    let message: String
    /// The command whose help to point at (`nil`: the top level).
    let command: String?

    var description: String {
        "error: \(message)\nRun 'infra\(command.map { " \($0)" } ?? "") --help' for usage."
    }
}

/// Hand-written parsing: `--name value`, `--name=value`, repeatable `--stage`/`--stack`, `--` not needed.
enum ArgumentParser {
    static let commands = ["plan", "deploy", "diff", "status"]

    static func parse(_ arguments: [String]) throws -> Invocation {
        guard let first = arguments.first else { return .help(Help.main) }
        switch first {
        case "-h", "--help", "help":
            if arguments.count > 1, let text = Help.command(arguments[1]) { return .help(text) }
            return .help(Help.main)
        case "--version":
            return .version
        case let command where commands.contains(command):
            return try parseCommand(command, Array(arguments.dropFirst()))
        case let other where other.hasPrefix("-"):
            throw UsageError(message: "unknown option '\(other)'; options follow a command (plan, deploy, diff, status)", command: nil)
        default:
            throw UsageError(message: "unknown command '\(first)'; the commands are plan, deploy, diff, status", command: nil)
        }
    }

    private static func parseCommand(_ command: String, _ arguments: [String]) throws -> Invocation {
        var selection = Selection()
        var flags = DeployFlags()
        var output = OutputFormat.text
        var index = 0
        func fail(_ message: String) -> UsageError { UsageError(message: message, command: command) }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws -> String {
                if let inlineValue {
                    guard !inlineValue.isEmpty else { throw fail("\(name) needs a value") }
                    return inlineValue
                }
                guard index < arguments.count, !arguments[index].hasPrefix("--") else { throw fail("\(name) needs a value") }
                defer { index += 1 }
                return arguments[index]
            }
            func noValue() throws {
                if inlineValue != nil { throw fail("\(name) takes no value") }
            }
            switch name {
            case "-h", "--help":
                return .help(Help.command(command) ?? Help.main)
            case "--dir":
                selection.directory = try value()
            case "--stage":
                selection.stages.append(try value())
            case "--stack":
                selection.stacks.append(try value())
            case "--current-credentials":
                try noValue()
                selection.currentCredentials = true
            case "--output" where command == "plan" || command == "status":
                let text = try value()
                guard let format = OutputFormat(rawValue: text) else { throw fail("--output must be text or json, not '\(text)'") }
                output = format
            case "--concurrency" where command == "deploy":
                let text = try value()
                guard let number = Int(text), (1...64).contains(number) else { throw fail("--concurrency must be a whole number from 1 to 64, not '\(text)'") }
                flags.concurrency = number
            case "--require-approval" where command == "deploy":
                let text = try value()
                guard let policy = ApprovalPolicy(rawValue: text) else { throw fail("--require-approval must be never, broadening or any-change, not '\(text)'") }
                flags.approval = policy
            case "--yes" where command == "deploy", "-y" where command == "deploy":
                try noValue()
                flags.yes = true
            case "--recreate-failed" where command == "deploy":
                try noValue()
                flags.recreateFailed = true
            default:
                if argument.hasPrefix("-") { throw fail("unknown option '\(name)' for infra \(command)") }
                throw fail("unexpected argument '\(argument)'; stacks are chosen with --stack NAME")
            }
        }
        switch command {
        case "plan": return .plan(selection, output: output)
        case "deploy": return .deploy(selection, flags)
        case "diff": return .diff(selection)
        default: return .status(selection, output: output)
        }
    }
}

/// The help texts, one per command.
enum Help {
    static let main = """
    infra — deploys the CloudFormation stacks in stacks.out, stage by stage, account by account.

    usage: infra <command> [options]

    commands:
      plan     what a deploy would do per stack: create, update (resource changes, replacements), no change
      deploy   deploy the stacks through change sets, in rollout order
      diff     local templates against the deployed ones
      status   the deployed stacks' status and whether they match the local templates

    Run 'infra <command> --help' for a command's options.
    Exit status: 0 success, 1 a deployment failed, 2 usage or input error.
    Credentials: the AWS SDK chain (environment, AWS_PROFILE, container, instance), then each
    stack's access from the manifest (a role to assume, or a profile).
    """

    static let selection = """
      --dir DIR          the generated artifacts (default: stacks.out)
      --stage NAME       only this stage (repeatable); stacks without a stage only run without --stage
      --stack NAME       only this stack (repeatable)
      --current-credentials
                         reach every account with the credentials infra runs with (say, a Jenkins
                         agent holding the stage's deploy role) instead of the manifest's access;
                         each stack's account is still checked (GetCallerIdentity)
      -h, --help         this help
    """

    static func command(_ name: String) -> String? {
        switch name {
        case "plan":
            return """
            usage: infra plan [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--output text|json]

            Per stack: create, update (with resource-level changes; replacements flagged), or no change.
            For stacks that differ, a change set is created, described and deleted again; nothing is deployed.

            options:
            \(selection)
              --output FORMAT    text (default) or json
            """
        case "deploy":
            return """
            usage: infra deploy [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--concurrency N]
                                [--require-approval never|broadening|any-change] [--yes] [--recreate-failed]

            Stages in order; inside a stage, dependencies first and different accounts in parallel.
            Each stack: no call that writes when nothing changed; otherwise change set → approval → execute → wait.
            A failure stops later stages. Progress goes to standard error, the summary table to standard output.

            options:
            \(selection)
              --concurrency N    stacks deploying at once, in different accounts (default 4)
              --require-approval POLICY
                                 never; broadening (default: changes that widen IAM or security-group access);
                                 any-change. Without a terminal, a needed approval is an error unless --yes
              -y, --yes          approve every change set
              --recreate-failed  delete and re-create stacks whose first creation failed (ROLLBACK_COMPLETE)
            """
        case "diff":
            return """
            usage: infra diff [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials]

            The deployed templates, parameters and tags against the local ones, as unified diffs.

            options:
            \(selection)
            """
        case "status":
            return """
            usage: infra status [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--output text|json]

            Each stack's CloudFormation status, last change, and whether it matches the local template.

            options:
            \(selection)
              --output FORMAT    text (default) or json
            """
        default:
            return nil
        }
    }
}
