import Foundation

/// Runs a profile's `credential_process` and reads the JSON it prints (`Version` 1), within a time
/// limit and an output limit.
///
/// The time limit, in seconds (fractions allowed, at most 3600): `INFRA_CREDENTIAL_PROCESS_TIMEOUT`
/// when set, else the profile's `credential_process_timeout` in `~/.aws/config`, else 60 — generous
/// for a helper that fetches credentials over the network, short enough that a hung helper does not
/// hold a deploy. The variable wins, as environment settings do over the shared files. A helper
/// that is late, prints more than 1 MiB, or whose caller is cancelled (Ctrl-C) is stopped together
/// with every process it started (see ``ShellCommandRunner``).
struct CredentialProcessSource: Sendable {
    let command: String
    let profile: String
    /// The profile's `credential_process_timeout`, if set.
    var timeoutSetting: String?
    let environment: AWSEnvironment

    /// The variable that overrides every profile's `credential_process_timeout`.
    static let timeoutVariable = "INFRA_CREDENTIAL_PROCESS_TIMEOUT"
    /// The time limit when none is configured.
    static let defaultTimeout = Duration.seconds(60)
    /// The most standard output read from a helper; a credentials document is a few KiB.
    static let maxOutputBytes = 1 << 20

    func credentials() async throws -> AWSCredentials {
        let limits = CommandLimits(timeout: try timeout(), maxOutputBytes: Self.maxOutputBytes)
        let output: CommandOutput
        do {
            output = try await environment.commands.run(command, limits: limits)
        } catch let error as CancellationError {
            throw error
        } catch CommandError.timedOut {
            throw CredentialError(
                .sourceFailed,
                "credential_process did not answer within \(Self.seconds(limits.timeout)) s and was stopped, with every process it started; check that the command works on its own (and does not wait for input), or allow it more time with credential_process_timeout in the profile or \(Self.timeoutVariable) (seconds)",
                source: "credential_process", profile: profile)
        } catch CommandError.outputTooLarge {
            throw CredentialError(.sourceFailed, "credential_process printed more than 1 MiB and was stopped; it must print one JSON credentials document", source: "credential_process", profile: profile)
        } catch {
            throw CredentialError(.sourceFailed, "could not start credential_process", source: "credential_process", profile: profile, underlying: SecretFreeError(error))
        }
        guard output.status == 0 else {
            throw CredentialError(.sourceFailed, "credential_process exited with status \(output.status); its standard error is above", source: "credential_process", profile: profile)
        }
        return try TemporaryCredentialsDocument.credentials(from: output.standardOutput, source: "credential_process", profile: profile, version: .required)
    }

    /// The configured limit (see the type's documentation).
    private func timeout() throws -> Duration {
        let setting: (name: String, value: String)?
        if let value = environment.variable(Self.timeoutVariable) {
            setting = (Self.timeoutVariable, value)
        } else {
            setting = timeoutSetting.map { ("credential_process_timeout", $0) }
        }
        guard let setting else { return Self.defaultTimeout }
        guard let seconds = Double(setting.value.trimmingWhitespace()), seconds.isFinite, seconds > 0, seconds <= 3600 else {
            throw CredentialError(.invalidConfiguration, "\(setting.name) must be a number of seconds above 0 and at most 3600, such as 60; got '\(setting.value)'", source: "credential_process", profile: profile)
        }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// `60`, or `2.5`: the limit as the user wrote it.
    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)" : "\(Double(milliseconds) / 1000)"
    }
}
