import Foundation
import InfraCrypto

/// IAM Identity Center (SSO) profiles: `sso_session` (with an `[sso-session NAME]` section) or the
/// legacy `sso_start_url` in the profile, plus `sso_account_id` and `sso_role_name`.
///
/// Reads the access token `aws sso login` cached in `~/.aws/sso/cache/<SHA-1 hex>.json` (of the
/// session name, or of the start URL for a legacy profile) and exchanges it at the portal's
/// GetRoleCredentials for role credentials. The token is never refreshed here and the role
/// credentials are never written anywhere: they live in memory, and when they expire the portal is
/// asked again with the cached token.
struct SSOCredentialSource: Sendable {
    let environment: AWSEnvironment
    var name: String { "sso" }

    /// Two retries: the portal is one regional endpoint, a failure that outlasts them is not transient.
    static let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(2), maxTotalTime: .seconds(30), attemptTimeout: .seconds(10))

    /// What an SSO profile says, once checked.
    struct Settings: Equatable {
        var startURL: String
        var region: String
        var accountID: String
        var roleName: String
        /// The `sso-session` name; `nil` for a legacy profile.
        var session: String?

        /// What the cache file is named after.
        var cacheKey: String { session ?? startURL }
        /// The `aws sso login` that refreshes the token.
        func loginCommand(profile: String) -> String {
            "run `aws sso login --profile \(profile)`" + (session.map { " (or `aws sso login --sso-session \($0)`)" } ?? "")
        }
    }

    /// The settings of `profile`, or `nil` when it is no SSO profile.
    static func settings(_ profile: [String: String], profileName: String, configuration: SharedConfiguration) throws -> Settings? {
        func invalid(_ message: String) -> CredentialError { CredentialError(.invalidConfiguration, message, source: "sso", profile: profileName) }
        let startURL: String, region: String
        var sessionName: String?
        if let session = profile["sso_session"] {
            guard let section = configuration.config.otherSections["sso-session \(session)"] else {
                throw invalid("sso_session '\(session)' names no [sso-session \(session)] section in \(configuration.configPath)")
            }
            guard let url = section["sso_start_url"], !url.isEmpty, let sectionRegion = section["sso_region"], !sectionRegion.isEmpty else {
                throw invalid("[sso-session \(session)] needs sso_start_url and sso_region")
            }
            // The AWS CLI refuses a profile whose own legacy settings disagree with its session's.
            for (key, value) in [("sso_start_url", url), ("sso_region", sectionRegion)] where profile[key] != nil && profile[key] != value {
                throw invalid("\(key) of the profile differs from the one in [sso-session \(session)]; remove it from the profile")
            }
            (startURL, region, sessionName) = (url, sectionRegion, session)
        } else if let url = profile["sso_start_url"] {
            guard let legacyRegion = profile["sso_region"], !legacyRegion.isEmpty else { throw invalid("sso_start_url needs sso_region in the same profile") }
            (startURL, region) = (url, legacyRegion)
        } else {
            return nil
        }
        let missing = ["sso_account_id", "sso_role_name"].filter { (profile[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            throw invalid("an IAM Identity Center profile needs \(missing.joined(separator: " and ")) (the account and the permission set's role to use)")
        }
        return Settings(startURL: startURL, region: region, accountID: profile["sso_account_id"]!, roleName: profile["sso_role_name"]!, session: sessionName)
    }

    /// Role credentials for `settings` from the cached token and the portal.
    func credentials(_ settings: Settings, profile: String) async throws -> AWSCredentials {
        let token = try cachedToken(settings, profile: profile)
        return try await roleCredentials(settings, token: token, profile: profile)
    }

    /// The cache file the AWS CLI writes for `settings`.
    func cachePath(_ settings: Settings) -> String {
        environment.expandingTilde("~/.aws/sso/cache/\(SHA1.hexDigest(Array(settings.cacheKey.utf8))).json")
    }

    /// The unexpired access token; errors name the file and the login command, never a value.
    func cachedToken(_ settings: Settings, profile: String) throws -> String {
        let path = cachePath(settings)
        func failure(_ why: String) -> CredentialError {
            CredentialError(.sourceFailed, "\(why); \(settings.loginCommand(profile: profile))", source: name, profile: profile)
        }
        let text: String?
        do {
            text = try environment.files.text(atPath: path)
        } catch {
            throw CredentialError(.sourceFailed, "cannot read the IAM Identity Center token cache \(path)", source: name, profile: profile, underlying: SecretFreeError(error))
        }
        guard let text else { throw failure("no cached IAM Identity Center token (\(path) does not exist)") }
        guard let document = try? JSONValue.parse(Array(text.utf8)), case .object = document else {
            throw failure("the IAM Identity Center token cache \(path) is not JSON")
        }
        for field in ["accessToken", "refreshToken", "clientSecret"] {
            if case .string(let secret)? = document[field] { SecretRedaction.register(secret) }
        }
        guard case .string(let token)? = document["accessToken"], !token.isEmpty else {
            throw failure("the IAM Identity Center token cache \(path) has no accessToken")
        }
        guard case .string(let stamp)? = document["expiresAt"], let expiry = Self.parseExpiry(stamp) else {
            throw failure("the IAM Identity Center token cache \(path) has no readable expiresAt")
        }
        guard expiry > environment.clock() else {
            throw failure("the IAM Identity Center token expired at \(Timestamp.iso8601(expiry))")
        }
        return token
    }

    /// `2026-01-01T00:00:00Z` as the CLI v2 writes it, and `2026-01-01T00:00:00UTC` as older CLIs did.
    static func parseExpiry(_ text: String) -> Date? {
        if text.hasSuffix("UTC") { return Timestamp.parse(String(text.dropLast(3)) + "Z") }
        return Timestamp.parse(text)
    }

    /// GetRoleCredentials: `GET /federation/credentials?role_name=…&account_id=…` with the bearer token.
    func roleCredentials(_ settings: Settings, token: String, profile: String) async throws -> AWSCredentials {
        SecretRedaction.register(token)
        guard !token.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw CredentialError(.sourceFailed, "the cached IAM Identity Center token contains a line break; \(settings.loginCommand(profile: profile))", source: name, profile: profile)
        }
        let endpoint: Endpoint
        do {
            endpoint = try EndpointResolver.endpoint(service: "sso", region: settings.region, environment: environment,
                                                     standard: Endpoint.aws(service: "portal.sso", region: settings.region))
        } catch let error as ConfigurationError {
            throw CredentialError(.invalidConfiguration, error.message, source: name, profile: profile)
        }
        let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let query = "account_id=\(SigV4Encoding.uriEncode(settings.accountID))&role_name=\(SigV4Encoding.uriEncode(settings.roleName))"
        let request = HTTPRequest(method: "GET", scheme: endpoint.scheme, authority: endpoint.authority, path: base + "/federation/credentials", query: query,
                                  headers: ["Host": endpoint.authority, "Accept": "application/json", "x-amz-sso_bearer_token": token])
        let target = "\(endpoint.scheme)://\(endpoint.authority)\(base)/federation/credentials"
        var lastError: (any Error & Sendable)?
        for attempt in 1...Self.retry.maxAttempts {
            if attempt > 1 { try await environment.sleep(Self.retry.delay(beforeRetry: attempt - 1, unitRandom: environment.random())) }
            do {
                let response = try await environment.transport.send(request, timeout: Self.retry.attemptTimeout)
                switch response.status {
                case 200..<300:
                    return try Self.parse(response.body, profile: profile)
                case 401:
                    throw CredentialError(.sourceFailed, "the IAM Identity Center portal refused the cached token (HTTP 401, \(Self.errorType(response))); \(settings.loginCommand(profile: profile))", source: name, profile: profile)
                case 403:
                    throw CredentialError(.sourceFailed, "the IAM Identity Center portal refused role \(settings.roleName) in account \(settings.accountID) (HTTP 403, \(Self.errorType(response))); check sso_account_id and sso_role_name, or that the permission set is assigned to you", source: name, profile: profile)
                case 429, 500...:
                    lastError = CredentialError(.sourceFailed, "the IAM Identity Center portal \(target) answered HTTP \(response.status)", source: name, profile: profile)
                default:
                    throw CredentialError(.sourceFailed, "the IAM Identity Center portal \(target) answered HTTP \(response.status) (\(Self.errorType(response)))", source: name, profile: profile)
                }
            } catch let error as TransportError where error.isRetryable {
                lastError = error
            }
        }
        throw CredentialError(.sourceFailed, "GetRoleCredentials at \(target) did not deliver after \(Self.retry.maxAttempts) attempts", source: name, profile: profile, underlying: lastError)
    }

    /// The error's type from `x-amzn-ErrorType` or the body's `__type` (the message is left out: it is the server's text).
    static func errorType(_ response: HTTPResponse) -> String {
        if let header = response.headers["x-amzn-ErrorType"], !header.isEmpty { return String(header.prefix { $0 != ":" }) }
        if let document = try? JSONValue.parse(response.body), case .string(let type)? = document["__type"] { return type }
        return "no error type"
    }

    /// `{"roleCredentials": {"accessKeyId", "secretAccessKey", "sessionToken", "expiration" (epoch milliseconds)}}`.
    static func parse(_ body: [UInt8], profile: String) throws -> AWSCredentials {
        func failure(_ why: String) -> CredentialError { CredentialError(.sourceFailed, "GetRoleCredentials answered \(why)", source: "sso", profile: profile) }
        guard let document = try? JSONValue.parse(body), let role = document["roleCredentials"], case .object = role else {
            throw failure("no roleCredentials object (\(body.count) bytes)")
        }
        guard case .string(let keyID)? = role["accessKeyId"], !keyID.isEmpty, case .string(let secret)? = role["secretAccessKey"], !secret.isEmpty else {
            throw failure("without accessKeyId or secretAccessKey")
        }
        var token: String?
        if case .string(let value)? = role["sessionToken"] { token = value }
        var expiration: Date?
        switch role["expiration"] {
        case .int(let milliseconds)?: expiration = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        case .double(let milliseconds)?: expiration = Date(timeIntervalSince1970: milliseconds / 1000)
        case nil, .null?: expiration = nil
        default: throw failure("an expiration that is not a number of milliseconds")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}
