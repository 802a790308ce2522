import InfraCrypto

/// The SigV4 key derivation: HMAC chain over date, region, service and `aws4_request`.
public enum SigV4SigningKey: Sendable {
    /// The 32-byte signing key for `secretAccessKey` in the scope `dateStamp/region/service/aws4_request`.
    ///
    /// `dateStamp` is `YYYYMMDD` in UTC, e.g. `20150830`.
    public static func derive(secretAccessKey: String, dateStamp: String, region: String, service: String) -> [UInt8] {
        let dateKey = HMACSHA256.authenticationCode(for: Array(dateStamp.utf8), key: Array(("AWS4" + secretAccessKey).utf8))
        let regionKey = HMACSHA256.authenticationCode(for: Array(region.utf8), key: dateKey)
        let serviceKey = HMACSHA256.authenticationCode(for: Array(service.utf8), key: regionKey)
        return HMACSHA256.authenticationCode(for: Array("aws4_request".utf8), key: serviceKey)
    }
}
