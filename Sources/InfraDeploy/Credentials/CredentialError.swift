/// Credentials could not be found or obtained; says which source failed and how to fix it.
///
/// The message never contains a secret key, session token or authorization token.
public struct CredentialError: Error, Sendable, CustomStringConvertible {
    fileprivate enum Kind: Sendable, Equatable {
        case noCredentials, profileNotFound, invalidConfiguration, sourceFailed, unsupported
    }

    /// The category, for matching in code.
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        fileprivate let kind: Kind
        /// No source in the chain had credentials.
        public static let noCredentials = Code(kind: .noCredentials)
        /// The selected profile is in neither shared file.
        public static let profileNotFound = Code(kind: .profileNotFound)
        /// A setting is missing, contradictory or malformed.
        public static let invalidConfiguration = Code(kind: .invalidConfiguration)
        /// A configured source (endpoint, process, STS) failed to deliver.
        public static let sourceFailed = Code(kind: .sourceFailed)
        /// A recognised setting this tool does not implement (SSO, MFA, web identity).
        public static let unsupported = Code(kind: .unsupported)
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// The category.
    public let code: Code
    /// What happened and what to do about it.
    public let message: String
    /// The source that failed: `environment`, `profile`, `credential_process`, `container`, `imds`, `sts`.
    public let source: String
    /// The profile involved, if any.
    public let profile: String?
    /// The error that caused this one, if any (already free of secrets).
    public let underlying: (any Error & Sendable)?

    init(_ code: Code, _ message: String, source: String, profile: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.source = source
        self.profile = profile
        self.underlying = underlying
    }

    /// `credentials (source, profile 'x'): message: cause`, with every known secret redacted (the
    /// cause may quote a server).
    public var description: String {
        var text = "credentials (\(source)\(profile.map { ", profile '\($0)'" } ?? "")): \(message)"
        if let underlying { text += ": \(underlying)" }
        return SecretRedaction.redact(text)
    }
}
