import Foundation
@testable import InfraDeploy
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder with a helper script that records its pid and its child's, then sleeps forever.
private struct HangingHelper {
    let folder: URL
    var pidFile: String { folder.appendingPathComponent("pids").path }

    /// `ignoringTerm`: the helper and its child ignore SIGTERM, so only SIGKILL ends them.
    init(ignoringTerm: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("infra-helper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
        \(ignoringTerm ? "trap '' TERM" : "")
        sleep 1000 &
        echo "$$ $!" > '\(pidFile).tmp' && mv '\(pidFile).tmp' '\(pidFile)'
        sleep 1000
        """
        try Data(script.utf8).write(to: folder.appendingPathComponent("helper.sh"))
    }

    var command: String { "/bin/sh '\(folder.appendingPathComponent("helper.sh").path)'" }

    /// The helper's pid and its child's, once it has written them.
    func pids() -> [pid_t] {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
    }

    /// Waits for the helper to have started (its pid file), so the test cancels a running helper.
    func started() async throws -> [pid_t] {
        var polls = 0
        while pids().count != 2, polls < 3000 {
            try await Task.sleep(for: .milliseconds(10))
            polls += 1
        }
        return pids()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Whether `pid` is a process that runs: a zombie waiting for its parent to reap it does not.
private func isRunning(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    #if os(Linux)
    guard let stat = try? String(decoding: FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/stat")).readToEnd() ?? Data(), as: UTF8.self),
          let close = stat.lastIndex(of: ")") else { return false }
    return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    #else
    return true
    #endif
}

private func liveEnvironment(_ config: String, _ variables: [String: String] = [:]) -> AWSEnvironment {
    testEnvironment(variables, files: ["/home/test/.aws/config": config], commands: ShellCommandRunner())
}

private func chain(_ environment: AWSEnvironment) -> DefaultCredentialChain {
    DefaultCredentialChain(environment: environment) { _ in FakeRoleAssumer() }
}

/// `credential_process` against real helpers: stopped at the timeout or on cancellation, with every
/// process they started. The time limits only keep a regression from hanging the suite.
@Suite(.timeLimit(.minutes(1))) struct CredentialProcessLimitTests {
    @Test func aHelperThatNeverAnswersIsStoppedAtTheTimeoutWithItsChild() async throws {
        let helper = try HangingHelper()
        defer { helper.remove() }
        let config = "[profile slow]\ncredential_process = \(helper.command)\ncredential_process_timeout = 2.5\n"
        let error = await #expect(throws: CredentialError.self) {
            try await chain(liveEnvironment(config, ["AWS_PROFILE": "slow"])).credentials()
        }
        #expect(error?.code == .sourceFailed)
        #expect(error?.profile == "slow")
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("profile 'slow'"))
        #expect(text.contains("did not answer within 2.5 s"))
        #expect(text.contains("credential_process_timeout") && text.contains("INFRA_CREDENTIAL_PROCESS_TIMEOUT"))
        let pids = helper.pids()
        #expect(pids.count == 2, "the helper did not record its pids")
        for pid in pids { #expect(!isRunning(pid), "process \(pid) of the helper still runs") }
    }

    @Test func theEnvironmentVariableWinsOverTheProfile() async throws {
        let helper = try HangingHelper()
        defer { helper.remove() }
        let config = "[default]\ncredential_process = \(helper.command)\ncredential_process_timeout = 3600\n"
        let error = await #expect(throws: CredentialError.self) {
            try await chain(liveEnvironment(config, ["INFRA_CREDENTIAL_PROCESS_TIMEOUT": "2"])).credentials()
        }
        #expect(error?.message.contains("within 2 s") == true)
        #expect(helper.pids().count == 2, "the helper did not record its pids")
        for pid in helper.pids() { #expect(!isRunning(pid)) }
    }

    @Test(arguments: ["0", "-1", "soon", "3601", "nan"])
    func aBadTimeoutIsAConfigurationError(setting: String) async {
        let config = "[default]\ncredential_process = true\ncredential_process_timeout = \(setting)\n"
        let error = await #expect(throws: CredentialError.self) { try await chain(liveEnvironment(config)).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("credential_process_timeout must be a number of seconds") == true)
    }

    @Test func cancellingTheTaskStopsTheHelperAndItsChild() async throws {
        let helper = try HangingHelper()
        defer { helper.remove() }
        let credentials = chain(liveEnvironment("[default]\ncredential_process = \(helper.command)\n"))
        let task = Task { try await credentials.credentials() }
        let pids = try await helper.started()
        #expect(pids.count == 2, "the helper did not start")
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        for pid in pids { #expect(!isRunning(pid), "process \(pid) of the helper still runs") }
    }

    @Test func aHelperIgnoringSIGTERMIsKilledAfterTheGrace() async throws {
        let helper = try HangingHelper(ignoringTerm: true)
        defer { helper.remove() }
        let limits = CommandLimits(timeout: .seconds(2), terminationGrace: .milliseconds(200))
        await #expect(throws: CommandError.timedOut(.seconds(2))) { try await ShellCommandRunner().run(helper.command, limits: limits) }
        let pids = helper.pids()
        #expect(pids.count == 2)
        for pid in pids { #expect(!isRunning(pid), "process \(pid) of the helper still runs") }
    }

    @Test func outputBeyondTheLimitStopsTheHelper() async throws {
        let limits = CommandLimits(timeout: .seconds(30), maxOutputBytes: 1 << 20)
        await #expect(throws: CommandError.outputTooLarge(1 << 20)) {
            try await ShellCommandRunner().run("head -c 3000000 /dev/zero", limits: limits)
        }
        let config = "[default]\ncredential_process = head -c 3000000 /dev/zero\n"
        let error = await #expect(throws: CredentialError.self) { try await chain(liveEnvironment(config)).credentials() }
        #expect(error?.message.contains("more than 1 MiB") == true)
    }

    @Test func aHelperThatAnswersIsReadAsBefore() async throws {
        let document = #"{"Version": 1, "AccessKeyId": "ASIALIVE", "SecretAccessKey": "live-helper-secret-key", "SessionToken": "t"}"#
        let credentials = try await chain(liveEnvironment("[default]\ncredential_process = echo '\(document)'; echo diagnostics >&2; exit 0\n")).credentials()
        #expect(credentials.accessKeyID == "ASIALIVE")
        let output = try await ShellCommandRunner().run("printf abc; exit 3", limits: CommandLimits(timeout: .seconds(30)))
        #expect(output == CommandOutput(status: 3, standardOutput: Array("abc".utf8)))
    }
}

/// The helper's JSON read with strict types.
@Suite struct CredentialProcessDocumentTests {
    private func error(_ document: String, profile: String = "helper") async -> CredentialError? {
        let environment = testEnvironment(
            ["AWS_PROFILE": profile],
            files: ["/home/test/.aws/config": "[profile \(profile)]\ncredential_process = get-creds\n"],
            commands: FakeCommands { _ in CommandOutput(status: 0, standardOutput: Array(document.utf8)) })
        do {
            let credentials = try await chain(environment).credentials()
            Issue.record("expected an error, got \(credentials)")
        } catch let error as CredentialError {
            return error
        } catch {
            Issue.record("expected CredentialError, got \(error)")
        }
        return nil
    }

    @Test(arguments: [("2", "Version is 2;"), (#""1""#, "Version is a string;"), ("true", "Version is a boolean;"), ("1.0", "Version is a fractional number;"), ("null", "has no Version")])
    func aVersionOtherThanTheNumberOneIsRefused(version: String, says: String) async {
        let found = await error(#"{"Version": \#(version), "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret"}"#)
        #expect(found?.code == .sourceFailed)
        #expect(found?.message.contains(says) == true, "\(found.map { "\($0)" } ?? "")")
        #expect(found.map { "\($0)" }?.contains("profile 'helper'") == true)
    }

    @Test func aMissingVersionIsRefused() async {
        let found = await error(#"{"AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret"}"#)
        #expect(found?.message.contains("has no Version") == true)
    }

    @Test func fieldsOfTheWrongTypeAreRefused() async {
        #expect(await error(#"{"Version": 1, "AccessKeyId": 7, "SecretAccessKey": "proc-secret"}"#)?.message.contains("AccessKeyId is not a string") == true)
        #expect(await error(#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "proc-secret", "SessionToken": true}"#)?.message.contains("SessionToken is not a string") == true)
        #expect(await error(#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "proc-secret", "Expiration": 1700000000}"#)?.message.contains("Expiration is not a string") == true)
        #expect(await error(#"{"Version": 1, "AccessKeyId": "A"}"#)?.message.contains("lacks AccessKeyId or SecretAccessKey") == true)
    }

    @Test func aMalformedExpirationIsNamedNeverEchoed() async {
        let planted = "PLANTED-EXPIRATION-value-7f3a9c"
        let found = await error(#"{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret", "Expiration": "\#(planted)"}"#)
        let text = found.map { "\($0)" } ?? ""
        #expect(text.contains("Expiration is not an ISO 8601 timestamp"))
        #expect(!text.contains(planted))
        #expect(!text.contains("\(planted.count)"), "not even its length")
    }
}
