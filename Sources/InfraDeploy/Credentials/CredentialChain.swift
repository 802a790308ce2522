import Foundation

/// The default credential chain, in the AWS SDKs' order: environment keys, web identity
/// (`AWS_WEB_IDENTITY_TOKEN_FILE`), shared profile (keys, `credential_process`, assumed role, web
/// identity), ECS container endpoint, EC2 instance metadata (IMDSv2).
///
/// The first configured source wins. A source that is configured but broken stops the chain with its
/// error instead of silently falling through to a different identity. Results are cached and
/// refreshed five minutes before they expire.
public struct DefaultCredentialChain: RefreshableCredentialProvider {
    private let cache: CachingCredentialProvider

    /// A chain reading `environment`, calling STS through `environment.transport` for roles.
    public init(environment: AWSEnvironment) {
        self.init(environment: environment) { region in try STSClient(region: region, credentials: NoCredentials(), environment: environment) }
    }

    /// A chain reading `environment`; `makeRoleAssumer` builds the STS client (for a region) for roles.
    public init(environment: AWSEnvironment, makeRoleAssumer: @escaping @Sendable (_ region: String) throws -> any RoleAssuming) {
        let sources: [any OptionalCredentialSource] = [
            EnvironmentCredentialSource(environment: environment),
            WebIdentityCredentialSource(environment: environment, makeRoleAssumer: makeRoleAssumer),
            ProfileCredentialSource(environment: environment, makeRoleAssumer: makeRoleAssumer),
            ContainerCredentialSource(environment: environment),
            InstanceMetadataCredentialSource(environment: environment),
        ]
        let profile = SharedConfiguration.selectedProfile(in: environment).name
        cache = CachingCredentialProvider(clock: environment.clock) {
            for source in sources {
                if let credentials = try await source.resolve() { return credentials }
            }
            throw CredentialError(
                .noCredentials,
                "no credentials found in the environment (AWS_ACCESS_KEY_ID, AWS_WEB_IDENTITY_TOKEN_FILE), the shared files (profile '\(profile)'), the container endpoint (AWS_CONTAINER_CREDENTIALS_*) or instance metadata; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
                source: "chain"
            )
        }
    }

    /// Credentials from the first configured source.
    public func credentials() async throws -> AWSCredentials { try await cache.credentials() }

    /// Forgets the resolved credentials; the next call walks the chain again.
    public func invalidate() async { await cache.invalidate() }
}

/// The provider of an STS client used only for `assumeRole(_:using:)`, which brings its own credentials.
struct NoCredentials: AWSCredentialProvider {
    func credentials() async throws -> AWSCredentials {
        throw CredentialError(.invalidConfiguration, "this STS client only assumes roles with credentials passed to each call", source: "sts")
    }
}
