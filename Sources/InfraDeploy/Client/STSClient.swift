import Foundation

/// Who the caller is, as STS `GetCallerIdentity` reports it.
public struct CallerIdentity: Sendable, Equatable {
    /// The 12-digit account id.
    public let account: String
    /// The ARN of the user or assumed role.
    public let arn: String
    /// The unique id of the principal.
    public let userID: String
}

/// AWS Security Token Service over the Query protocol: `AssumeRole` and `GetCallerIdentity`.
public struct STSClient: RoleAssuming {
    private let query: QueryClient

    /// A client for STS in `region`, at `AWS_ENDPOINT_URL_STS`/`AWS_ENDPOINT_URL` or the regional endpoint.
    public init(region: String, credentials: any AWSCredentialProvider, environment: AWSEnvironment, retryPolicy: RetryPolicy = RetryPolicy()) throws {
        let endpoint = try EndpointResolver.endpoint(service: "sts", region: region, environment: environment)
        query = QueryClient(service: "sts", version: "2011-06-15", region: region, endpoint: endpoint, credentials: credentials, environment: environment, retryPolicy: retryPolicy)
    }

    /// The account and principal behind the client's credentials.
    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await query.perform("GetCallerIdentity", [])
        guard let account = result.string("Account"), let arn = result.string("Arn") else {
            throw QueryResponseShape.missing("Account or Arn", in: "GetCallerIdentity", query)
        }
        return CallerIdentity(account: account, arn: arn, userID: result.string("UserId") ?? "")
    }

    /// Assumes a role with the client's own credentials.
    public func assumeRole(_ request: AssumeRoleRequest) async throws -> AWSCredentials {
        try await assumeRole(request, override: nil)
    }

    /// Assumes a role with `credentials` instead of the client's own (for credential chains).
    public func assumeRole(_ request: AssumeRoleRequest, using credentials: AWSCredentials) async throws -> AWSCredentials {
        try await assumeRole(request, override: credentials)
    }

    /// Exchanges an OIDC token for role credentials (`AssumeRoleWithWebIdentity`, sent unsigned).
    public func assumeRole(_ request: AssumeRoleRequest, webIdentityToken: String) async throws -> AWSCredentials {
        var parameters = [("RoleArn", request.roleARN), ("RoleSessionName", request.sessionName), ("WebIdentityToken", webIdentityToken)]
        if let duration = request.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        let result = try await query.perform("AssumeRoleWithWebIdentity", parameters, signing: .unsigned(secrets: [webIdentityToken]))
        return try credentials(in: result, action: "AssumeRoleWithWebIdentity")
    }

    private func assumeRole(_ request: AssumeRoleRequest, override: AWSCredentials?) async throws -> AWSCredentials {
        var parameters = [("RoleArn", request.roleARN), ("RoleSessionName", request.sessionName)]
        if let externalID = request.externalID { parameters.append(("ExternalId", externalID)) }
        if let duration = request.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        let result = try await query.perform("AssumeRole", parameters, signing: override.map { .with($0) } ?? .clientCredentials)
        return try credentials(in: result, action: "AssumeRole")
    }

    private func credentials(in result: XMLTree, action: String) throws -> AWSCredentials {
        guard let node = result.child("Credentials"), let keyID = node.string("AccessKeyId"), let secret = node.string("SecretAccessKey"),
              let token = node.string("SessionToken"), let expirationText = node.string("Expiration"), let expiration = Timestamp.parse(expirationText)
        else {
            throw QueryResponseShape.missing("Credentials", in: action, query)
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}

/// Builds the error for a success response that lacks an expected element.
enum QueryResponseShape {
    static func missing(_ what: String, in action: String, _ query: QueryClient) -> AWSClientError {
        .invalidResponse(AWSClientError.Context(service: query.service, action: action, region: query.region), "the response has no \(what)", status: 200, requestID: nil)
    }
}
