import Foundation
@testable import InfraDeploy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP proxy on 127.0.0.1 (kernel-chosen port) in front of moto that injects faults: it
/// throttles, answers 500 with an HTML page, resets connections, delays, and hangs past the client's
/// timeout — all before forwarding, so a faulted call never reaches moto and a retry is the only way
/// it takes effect — and cuts the connection after moto acted, so the answer is lost. One thread
/// per connection; `Connection: close` after each answer.
///
/// With `replayTokens`, it answers a request whose `ClientToken` or `ClientRequestToken` it has
/// forwarded before with moto's first answer, as CloudFormation honours those tokens (moto does not).
final class FaultProxy: @unchecked Sendable {
    enum Fault: String, Sendable, CaseIterable {
        case none, throttle, serverError, reset, delay, hang, cut
    }

    /// One request, as the plan sees it.
    struct Call: Sendable {
        /// 0-based, across all connections.
        let index: Int
        /// The Query action.
        let action: String
        /// The decoded form fields.
        let fields: [String: String]
        /// The access key id that signed it (one per account behind an assumed role).
        let keyID: String
        /// The idempotency token it carries, if any.
        var token: String? { fields["ClientToken"] ?? fields["ClientRequestToken"] }
    }

    let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let plan: @Sendable (Call) -> Fault
    private let replayTokens: Bool
    private let hangSeconds: Double
    private let lock = NSLock()
    private var counter = 0
    private var tally: [Fault: Int] = [:]
    private var actions: [String] = []
    private var replies: [String: [UInt8]] = [:]
    private var replayed = 0
    private let finished = DispatchSemaphore(value: 0)

    /// `plan` picks the fault for the `index`-th request (0-based, across all connections).
    convenience init(upstreamPort: Int, plan: @escaping @Sendable (_ index: Int, _ action: String) -> Fault) throws {
        try self.init(upstreamPort: upstreamPort, replayTokens: false) { plan($0.index, $0.action) }
    }

    /// `plan` picks the fault for each call; `replayTokens` answers repeated tokens as AWS does; a
    /// hang holds the connection `hangSeconds`, which must be longer than the client's attempt timeout.
    init(upstreamPort: Int, replayTokens: Bool, hangSeconds: Double = 3, plan: @escaping @Sendable (Call) -> Fault) throws {
        self.upstreamPort = upstreamPort
        self.plan = plan
        self.replayTokens = replayTokens
        self.hangSeconds = hangSeconds
        let (fd, port) = try bindLoopbackSocket()
        guard listen(fd, 64) == 0 else {
            close(fd)
            throw TestFailure("listen failed")
        }
        listener = fd
        self.port = port
        Thread.detachNewThread { [self] in serve() }
    }

    /// How many requests got each fault.
    var faults: [Fault: Int] { lock.locked { tally } }
    /// The Query action of every request received, in arrival order.
    var received: [String] { lock.locked { actions } }
    /// How many requests were answered from a replayed token.
    var replays: Int { lock.locked { replayed } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        _ = finished.wait(timeout: .now() + 5)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread.detachNewThread { [self] in handle(connection) }
        }
    }

    private func handle(_ connection: Int32) {
        let request = readHTTPRequest(connection)
        guard !request.isEmpty else {
            close(connection)
            return
        }
        let text = String(decoding: request, as: UTF8.self)
        let fields = Self.formFields(text)
        let action = fields["Action"] ?? "?"
        let keyID = text.components(separatedBy: "Credential=").dropFirst().first?.components(separatedBy: "/").first ?? ""
        let replayKey = Call(index: 0, action: action, fields: fields, keyID: keyID).token.map { "\(keyID)|\(action)|\($0)" }
        let (fault, replay): (Fault, [UInt8]?) = lock.locked {
            let call = Call(index: counter, action: action, fields: fields, keyID: keyID)
            counter += 1
            actions.append(action)
            if replayTokens, let replayKey, let reply = replies[replayKey] {
                replayed += 1
                return (.none, reply)
            }
            let fault = plan(call)
            tally[fault, default: 0] += 1
            return (fault, nil)
        }
        if let replay {
            sendAll(connection, replay)
            close(connection)
            return
        }
        switch fault {
        case .throttle:
            respond(connection, status: "400 Bad Request", type: "text/xml", body: Fixture.text("Error.Throttling.xml"))
        case .serverError:
            respond(connection, status: "500 Internal Server Error", type: "text/html; charset=utf-8", body: Fixture.text("Error.InternalFailure.html"))
        case .reset:
            reset(connection)
        case .hang:
            Thread.sleep(forTimeInterval: hangSeconds)  // longer than the client's attempt timeout; never answered
            close(connection)
        case .delay:
            Thread.sleep(forTimeInterval: 0.3)
            answer(connection, with: exchange(request), remember: replayKey)
        case .none:
            answer(connection, with: exchange(request), remember: replayKey)
        case .cut:
            // moto acts on the request; its answer never reaches the client.
            let response = exchange(request)
            if let replayKey, replayTokens, let response { lock.locked { replies[replayKey] = response } }
            reset(connection)
        }
    }

    /// Form fields of a request's body.
    private static func formFields(_ text: String) -> [String: String] {
        guard let end = text.range(of: "\r\n\r\n") else { return [:] }
        var result: [String: String] = [:]
        for pair in text[end.upperBound...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                let spaced = $0.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    /// Closes with RST instead of FIN, as a dropped connection looks to the client.
    private func reset(_ connection: Int32) {
        var linger = linger(l_onoff: 1, l_linger: 0)
        setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        close(connection)
    }

    /// Relays moto's answer (a 502 when moto could not be reached), remembering it under `key`.
    private func answer(_ connection: Int32, with response: [UInt8]?, remember key: String?) {
        guard let response else {
            respond(connection, status: "502 Bad Gateway", type: "text/plain", body: "upstream unreachable")
            return
        }
        if let key, replayTokens, Self.isSuccess(response) { lock.locked { replies[key] = response } }
        sendAll(connection, response)
        close(connection)
    }

    private static func isSuccess(_ response: [UInt8]) -> Bool {
        String(decoding: response.prefix(16), as: UTF8.self).hasPrefix("HTTP/1.1 2")
    }

    private func respond(_ connection: Int32, status: String, type: String, body: String) {
        let bytes = Array(body.utf8)
        let head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
        sendAll(connection, Array(head.utf8) + bytes)
        close(connection)
    }

    /// Sends `request` to moto and returns its whole answer; `nil` when moto cannot be reached.
    private func exchange(_ request: [UInt8]) -> [UInt8]? {
        #if canImport(Glibc)
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let upstream = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = Self.loopback(port: UInt16(upstreamPort))
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else {
            close(upstream)
            return nil
        }
        // One request per upstream connection: ask moto to close, then relay until it does.
        let text = String(decoding: request, as: UTF8.self)
        let rewritten: [UInt8]
        if let end = text.range(of: "\r\n\r\n") {
            let head = text[..<end.lowerBound].split(separator: "\r\n").filter { !$0.lowercased().hasPrefix("connection:") }.joined(separator: "\r\n")
            rewritten = Array((head + "\r\nConnection: close\r\n\r\n").utf8) + Array(request[text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound)...])
        } else {
            rewritten = request
        }
        sendAll(upstream, rewritten)
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(upstream, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        close(upstream)
        return response
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }
}
