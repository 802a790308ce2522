import Foundation

/// The one redactor for text meant for people (errors, logs, progress): it knows every secret this
/// process has loaded and replaces each occurrence with `<redacted>`.
///
/// Secrets are registered as they are loaded: creating ``AWSCredentials`` registers its secret key and
/// session token (so environment, profile, `credential_process`, assumed-role, web identity, container
/// and instance-metadata credentials are all known), and the web identity, container
/// authorization and IAM Identity Center tokens are registered when read. `infra` passes everything it prints through
/// ``redact(_:also:)``. Values are kept for the life of the process: a refreshed key replaces the
/// old one in use, but an old one may still sit in a message.
public enum SecretRedaction {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    /// Shorter values are not registered: real keys and tokens are 40 characters and more, and
    /// replacing a short value would garble ordinary words of a message.
    static let minimumRegisteredLength = 16

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: Set<String> = []
    /// `known` longest first, so a secret that contains another is replaced whole; rebuilt on change.
    nonisolated(unsafe) private static var ordered: [String] = []

    /// Registers `secret` (and the escaped forms a server may quote it in) so it is never printed.
    public static func register(_ secret: String) {
        guard secret.utf8.count >= minimumRegisteredLength else { return }
        // A canonical request quotes a token URI-encoded, a JSON body may escape its slashes.
        let forms: Set<String> = [secret, SigV4Encoding.uriEncode(secret), secret.replacingOccurrences(of: "/", with: "\\/")]
        lock.locked {
            guard !forms.isSubset(of: known) else { return }
            known.formUnion(forms)
            ordered = known.sorted { $0.utf8.count > $1.utf8.count }
        }
    }

    /// Registers the secret access key and session token of `credentials`.
    static func register(_ credentials: AWSCredentials) {
        register(credentials.secretAccessKey)
        if let token = credentials.sessionToken { register(token) }
    }

    /// `text` with every registered secret, and each of `extra` (of any length), replaced by `<redacted>`.
    public static func redact(_ text: String, also extra: [String] = []) -> String {
        let registered = lock.locked { ordered }
        var cleaned = text
        for secret in extra.sorted(by: { $0.utf8.count > $1.utf8.count }) + registered where !secret.isEmpty && cleaned.contains(secret) {
            cleaned = cleaned.replacingOccurrences(of: secret, with: placeholder)
        }
        return cleaned
    }

    /// Query parameters of a presigned URL that carry a secret or a signature.
    static let secretQueryNames: Set<String> = ["x-amz-signature", "x-amz-security-token", "x-amz-credential"]

    /// `query` with the values of secret-bearing parameters replaced by `<redacted>`.
    static func redactQuery(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return secretQueryNames.contains(name.lowercased()) ? "\(name)=\(placeholder)" : String(pair)
        }.joined(separator: "&")
    }
}
