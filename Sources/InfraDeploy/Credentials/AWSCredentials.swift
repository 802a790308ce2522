import Foundation

/// An access key pair, with a session token and expiry when temporary.
///
/// Printing it never shows the secret key or the token, so it is safe in logs and error text.
public struct AWSCredentials: Sendable, Equatable {
    /// The access key id (`AKIA…` or `ASIA…`); not secret, shown in logs to tell keys apart.
    public let accessKeyID: String
    /// The secret access key.
    public let secretAccessKey: String
    /// The session token of temporary credentials.
    public let sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public let expiration: Date?

    /// Credentials from their parts; registers the secret key and token with ``SecretRedaction``,
    /// so whichever source loaded them, no message printed later can show them.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        SecretRedaction.register(self)
    }

    /// Whether these credentials are expired, or will be within `margin` seconds of `now`.
    public func expires(within margin: TimeInterval, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key id and expiry; the secret and token are always `<redacted>`.
    public var description: String {
        let token = sessionToken == nil ? "none" : "<redacted>"
        let expiry = expiration.map { Timestamp.iso8601($0) } ?? "never"
        return "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, sessionToken: \(token), expiration: \(expiry))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Keeps `dump` and debuggers from showing the secret.
    public var customMirror: Mirror { Mirror(self, children: ["credentials": description]) }
}
