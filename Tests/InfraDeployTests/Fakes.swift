import Foundation
@testable import InfraDeploy

/// A transport answering from a closure and recording every request, for tests without a network.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private var recordedTimeouts: [Duration] = []
    private let handler: @Sendable (HTTPRequest, Int) throws -> HTTPResponse

    /// `handler` gets the request and its 0-based index among all requests sent so far.
    init(_ handler: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
        self.handler = handler
    }

    var requests: [HTTPRequest] { lock.locked { recorded } }
    var timeouts: [Duration] { lock.locked { recordedTimeouts } }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let index = lock.locked {
            recorded.append(request)
            recordedTimeouts.append(timeout)
            return recorded.count - 1
        }
        return try handler(request, index)
    }

    /// A transport where every request fails to connect, like a laptop asking for EC2 metadata.
    static func offline() -> ScriptedTransport {
        ScriptedTransport { request, _ in throw TransportError(.connectionFailed, target: request.authority) }
    }
}

/// A `credential_process` runner answering from a closure.
struct FakeCommands: CommandRunning {
    let handler: @Sendable (String) throws -> CommandOutput
    func run(_ command: String, limits: CommandLimits) async throws -> CommandOutput { try handler(command) }
}

/// Records AssumeRole calls and answers with credentials derived from the request.
final class FakeRoleAssumer: RoleAssuming, @unchecked Sendable {
    struct Call: Equatable {
        let request: AssumeRoleRequest
        let baseKeyID: String
        let region: String
    }

    private let lock = NSLock()
    private var recorded: [Call] = []
    let region: String
    let expiration: Date?

    init(region: String = "us-east-1", expiration: Date? = nil) {
        self.region = region
        self.expiration = expiration
    }

    var calls: [Call] { lock.locked { recorded } }

    func assumeRole(_ request: AssumeRoleRequest, using credentials: AWSCredentials) async throws -> AWSCredentials {
        lock.locked { recorded.append(Call(request: request, baseKeyID: credentials.accessKeyID, region: region)) }
        return AWSCredentials(accessKeyID: "ASIA-\(request.roleARN.split(separator: "/").last ?? "")", secretAccessKey: "assumed-secret", sessionToken: "assumed-token", expiration: expiration)
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.locked { current } }
    func advance(by seconds: TimeInterval) { lock.locked { current += seconds } }
    var function: @Sendable () -> Date { { [self] in now } }
}

/// Shorthand for an environment with in-memory files and a scripted network.
func testEnvironment(
    _ variables: [String: String] = [:],
    files: [String: String] = [:],
    transport: any HTTPTransport = ScriptedTransport.offline(),
    commands: any CommandRunning = FakeCommands { _ in throw TestFailure("no command expected") },
    clock: TestClock = TestClock(),
    sleeps: Recorder<Duration> = Recorder(),
    random: Double = 0.5
) -> AWSEnvironment {
    // Sleeping only moves the test clock: backoff is checked by value, never by waiting.
    AWSEnvironment(
        variables: ["HOME": "/home/test"].merging(variables) { $1 }, files: InMemoryFiles(files), transport: transport, commands: commands,
        clock: clock.function,
        sleep: { duration in
            sleeps.append(duration)
            clock.advance(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        },
        random: { random }
    )
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func json(_ text: String, status: Int = 200) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
}

/// A thread-safe list tests append to from `@Sendable` closures.
final class Recorder<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    func append(_ item: Element) { lock.locked { items.append(item) } }
    var all: [Element] { lock.locked { items } }
}

func xml(_ text: String, status: Int = 200) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["Content-Type": "text/xml"], body: Array(text.utf8))
}

/// The form parameters of a Query request body, decoded.
func formParameters(_ request: HTTPRequest) -> [String: String] {
    var result: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (text: Substring) in text.removingPercentEncoding ?? String(text) }
        result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return result
}
