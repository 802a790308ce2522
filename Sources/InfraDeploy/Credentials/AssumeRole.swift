import Foundation

/// The parameters of an STS `AssumeRole` call.
public struct AssumeRoleRequest: Sendable, Equatable {
    /// The role to assume, `arn:aws:iam::<account>:role/<name>`.
    public var roleARN: String
    /// The session name, visible in CloudTrail (`[\w+=,.@-]{2,64}`).
    public var sessionName: String
    /// The external id the role's trust policy may require.
    public var externalID: String?
    /// Requested lifetime in seconds (900 up to the role's maximum); `nil` lets STS use one hour.
    public var durationSeconds: Int?

    /// A request from its parts.
    public init(roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
    }
}

/// Performs STS `AssumeRole` and `AssumeRoleWithWebIdentity`: implemented by ``STSClient``, faked in tests.
public protocol RoleAssuming: Sendable {
    /// Temporary credentials for `request.roleARN`, obtained with `credentials`.
    func assumeRole(_ request: AssumeRoleRequest, using credentials: AWSCredentials) async throws -> AWSCredentials

    /// Temporary credentials for `request.roleARN` in exchange for an OIDC token (EKS service accounts);
    /// the call is unsigned, the token is the proof. `externalID` is ignored by STS here.
    func assumeRole(_ request: AssumeRoleRequest, webIdentityToken: String) async throws -> AWSCredentials
}

extension RoleAssuming {
    /// Fakes and custom implementations that only assume roles with keys report web identity as unsupported.
    public func assumeRole(_ request: AssumeRoleRequest, webIdentityToken: String) async throws -> AWSCredentials {
        throw CredentialError(.unsupported, "\(type(of: self)) cannot assume roles with a web identity token", source: "web identity")
    }
}

/// Credentials of an assumed role, refreshed from the source credentials before they expire.
///
/// ```swift
/// let deploy = AssumeRoleCredentialProvider(
///     source: chain, assumer: sts,
///     request: AssumeRoleRequest(roleARN: "arn:aws:iam::111122223333:role/deploy", sessionName: "infra-deploy"))
/// ```
public struct AssumeRoleCredentialProvider: RefreshableCredentialProvider {
    private let cache: CachingCredentialProvider

    /// A provider assuming `request` with credentials from `source`, refreshing `refreshMargin` early.
    public init(
        source: any AWSCredentialProvider,
        assumer: any RoleAssuming,
        request: AssumeRoleRequest,
        refreshMargin: Duration = .seconds(300),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        cache = CachingCredentialProvider(refreshMargin: refreshMargin, clock: clock) {
            let base = try await source.credentials()
            return try await assumer.assumeRole(request, using: base)
        }
    }

    /// Current role credentials; calls STS only when none are cached or they are about to expire.
    public func credentials() async throws -> AWSCredentials { try await cache.credentials() }

    /// Forces a new AssumeRole call on next use.
    public func invalidate() async { await cache.invalidate() }
}

/// Caches credentials from a fetch function and fetches again shortly before they expire.
///
/// Concurrent callers share one fetch, so a wave of deployments does not hammer STS.
public actor CachingCredentialProvider: RefreshableCredentialProvider {
    private let fetch: @Sendable () async throws -> AWSCredentials
    private let refreshMargin: TimeInterval
    private let clock: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: SharedFetch?

    /// A cache over `fetch`; credentials without an expiry are kept for the cache's lifetime.
    public init(refreshMargin: Duration = .seconds(300), clock: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping @Sendable () async throws -> AWSCredentials) {
        self.fetch = fetch
        self.refreshMargin = TimeInterval(refreshMargin.components.seconds) + TimeInterval(refreshMargin.components.attoseconds) / 1e18
        self.clock = clock
    }

    /// A cache over another provider.
    public init(wrapping provider: any AWSCredentialProvider, refreshMargin: Duration = .seconds(300), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(refreshMargin: refreshMargin, clock: clock) { try await provider.credentials() }
    }

    /// Cached credentials while they are fresh, otherwise the result of one shared fetch.
    ///
    /// Inside the refresh margin a failed fetch still returns the cached credentials while they
    /// have not actually expired (as the AWS SDKs do), so a brief STS outage does not stop a long
    /// deployment; once they expire the error is thrown.
    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: refreshMargin, of: clock()) { return cached }
        do {
            let fresh = try await sharedFetch()
            cached = fresh
            return fresh
        } catch {
            if let cached, !cached.expires(within: 0, of: clock()) { return cached }
            throw error
        }
    }

    private func sharedFetch() async throws -> AWSCredentials {
        if let inFlight { return try await inFlight.value() }
        let shared = SharedFetch(Task { [fetch] in try await fetch() })
        inFlight = shared
        defer { inFlight = nil }
        return try await shared.value()
    }

    /// Drops the cached credentials, e.g. after the service rejected them as expired.
    public func invalidate() { cached = nil }
}

/// One fetch awaited by several callers. It runs as a task of its own, so a caller's cancellation
/// does not reach it by itself; it is cancelled once every caller waiting on it is (Ctrl-C cancels
/// them all), which stops a `credential_process` helper instead of leaving it running.
private final class SharedFetch: @unchecked Sendable {
    private let task: Task<AWSCredentials, any Error>
    private let lock = NSLock()
    private var waiting = 0

    init(_ task: Task<AWSCredentials, any Error>) { self.task = task }

    func value() async throws -> AWSCredentials {
        lock.locked { waiting += 1 }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            let last = lock.locked {
                waiting -= 1
                return waiting == 0
            }
            if last { task.cancel() }
        }
    }
}
