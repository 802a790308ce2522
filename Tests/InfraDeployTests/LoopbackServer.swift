import Foundation
@testable import InfraDeploy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-connection-at-a-time HTTP server on 127.0.0.1 with a kernel-chosen port, so the real
/// URLSession transport can be tested without a network or a fixed port.
final class LoopbackServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Answer every request with this raw HTTP response.
        case respond(String)
        /// Accept, read the request, and never answer.
        case hang
        /// Send `head`, then `chunk` over and over until the client goes away (an endless body).
        case stream(head: String, chunk: [UInt8])
    }

    let port: Int
    private let listener: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var received: [String] = []
    private var hung: [Int32] = []
    private let finished = DispatchSemaphore(value: 0)

    var requests: [String] { lock.locked { received } }

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let (fd, port) = try bindLoopbackSocket()
        guard listen(fd, 8) == 0 else {
            close(fd)
            throw TestFailure("listen failed")
        }
        listener = fd
        self.port = port
        Thread.detachNewThread { [self] in serve() }
    }

    /// Stops listening and returns once the port is closed. Only the serving thread closes the
    /// listener: closing it here could let a new socket reuse the descriptor while that thread still
    /// accepts on it, stealing another test's connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        _ = finished.wait(timeout: .now() + 5)
        for connection in lock.locked({ hung }) { close(connection) }
    }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let request = String(decoding: readHTTPRequest(connection), as: UTF8.self)
            lock.locked { received.append(request) }
            switch behaviour {
            case .respond(let response):
                _ = Array(response.utf8).withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
                close(connection)
            case .hang:
                lock.locked { hung.append(connection) } // open and unanswered until stop()
            case .stream(let head, let chunk):
                _ = Array(head.utf8).withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
                // MSG_NOSIGNAL: the client hanging up must end the loop, not the test process.
                while chunk.withUnsafeBytes({ send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) > 0 {}
                close(connection)
            }
        }
    }
}

/// A loopback port that is bound but never listens: connecting to it is refused, and because the
/// socket stays bound until `release()`, no other test's server can be given the same port meanwhile
/// (closing a server to "free" a port raced with concurrently started servers).
final class RefusingPort: @unchecked Sendable {
    let port: Int
    private let socketDescriptor: Int32

    init() throws {
        (socketDescriptor, port) = try bindLoopbackSocket()
    }

    /// Gives the port back to the kernel.
    func release() {
        close(socketDescriptor)
    }
}

/// A TCP socket bound to 127.0.0.1 on a port the kernel chooses: the descriptor and the port.
func bindLoopbackSocket() throws -> (Int32, Int) {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw TestFailure("socket() failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    guard bound == 0 else {
        close(fd)
        throw TestFailure("bind failed")
    }
    var actual = sockaddr_in()
    _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return (fd, Int(UInt16(bigEndian: actual.sin_port)))
}

/// Reads one HTTP request from `connection`: the headers, then as many body bytes as
/// Content-Length announces.
func readHTTPRequest(_ connection: Int32) -> [UInt8] {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { break }
        data += buffer[0..<count]
        let text = String(decoding: data, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { continue }
        let head = text[..<end.lowerBound].lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        if data.count >= text.utf8.distance(from: text.utf8.startIndex, to: end.upperBound) + length { break }
    }
    return data
}
