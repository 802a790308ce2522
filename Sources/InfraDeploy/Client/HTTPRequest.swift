import Foundation

/// An HTTP request as it goes on the wire: what SigV4 signs and what a transport sends.
///
/// `path` and `query` are the wire forms (already percent-encoded where needed), because SigV4
/// canonicalises exactly what the server will see.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, e.g. `POST`.
    public var method: String
    /// `https`, or `http` for a loopback test endpoint.
    public var scheme: String
    /// Host and optional `:port`, as in the Host header.
    public var authority: String
    /// The path as sent, starting with `/`.
    public var path: String
    /// The query string as sent, without `?`; `nil` when there is none.
    public var query: String?
    /// Header fields in sending order.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A request with every part given.
    public init(method: String, scheme: String = "https", authority: String, path: String = "/", query: String? = nil, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The URL to send to; `nil` when the path or query is not valid wire text.
    ///
    /// Foundation quietly percent-encodes invalid characters, which would send a different path than
    /// the one signed; such requests are refused instead.
    public var url: URL? {
        guard let url = URL(string: "\(scheme)://\(authority)\(path)\(query.map { "?\($0)" } ?? "")"),
              let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              components.percentEncodedPath == path, components.percentEncodedQuery == query
        else { return nil }
        return url
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Method, target and headers with credentials redacted; the body is summarised by size only
    /// because form bodies can carry parameters users consider private.
    public var description: String {
        "\(method) \(scheme)://\(authority)\(path)\(query.map { "?" + SecretRedaction.redactQuery($0) } ?? "") \(headers) (\(body.count) body bytes)"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Keeps `dump` from printing header values or presigned query signatures.
    public var customMirror: Mirror { Mirror(self, children: ["request": description]) }
}

/// An HTTP response as a transport hands it back.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields as received.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A response with every part given.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8, with invalid bytes replaced.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

extension HTTPResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Status and size only: bodies of STS and credential endpoints carry secret keys and tokens.
    public var description: String { "HTTP \(status) \(headers) (\(body.count) body bytes)" }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Keeps `dump` from printing the body.
    public var customMirror: Mirror { Mirror(self, children: ["response": description]) }
}
