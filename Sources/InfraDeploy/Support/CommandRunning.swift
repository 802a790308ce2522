import Foundation

/// What a finished command produced.
public struct CommandOutput: Sendable, Equatable {
    /// The exit status; 0 is success. A command ended by a signal has `128 + signal`, as in a shell.
    public var status: Int32
    /// Everything written to standard output.
    public var standardOutput: [UInt8]

    /// An output from its parts.
    public init(status: Int32, standardOutput: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
    }
}

/// How long a command may run and how much it may print before it is stopped.
public struct CommandLimits: Sendable, Equatable {
    /// The time from start until the command, and every process it started, must have finished.
    public var timeout: Duration
    /// The most standard output kept; a command printing more is stopped.
    public var maxOutputBytes: Int
    /// How long a stopped command has between `SIGTERM` and `SIGKILL`.
    public var terminationGrace: Duration

    /// Limits from their parts.
    public init(timeout: Duration, maxOutputBytes: Int = 1 << 20, terminationGrace: Duration = .seconds(2)) {
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
        self.terminationGrace = terminationGrace
    }
}

/// A command that could not be started, or was stopped at one of its ``CommandLimits``.
///
/// A command stopped because the calling task was cancelled throws `CancellationError` instead.
public enum CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `/bin/sh` could not be started; the system's reason.
    case couldNotStart(String)
    /// The command had not finished within the timeout and was stopped.
    case timedOut(Duration)
    /// The command printed more than the limit of bytes and was stopped.
    case outputTooLarge(Int)

    /// What happened, in words.
    public var description: String {
        switch self {
        case .couldNotStart(let reason): "could not start /bin/sh: \(reason)"
        case .timedOut(let limit): "did not finish within \(limit) and was stopped"
        case .outputTooLarge(let limit): "printed more than \(limit) bytes and was stopped"
        }
    }
}

/// Runs a shell command line: the seam for `credential_process`.
public protocol CommandRunning: Sendable {
    /// Runs `command` within `limits` and returns its status and standard output (standard error
    /// goes to ours, so diagnostics of the helper stay visible). Throws ``CommandError`` when it
    /// cannot start or is stopped at a limit, `CancellationError` when the task is cancelled; a
    /// stopped command leaves no process of its own behind.
    func run(_ command: String, limits: CommandLimits) async throws -> CommandOutput
}

/// Runs commands with `/bin/sh -c`, as the AWS SDKs do on Unix, each in a process group of its own.
///
/// The group is what makes stopping complete: at the timeout, at the output limit or when the
/// calling task is cancelled (Ctrl-C), the whole group gets `SIGTERM`, then `SIGKILL` after the
/// grace, so a helper's own children go with it. A separate group also means the terminal's Ctrl-C
/// reaches only `infra`, which then stops the helper itself. Standard input is `/dev/null`: a
/// process outside the terminal's foreground group cannot read it anyway.
public struct ShellCommandRunner: CommandRunning {
    /// A runner for the local shell.
    public init() {}

    /// Runs `command` on a thread of its own (it blocks in `poll`), stopping it at `limits` or on cancellation.
    public func run(_ command: String, limits: CommandLimits) async throws -> CommandOutput {
        let supervisor = try ProcessGroupSupervisor(limits: limits)
        let ending = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ProcessGroupSupervisor.Ending, any Error>) in
                let thread = Thread { continuation.resume(with: Result { try supervisor.run(command) }) }
                thread.name = "credential_process"
                thread.start()
            }
        } onCancel: {
            supervisor.cancel()
        }
        switch ending {
        case .finished(let output): return output
        case .timedOut: throw CommandError.timedOut(limits.timeout)
        case .outputTooLarge: throw CommandError.outputTooLarge(limits.maxOutputBytes)
        case .cancelled: throw CancellationError()
        }
    }
}
