import Foundation

/// Everything InfraDeploy reads from the outside world, gathered so tests can replace each part.
///
/// ```swift
/// let live = AWSEnvironment.live()                       // the real process
/// let test = AWSEnvironment(variables: ["AWS_REGION": "eu-west-1"], files: InMemoryFiles([:]), transport: fake)
/// ```
public struct AWSEnvironment: Sendable {
    /// Environment variables (`AWS_PROFILE`, `AWS_REGION`, …).
    public var variables: [String: String]
    /// Reads the shared config and credentials files and token files.
    public var files: any FileReading
    /// Reaches STS, the container endpoint and instance metadata.
    public var transport: any HTTPTransport
    /// Runs `credential_process` commands.
    public var commands: any CommandRunning
    /// The current time; injectable so expiry logic is testable without waiting.
    public var clock: @Sendable () -> Date
    /// Waits between retries; tests replace it so backoff is checked without sleeping.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A uniform random number in `0..<1`, for backoff jitter.
    public var random: @Sendable () -> Double

    /// An environment from its parts.
    public init(
        variables: [String: String],
        files: any FileReading,
        transport: any HTTPTransport,
        commands: any CommandRunning = ShellCommandRunner(),
        clock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.variables = variables
        self.files = files
        self.transport = transport
        self.commands = commands
        self.clock = clock
        self.sleep = sleep
        self.random = random
    }

    /// The running process: its environment, the local disk, URLSession and `/bin/sh`.
    public static func live(transport: any HTTPTransport = URLSessionTransport()) -> AWSEnvironment {
        AWSEnvironment(variables: ProcessInfo.processInfo.environment, files: LocalFiles(), transport: transport)
    }

    /// The home directory for `~/.aws`: `HOME`, then `USERPROFILE` (Windows), then the account's home.
    var homeDirectory: String {
        if let home = variables["HOME"], !home.isEmpty { return home }
        if let home = variables["USERPROFILE"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// Expands a leading `~/` the way the AWS CLI does for file settings.
    func expandingTilde(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst(1) }
        return path
    }

    /// A variable's value, treating an empty string as unset, as the AWS SDKs do.
    func variable(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}
