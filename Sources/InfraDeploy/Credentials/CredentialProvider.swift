/// A source of AWS credentials: environment, profile, container endpoint, instance metadata, STS.
public protocol AWSCredentialProvider: Sendable {
    /// Credentials valid now; throws ``CredentialError`` when the source cannot deliver.
    func credentials() async throws -> AWSCredentials
}

/// A provider holding cached credentials that a client can discard when a service calls them expired.
public protocol RefreshableCredentialProvider: AWSCredentialProvider {
    /// Drops cached credentials so the next `credentials()` call fetches new ones.
    func invalidate() async
}

/// A source that may simply not be configured, so a chain can move on to the next one.
protocol OptionalCredentialSource: Sendable {
    /// A short name for messages (`environment`, `container`, …).
    var name: String { get }
    /// `nil` when this source is not configured at all; throws when it is configured but broken,
    /// because falling through to another identity would be a surprise.
    func resolve() async throws -> AWSCredentials?
}

/// Fixed credentials, e.g. parsed from a file by the caller.
public struct StaticCredentialProvider: AWSCredentialProvider {
    private let value: AWSCredentials

    /// A provider that always returns `credentials`.
    public init(_ credentials: AWSCredentials) { value = credentials }

    /// The fixed credentials.
    public func credentials() async throws -> AWSCredentials { value }
}
