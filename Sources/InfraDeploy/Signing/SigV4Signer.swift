import Foundation
import InfraCrypto

/// AWS Signature Version 4 for one region and service: Authorization-header signing and presigned URLs.
///
/// ```swift
/// let signer = SigV4Signer(region: "eu-west-1", service: "cloudformation")
/// let signed = signer.sign(request, credentials: credentials, date: Date())
/// try await transport.send(signed.request)
/// ```
public struct SigV4Signer: Sendable {
    /// The region in the credential scope, e.g. `eu-west-1`.
    public var region: String
    /// The signing name of the service, e.g. `cloudformation` or `sts`.
    public var service: String
    /// Service-specific switches.
    public var options: SigV4Options

    static let algorithm = "AWS4-HMAC-SHA256"
    /// Headers a proxy or client library may change or add after signing; signing them breaks requests.
    static let unsignedHeaderNames: Set<String> = ["authorization", "connection", "expect", "user-agent", "x-amzn-trace-id"]

    /// A signer for `service` in `region`.
    public init(region: String, service: String, options: SigV4Options = SigV4Options()) {
        self.region = region
        self.service = service
        self.options = options
    }

    /// Signs with an `Authorization` header, adding `X-Amz-Date` (and the session token) first.
    ///
    /// Headers the request already has keep their position; a header that is set again (such as
    /// `X-Amz-Date`) is replaced in place, and a token header left from other credentials is removed.
    public func sign(_ request: HTTPRequest, credentials: AWSCredentials, date: Date) -> SignedRequest {
        let amzDate = Timestamp.amzDate(date)
        let payloadHash = SHA256.hexDigest(request.body)
        var headers = request.headers
        var excluded = Self.unsignedHeaderNames
        if let token = credentials.sessionToken {
            headers.set(name: "X-Amz-Security-Token", value: token)
            if !options.signsSessionToken { excluded.insert("x-amz-security-token") }
        } else {
            headers.remove(name: "X-Amz-Security-Token")
        }
        headers.set(name: "X-Amz-Date", value: amzDate)
        if options.addsContentSHA256Header { headers.set(name: "x-amz-content-sha256", value: payloadHash) }

        let canonicalHeaders = Self.canonicalHeaders(headers, excluding: excluded)
        let canonicalRequest = [
            request.method, canonicalURI(request.path), SigV4Encoding.canonicalQuery(request.query),
            canonicalHeaders.block, canonicalHeaders.signedNames, payloadHash,
        ].joined(separator: "\n")
        let scope = credentialScope(date)
        let stringToSign = Self.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = signature(of: stringToSign, secret: credentials.secretAccessKey, date: date)

        headers.set(
            name: "Authorization",
            value: "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(canonicalHeaders.signedNames), Signature=\(signature)"
        )
        var signed = request
        signed.headers = headers
        return SignedRequest(request: signed, canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    /// Presigns: the signature and its parameters go into the query string, valid for `expires` seconds.
    ///
    /// The payload hash is the real body hash, as the AWS test suites expect.
    public func presign(_ request: HTTPRequest, credentials: AWSCredentials, date: Date, expires: Int) -> SignedRequest {
        let amzDate = Timestamp.amzDate(date)
        let scope = credentialScope(date)
        let canonicalHeaders = Self.canonicalHeaders(request.headers, excluding: Self.unsignedHeaderNames)
        var added: [(String, String)] = [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-SignedHeaders", canonicalHeaders.signedNames),
            ("X-Amz-Expires", String(expires)),
        ]
        if let token = credentials.sessionToken, options.signsSessionToken { added.append(("X-Amz-Security-Token", token)) }
        let signedQuery = Self.appending(added, to: request.query)

        let canonicalRequest = [
            request.method, canonicalURI(request.path), SigV4Encoding.canonicalQuery(signedQuery),
            canonicalHeaders.block, canonicalHeaders.signedNames, SHA256.hexDigest(request.body),
        ].joined(separator: "\n")
        let stringToSign = Self.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = signature(of: stringToSign, secret: credentials.secretAccessKey, date: date)

        var trailing: [(String, String)] = []
        if let token = credentials.sessionToken, !options.signsSessionToken { trailing.append(("X-Amz-Security-Token", token)) }
        trailing.append(("X-Amz-Signature", signature))
        var signed = request
        signed.query = Self.appending(trailing, to: signedQuery)
        return SignedRequest(request: signed, canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    /// `date/region/service/aws4_request`.
    func credentialScope(_ date: Date) -> String {
        "\(Timestamp.dateStamp(date))/\(region)/\(service)/aws4_request"
    }

    func canonicalURI(_ path: String) -> String {
        let path = path.isEmpty ? "/" : path
        let normalized = options.normalizesPath ? SigV4Encoding.normalizedPath(path) : path
        return options.doubleEncodesPath ? SigV4Encoding.uriEncode(normalized.utf8, keepingSlash: true) : normalized
    }

    private func signature(of stringToSign: String, secret: String, date: Date) -> String {
        let key = SigV4SigningKey.derive(secretAccessKey: secret, dateStamp: Timestamp.dateStamp(date), region: region, service: service)
        return hex(HMACSHA256.authenticationCode(for: Array(stringToSign.utf8), key: key))
    }

    private static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, SHA256.hexDigest(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// The canonical header block (each line ending in a newline) and the `;`-joined signed names.
    private static func canonicalHeaders(_ headers: HTTPHeaders, excluding excluded: Set<String>) -> (block: String, signedNames: String) {
        var values: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            guard !excluded.contains(name) else { continue }
            values[name, default: []].append(SigV4Encoding.canonicalHeaderValue(field.value))
        }
        let sorted = values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        let block = sorted.map { "\($0.key):\($0.value.joined(separator: ","))\n" }.joined()
        return (block, sorted.map(\.key).joined(separator: ";"))
    }

    private static func appending(_ parameters: [(String, String)], to query: String?) -> String {
        let encoded = parameters.map { "\(SigV4Encoding.uriEncode($0.0))=\(SigV4Encoding.uriEncode($0.1))" }.joined(separator: "&")
        guard let query, !query.isEmpty else { return encoded }
        return query + "&" + encoded
    }
}
