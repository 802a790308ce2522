/// EC2 instance-profile credentials over IMDSv2: a session token by PUT, then the role's credentials by GET.
///
/// IMDSv1 (no token) is deliberately not used: an instance that refuses tokens is treated as having
/// no metadata service, which is the safer reading for a deployment tool.
struct InstanceMetadataCredentialSource: OptionalCredentialSource {
    let environment: AWSEnvironment
    var name: String { "instance metadata" }

    static let tokenTTLSeconds = 21_600
    /// Short: off EC2 nothing answers, and the chain should not hang there.
    static let timeout: Duration = .seconds(1)
    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    func resolve() async throws -> AWSCredentials? {
        if environment.variable("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true" { return nil }
        let base = try baseRequest()

        var tokenRequest = base
        tokenRequest.method = "PUT"
        tokenRequest.path = "/latest/api/token"
        tokenRequest.headers.set(name: "X-aws-ec2-metadata-token-ttl-seconds", value: String(Self.tokenTTLSeconds))
        let tokenResponse: HTTPResponse
        do {
            tokenResponse = try await environment.transport.send(tokenRequest, timeout: Self.timeout)
        } catch is TransportError {
            return nil
        }
        switch tokenResponse.status {
        case 200: break
        case 403, 404, 405: return nil // disabled, or not an IMDSv2 endpoint
        default: throw failure("the token request answered HTTP \(tokenResponse.status)")
        }
        let token = tokenResponse.bodyText.trimmingWhitespace()

        var listRequest = base
        listRequest.path = Self.credentialsPath
        listRequest.headers.set(name: "X-aws-ec2-metadata-token", value: token)
        let listResponse = try await send(listRequest)
        if listResponse.status == 404 { return nil } // no instance profile attached
        guard listResponse.status == 200 else { throw failure("listing the instance role answered HTTP \(listResponse.status)") }
        guard let role = listResponse.bodyText.split(whereSeparator: \.isNewline).first.map({ $0.trimmingWhitespace() }), !role.isEmpty else {
            throw failure("the instance has an empty instance-profile role list")
        }

        var credentialsRequest = listRequest
        credentialsRequest.path = Self.credentialsPath + SigV4Encoding.uriEncode(role)
        let response = try await send(credentialsRequest)
        guard response.status == 200 else { throw failure("fetching credentials of role '\(role)' answered HTTP \(response.status)") }
        return try TemporaryCredentialsDocument.credentials(from: response.body, source: name)
    }

    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await environment.transport.send(request, timeout: Self.timeout)
        } catch let error as TransportError {
            // The token call worked, so the service exists: losing it now is a failure, not absence.
            throw CredentialError(.sourceFailed, "the instance metadata service stopped answering", source: name, underlying: error)
        }
    }

    private func baseRequest() throws -> HTTPRequest {
        let endpoint: String
        if let configured = environment.variable("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            endpoint = configured
        } else if environment.variable("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")?.lowercased() == "ipv6" {
            endpoint = "http://[fd00:ec2::254]"
        } else {
            endpoint = "http://169.254.169.254"
        }
        var request = try ContainerCredentialSource.request(for: endpoint, source: name)
        request.headers.remove(name: "Accept")
        return request
    }

    private func failure(_ message: String) -> CredentialError {
        CredentialError(.sourceFailed, message, source: name)
    }
}
