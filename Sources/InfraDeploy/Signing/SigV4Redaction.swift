/// Hides signing material in text meant for people (descriptions, errors, logs).
enum SigV4Redaction {
    /// Query parameters of a presigned URL that carry a secret or a signature.
    static let secretQueryNames: Set<String> = ["x-amz-signature", "x-amz-security-token", "x-amz-credential"]

    /// `query` with the values of secret-bearing parameters replaced by `<redacted>`.
    static func redactQuery(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return secretQueryNames.contains(name.lowercased()) ? "\(name)=<redacted>" : String(pair)
        }.joined(separator: "&")
    }
}
