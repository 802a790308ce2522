import Foundation

/// What a finished command produced.
public struct CommandOutput: Sendable, Equatable {
    /// The exit status; 0 is success.
    public var status: Int32
    /// Everything written to standard output.
    public var standardOutput: [UInt8]

    /// An output from its parts.
    public init(status: Int32, standardOutput: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
    }
}

/// Runs a shell command line: the seam for `credential_process`.
public protocol CommandRunning: Sendable {
    /// Runs `command` and returns its status and standard output (standard error goes to ours, so
    /// prompts and diagnostics of the helper stay visible).
    func run(_ command: String) async throws -> CommandOutput
}

/// Runs commands with `/bin/sh -c`, as the AWS SDKs do on Unix.
public struct ShellCommandRunner: CommandRunning {
    /// A runner for the local shell.
    public init() {}

    /// Runs `command` to completion on a background thread.
    public func run(_ command: String) async throws -> CommandOutput {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                let output = Pipe()
                process.standardOutput = output
                do {
                    try process.run()
                    // Read before waiting: a helper that fills the pipe would otherwise block forever.
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: CommandOutput(status: process.terminationStatus, standardOutput: Array(data)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
