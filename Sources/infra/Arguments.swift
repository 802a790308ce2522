import InfraCommandLine
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
    /// `infra diff`; with `fail`, exit 1 when a stack differs.
    case diff(Selection, fail: Bool = false)
    /// `infra status`.
    case status(Selection, output: OutputFormat)
    /// `infra destroy`; `yes` confirms without asking.
    case destroy(Selection, yes: Bool)
    /// `infra outputs`: the deployed stacks' outputs as JSON.
    case outputs(Selection)
    /// `infra drift`: detect drift; exit 1 when a stack drifted.
    case drift(Selection, output: OutputFormat)
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
    /// `--method`: change sets (default) or `CreateStack`/`UpdateStack`.
    var method = DeployMethod.changeSet
    /// `--outputs-file`: where to write the succeeded stacks' outputs as JSON.
    var outputsFile: String?
    /// `--prune`: after every declared stack succeeded, delete this app's stacks the manifest no longer declares.
    var prune = false
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

/// The `infra` command line: a command, then its options (`CommandLineParser`'s one rule).
enum ArgumentParser {
    static let commands = ["plan", "deploy", "diff", "status", "destroy", "outputs", "drift"]

    private static let selectionOptions: [Option] = [.value("--dir"), .value("--stage"), .value("--stack"), .flag("--current-credentials"), .flag("--help", "-h")]

    /// The options of `command`: the selection, and what only that command has.
    private static func options(of command: String) -> [Option] {
        switch command {
        case "plan", "status", "drift": selectionOptions + [.value("--output")]
        case "deploy": selectionOptions + [.value("--concurrency"), .value("--require-approval"), .flag("--yes", "-y"), .flag("--recreate-failed"), .value("--method"), .value("--outputs-file"), .flag("--prune")]
        case "diff": selectionOptions + [.flag("--fail")]
        case "destroy": selectionOptions + [.flag("--yes", "-y")]
        default: selectionOptions
        }
    }

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
            throw UsageError(message: "unknown option '\(other)'; options follow a command (\(commands.joined(separator: ", ")))", command: nil)
        default:
            throw UsageError(message: "unknown command '\(first)'; the commands are \(commands.joined(separator: ", "))", command: nil)
        }
    }

    private static func parseCommand(_ command: String, _ arguments: [String]) throws -> Invocation {
        func fail(_ message: String) -> UsageError { UsageError(message: message, command: command) }
        let parsed: ParsedCommandLine
        do {
            parsed = try CommandLineParser(options(of: command)).parse(arguments)
        } catch .unknownOption(let name) {
            throw fail("unknown option '\(name)' for infra \(command)")
        } catch {
            throw fail("\(error)")
        }
        if parsed.contains("--help") { return .help(Help.command(command) ?? Help.main) }
        if let argument = parsed.arguments.first { throw fail("unexpected argument '\(argument)'; stacks are chosen with --stack NAME") }

        let selection = Selection(directory: parsed.value(of: "--dir") ?? Selection().directory, stages: parsed.values(of: "--stage"),
                                  stacks: parsed.values(of: "--stack"), currentCredentials: parsed.contains("--current-credentials"))
        var output = OutputFormat.text
        if let text = parsed.value(of: "--output") {
            guard let format = OutputFormat(rawValue: text) else { throw fail("--output must be text or json, not '\(text)'") }
            output = format
        }
        var flags = DeployFlags()
        if let text = parsed.value(of: "--concurrency") {
            guard let number = Int(text), (1...64).contains(number) else { throw fail("--concurrency must be a whole number from 1 to 64, not '\(text)'") }
            flags.concurrency = number
        }
        if let text = parsed.value(of: "--require-approval") {
            guard let policy = ApprovalPolicy(rawValue: text) else { throw fail("--require-approval must be never, broadening or any-change, not '\(text)'") }
            flags.approval = policy
        }
        flags.yes = parsed.contains("--yes")
        flags.recreateFailed = parsed.contains("--recreate-failed")
        if let text = parsed.value(of: "--method") {
            guard let method = DeployMethod(rawValue: text) else { throw fail("--method must be change-set or direct, not '\(text)'") }
            flags.method = method
        }
        flags.outputsFile = parsed.value(of: "--outputs-file")
        flags.prune = parsed.contains("--prune")
        // A partial deploy says nothing about the stacks it left out, so it cannot tell what is undeclared.
        if flags.prune, !selection.stages.isEmpty || !selection.stacks.isEmpty {
            throw fail("--prune deletes what the whole manifest no longer declares; it cannot be combined with --stage or --stack")
        }
        switch command {
        case "plan": return .plan(selection, output: output)
        case "deploy": return .deploy(selection, flags)
        case "diff": return .diff(selection, fail: parsed.contains("--fail"))
        case "destroy": return .destroy(selection, yes: parsed.contains("--yes"))
        case "outputs": return .outputs(selection)
        case "drift": return .drift(selection, output: output)
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
      destroy  delete the selected stacks, consumers before producers, after confirmation
      outputs  the deployed stacks' outputs as JSON (stack → output → value), secret-looking ones left out
      drift    resources changed behind CloudFormation's back, property by property (exit 1 when any)

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
            Under each modified resource, the properties that change (before → after, when AWS says) and
            whether each forces a replacement.
            For stacks that differ, a change set is created, described and deleted again; nothing is deployed.

            options:
            \(selection)
              --output FORMAT    text (default) or json
            """
        case "deploy":
            return """
            usage: infra deploy [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--concurrency N]
                                [--require-approval never|broadening|any-change] [--yes] [--recreate-failed]
                                [--method change-set|direct] [--outputs-file FILE] [--prune]

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
              --method METHOD    change-set (default) or direct: CreateStack/UpdateStack without change sets
                                 (approval is judged from the templates; replacements are not known beforehand)
              --outputs-file FILE
                                 after the run, write the outputs of the stacks that succeeded as JSON
                                 (stack → output → value, as CDK does), secret-looking ones left out
              --prune            after every declared stack succeeded, delete the stacks tagged with this app's
                                 name (App(name:)) in the manifest's accounts and regions that it no longer
                                 declares (infra plan lists them); untagged stacks are never deleted; and
                                 delete the stack instances of StackSets whose targets no longer name them
            """
        case "diff":
            return """
            usage: infra diff [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--fail]

            The deployed templates, parameters and tags against the local ones, as unified diffs.

            options:
            \(selection)
              --fail             exit 1 when a stack differs (or is not deployed), 0 when none does
            """
        case "status":
            return """
            usage: infra status [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--output text|json]

            Each stack's CloudFormation status, last change, and whether it matches the local template.

            options:
            \(selection)
              --output FORMAT    text (default) or json
            """
        case "destroy":
            return """
            usage: infra destroy [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--yes]

            Deletes the selected stacks: stages in reverse order, consumers before the stacks they depend on.
            Every stack is described first; termination protection refuses the whole run (the message says
            how to lift it). In a terminal the list is confirmed first; without one, --yes is required.
            A stack already gone counts as deleted; resources CloudFormation retains are listed.

            options:
            \(selection)
              -y, --yes          delete without asking
            """
        case "outputs":
            return """
            usage: infra outputs [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials]

            The outputs of the selected stacks that are deployed, as JSON on standard output
            (stack → output key → value, the format of deploy --outputs-file). Outputs that look
            secret (see docs/deploy.md) are left out and named on standard error.

            options:
            \(selection)
            """
        case "drift":
            return """
            usage: infra drift [--dir DIR] [--stage NAME]... [--stack NAME]... [--current-credentials] [--output text|json]

            Runs CloudFormation drift detection on each selected deployed stack, waits for it, and lists every
            resource modified or deleted outside CloudFormation with its property differences (expected by the
            template, actual in the account). Nothing but the detection is started.
            Exit status: 0 every stack in sync; 1 a stack drifted, is not deployed, or could not be fully checked;
            2 usage or input error.

            options:
            \(selection)
              --output FORMAT    text (default) or json
            """
        default:
            return nil
        }
    }
}
