import Foundation

/// ECS (and EKS Pod Identity) container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on
/// 169.254.170.2, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` with an authorization token.
struct ContainerCredentialSource: OptionalCredentialSource {
    let environment: AWSEnvironment
    var name: String { "container" }

    static let ecsHost = "169.254.170.2"
    /// Plain-http hosts the SDKs accept for a full URI besides loopback: the ECS and EKS agents.
    static let trustedLinkLocalHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]
    /// Three quick tries: the agent is local, so a failure that outlasts a second is not transient.
    static let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(1), maxTotalTime: .seconds(15), attemptTimeout: .seconds(5))

    func resolve() async throws -> AWSCredentials? {
        guard let request = try makeRequest() else { return nil }
        var lastError: (any Error & Sendable)?
        for attempt in 1...Self.retry.maxAttempts {
            if attempt > 1 { try await environment.sleep(Self.retry.delay(beforeRetry: attempt - 1, unitRandom: environment.random())) }
            do {
                let response = try await environment.transport.send(request, timeout: Self.retry.attemptTimeout)
                if (200..<300).contains(response.status) {
                    return try TemporaryCredentialsDocument.credentials(from: response.body, source: name)
                }
                let error = CredentialError(.sourceFailed, "the container credentials endpoint \(Self.target(request)) answered HTTP \(response.status)", source: name)
                // 4xx means a wrong URI or token: asking again gives the same answer.
                guard response.status >= 500 else { throw error }
                lastError = error
            } catch let error as TransportError where error.isRetryable {
                lastError = error
            }
        }
        throw CredentialError(.sourceFailed, "the container credentials endpoint \(Self.target(request)) did not deliver after \(Self.retry.maxAttempts) attempts", source: name, underlying: lastError)
    }

    private func makeRequest() throws -> HTTPRequest? {
        if let relative = environment.variable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            var request = try Self.request(for: "http://\(Self.ecsHost)\(path)", source: name)
            if let token = try authorizationToken() { request.headers.set(name: "Authorization", value: token) }
            return request
        }
        guard let full = environment.variable("AWS_CONTAINER_CREDENTIALS_FULL_URI") else { return nil }
        var request = try Self.request(for: full, source: name)
        let host = request.authority.hostPart
        guard request.scheme == "https" || Endpoint.isLoopback(host: host) || Self.trustedLinkLocalHosts.contains(host) else {
            throw CredentialError(.invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or http only to a loopback address or the ECS/EKS agent (169.254.170.2, 169.254.170.23, fd00:ec2::23); got host '\(host)'", source: name)
        }
        if let token = try authorizationToken() { request.headers.set(name: "Authorization", value: token) }
        return request
    }

    /// The token file wins over the variable, as in the SDKs; the file is re-read on every call because
    /// EKS rotates it.
    private func authorizationToken() throws -> String? {
        var token: String?
        if let path = environment.variable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            let text: String?
            do {
                text = try environment.files.text(atPath: path)
            } catch {
                throw CredentialError(.invalidConfiguration, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)", source: name, underlying: SecretFreeError(error))
            }
            guard let text else {
                throw CredentialError(.invalidConfiguration, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE points to \(path), which does not exist", source: name)
            }
            token = text.trimmingWhitespace()
        } else {
            token = environment.variable("AWS_CONTAINER_AUTHORIZATION_TOKEN")
        }
        // A newline in a header value would let the token smuggle extra headers.
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            throw CredentialError(.invalidConfiguration, "the container authorization token contains a line break", source: name)
        }
        if let token { SecretRedaction.register(token) }
        return token
    }

    static func request(for urlText: String, source: String) throws -> HTTPRequest {
        guard let components = URLComponents(string: urlText), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw CredentialError(.invalidConfiguration, "'\(urlText)' is not an http(s) URL", source: source)
        }
        let authority = Endpoint.authority(host: host, port: components.port)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return HTTPRequest(method: "GET", scheme: scheme, authority: authority, path: path, query: components.percentEncodedQuery,
                           headers: ["Host": authority, "Accept": "application/json"])
    }

    static func target(_ request: HTTPRequest) -> String { "\(request.scheme)://\(request.authority)\(request.path)" }
}
