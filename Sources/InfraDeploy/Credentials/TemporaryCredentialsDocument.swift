import Foundation

/// The JSON shape shared by the container endpoint, instance metadata and `credential_process`.
struct TemporaryCredentialsDocument: Decodable {
    var version: Int?
    var code: String?
    var accessKeyID: String?
    var secretAccessKey: String?
    var token: String?
    var sessionToken: String?
    var expiration: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version", code = "Code", accessKeyID = "AccessKeyId", secretAccessKey = "SecretAccessKey"
        case token = "Token", sessionToken = "SessionToken", expiration = "Expiration"
    }

    /// Decodes and validates; errors name the missing field but never echo the document, which holds secrets.
    static func credentials(from bytes: [UInt8], source: String, profile: String? = nil) throws -> AWSCredentials {
        let document: TemporaryCredentialsDocument
        do {
            document = try JSONDecoder().decode(TemporaryCredentialsDocument.self, from: Data(bytes))
        } catch {
            throw CredentialError(.sourceFailed, "the response is not the expected JSON credentials document (\(bytes.count) bytes)", source: source, profile: profile)
        }
        if let code = document.code, code != "Success" {
            throw CredentialError(.sourceFailed, "the response reports Code '\(code)' instead of Success", source: source, profile: profile)
        }
        guard let keyID = document.accessKeyID, !keyID.isEmpty, let secret = document.secretAccessKey, !secret.isEmpty else {
            throw CredentialError(.sourceFailed, "the response lacks AccessKeyId or SecretAccessKey", source: source, profile: profile)
        }
        var expiration: Date?
        if let text = document.expiration {
            guard let date = Timestamp.parse(text) else {
                throw CredentialError(.sourceFailed, "the Expiration '\(text)' is not an ISO 8601 timestamp", source: source, profile: profile)
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: document.token ?? document.sessionToken, expiration: expiration)
    }
}
