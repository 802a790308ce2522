import Foundation
import InfraArtifact

/// The JSON shape shared by the container endpoint, instance metadata and `credential_process`:
/// `AccessKeyId`, `SecretAccessKey`, `Token` or `SessionToken`, `Expiration`, and optionally
/// `Version` (1) and `Code` (`Success`).
enum TemporaryCredentialsDocument {
    /// Whether the document must carry `Version`: `credential_process` output must (as in the AWS
    /// CLI), the container and instance-metadata answers have none.
    enum VersionRule { case required, optional }

    /// Parses and validates with strict types (`Version` the number 1, the rest strings); errors
    /// name the field but never echo a value, since the document holds secrets.
    static func credentials(from bytes: [UInt8], source: String, profile: String? = nil, version: VersionRule = .optional) throws -> AWSCredentials {
        func failure(_ message: String) -> CredentialError { CredentialError(.sourceFailed, message, source: source, profile: profile) }
        guard let document = try? JSONValue.parse(bytes), case .object = document else {
            throw failure("the response is not the expected JSON credentials document (\(bytes.count) bytes)")
        }
        func text(_ key: String) throws -> String? {
            switch document[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw failure("the response's \(key) is not a string")
            }
        }
        try checkVersion(document["Version"], rule: version, failure: failure)
        if let code = try text("Code"), code != "Success" {
            throw failure("the response reports Code '\(code)' instead of Success")
        }
        guard let keyID = try text("AccessKeyId"), !keyID.isEmpty, let secret = try text("SecretAccessKey"), !secret.isEmpty else {
            throw failure("the response lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let stamp = try text("Expiration") {
            // The value itself is not shown: a helper that put a secret in the wrong field would print it.
            guard let date = Timestamp.parse(stamp) else {
                throw failure("the response's Expiration is not an ISO 8601 timestamp such as 2026-01-01T00:00:00Z")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: try text("Token") ?? text("SessionToken"), expiration: expiration)
    }

    /// `Version` must be the JSON number 1: not `1.0`, `"1"` or `true`, which a lenient reader would take.
    private static func checkVersion(_ value: JSONValue?, rule: VersionRule, failure: (String) -> CredentialError) throws {
        let found: String
        switch value {
        case .int(1)?: return
        case nil, .null?:
            guard rule == .required else { return }
            throw failure("the response has no Version; it must be \"Version\": 1, the only credentials format there is")
        case .int(let number)?: found = "\(number)"
        case .double?: found = "a fractional number"
        case .string?: found = "a string"
        case .bool?: found = "a boolean"
        case .list?, .object?: found = "not a number"
        }
        throw failure("the response's Version is \(found); it must be the number 1, the only credentials format there is")
    }
}
