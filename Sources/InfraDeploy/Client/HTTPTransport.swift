/// Sends one HTTP request and returns the response: the seam between InfraDeploy and the network.
///
/// Tests pass an in-memory transport; production uses ``URLSessionTransport``.
public protocol HTTPTransport: Sendable {
    /// Sends `request`, giving up after `timeout`; throws ``TransportError`` when no response arrives.
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// No HTTP response arrived: the connection failed, timed out, or the request could not be built.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    fileprivate enum Kind: Sendable, Equatable { case connectionFailed, timedOut, invalidRequest, responseTooLarge }

    /// What went wrong, for matching.
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        fileprivate let kind: Kind
        /// The connection could not be opened or broke before a response.
        public static let connectionFailed = Code(kind: .connectionFailed)
        /// No complete response within the timeout.
        public static let timedOut = Code(kind: .timedOut)
        /// The request could not be turned into a URL request; retrying will not help.
        public static let invalidRequest = Code(kind: .invalidRequest)
        /// The answer's body passed the transport's size limit; the exchange was cut off.
        public static let responseTooLarge = Code(kind: .responseTooLarge)
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// What went wrong.
    public let code: Code
    /// Where the request went (scheme, host and path; never the query or headers).
    public let target: String
    /// The underlying system message, if any.
    public let detail: String

    /// An error for `target`.
    public init(_ code: Code, target: String, detail: String = "") {
        self.code = code
        self.target = target
        self.detail = detail
    }

    /// Whether retrying can help (true for network failures; false for a malformed request or an
    /// answer too large to read, which the same request would get again).
    public var isRetryable: Bool { code != .invalidRequest && code != .responseTooLarge }

    /// A one-line explanation.
    public var description: String {
        let what: String
        switch code.kind {
        case .connectionFailed: what = "could not connect to \(target)"
        case .timedOut: what = "no response from \(target) within the timeout"
        case .invalidRequest: what = "cannot send a request to \(target)"
        case .responseTooLarge: what = "the answer from \(target) is too large"
        }
        return detail.isEmpty ? what : "\(what): \(detail)"
    }
}
