import Foundation
import InfraArtifact

/// The JSON shape shared by the container endpoint, instance metadata and `credential_process`:
/// `AccessKeyId`, `SecretAccessKey`, `Token` or `SessionToken`, `Expiration`, and optionally
/// `Version` (1) and `Code` (`Success`).
enum TemporaryCredentialsDocument {
    /// Parses and validates; errors name the field but never echo a value, since the document holds secrets.
    static func credentials(from bytes: [UInt8], source: String, profile: String? = nil) throws -> AWSCredentials {
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
        switch document["Version"] {
        case nil, .null?, .int(1)?: break
        default: throw failure("the response's Version is not 1, the only credentials format there is")
        }
        if let code = try text("Code"), code != "Success" {
            throw failure("the response reports Code '\(code)' instead of Success")
        }
        guard let keyID = try text("AccessKeyId"), !keyID.isEmpty, let secret = try text("SecretAccessKey"), !secret.isEmpty else {
            throw failure("the response lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let stamp = try text("Expiration") {
            guard let date = Timestamp.parse(stamp) else {
                throw failure("the response's Expiration (\(stamp.utf8.count) characters) is not an ISO 8601 timestamp such as 2026-01-01T00:00:00Z")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: try text("Token") ?? text("SessionToken"), expiration: expiration)
    }
}
