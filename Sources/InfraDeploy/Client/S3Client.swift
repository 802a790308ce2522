import Foundation

/// Amazon S3 over its REST API: the two object calls a large template needs, `HeadObject` and
/// `PutObject`, signed with SigV4 (service `s3`, `x-amz-content-sha256` signed) and retried like
/// every other call.
///
/// ```swift
/// let s3 = try S3Client(region: "eu-west-1", credentials: chain, environment: .live())
/// try await s3.putObject(bucket: "infradsl-templates-111111111111-eu-west-1", key: "app/9f86….template.json", body: bytes)
/// ```
///
/// On AWS a bucket is addressed virtual-hosted (`https://<bucket>.s3.<region>.amazonaws.com/<key>`);
/// at an endpoint from `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL` (or the config file), and for a
/// bucket name with dots (which a TLS wildcard certificate cannot cover), path-style (`<endpoint>/<bucket>/<key>`).
public struct S3Client: Sendable {
    /// The region requests are signed for.
    public let region: String
    /// Where requests go: the regional AWS endpoint, or the configured one.
    public let endpoint: Endpoint
    /// Whether `endpoint` was configured rather than AWS's own (then every bucket is path-style).
    public let isCustomEndpoint: Bool
    /// Signs, sends and retries (internal: tests create buckets through it).
    let call: SignedCall

    /// A client for `region`, at `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL` or the regional endpoint.
    public init(region: String, credentials: any AWSCredentialProvider, environment: AWSEnvironment, retryPolicy: RetryPolicy = RetryPolicy()) throws {
        self.region = region
        endpoint = try EndpointResolver.endpoint(service: "s3", region: region, environment: environment)
        isCustomEndpoint = endpoint != Endpoint.aws(service: "s3", region: region)
        let signer = SigV4Signer(region: region, service: "s3", options: SigV4Options(normalizesPath: false, doubleEncodesPath: false, addsContentSHA256Header: true))
        call = SignedCall(signer: signer, credentials: credentials, environment: environment, retryPolicy: retryPolicy, skew: ClockSkew())
    }

    /// The unsigned request for `method` on an object (or, with an empty `key`, on the bucket itself).
    public func request(_ method: String, bucket: String, key: String, headers extra: [(String, String)] = [], body: [UInt8] = []) -> HTTPRequest {
        let encodedKey = SigV4Encoding.uriEncode(key.utf8, keepingSlash: true)
        let authority: String
        let path: String
        if isCustomEndpoint || bucket.contains(".") {
            authority = endpoint.authority
            let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
            path = "\(base)/\(bucket)" + (key.isEmpty ? "" : "/\(encodedKey)")
        } else {
            authority = "\(bucket).\(endpoint.authority)"
            path = "/\(encodedKey)"
        }
        return HTTPRequest(method: method, scheme: endpoint.scheme, authority: authority, path: path, headers: HTTPHeaders([("Host", authority)] + extra), body: body)
    }

    /// Whether the object exists: `true` on 200, `false` on 404 or 403 (absent, or not readable with
    /// these credentials — a following `putObject` tells which); other failures throw after retries.
    public func objectExists(bucket: String, key: String, expectedOwner: String? = nil) async throws -> Bool {
        let context = AWSClientError.Context(service: "s3", action: "HeadObject", region: region)
        let request = request("HEAD", bucket: bucket, key: key, headers: Self.ownerHeader(expectedOwner))
        return try await call.perform(request, context: context) { response, attempts, secrets in
            if (200..<300).contains(response.status) { return .success(true) }
            if response.status == 404 || response.status == 403 { return .success(false) }
            return QueryClient.failure(response, context: context, attempts: attempts, secrets: secrets)
        }
    }

    /// Uploads `body` as the object `key`; with `expectedOwner`, S3 refuses a bucket another account owns.
    public func putObject(bucket: String, key: String, body: [UInt8], contentType: String = "application/json", expectedOwner: String? = nil) async throws {
        let context = AWSClientError.Context(service: "s3", action: "PutObject", region: region)
        let request = request("PUT", bucket: bucket, key: key, headers: [("Content-Type", contentType)] + Self.ownerHeader(expectedOwner), body: body)
        try await call.perform(request, context: context) { response, attempts, secrets -> SignedCall.Outcome<Void> in
            (200..<300).contains(response.status) ? .success(()) : QueryClient.failure(response, context: context, attempts: attempts, secrets: secrets)
        }
    }

    /// The URL CloudFormation reads an object from (`TemplateURL`): S3's own address in the region's
    /// partition, whatever endpoint the deployer uploads through, because CloudFormation resolves it, not us.
    public static func objectURL(bucket: String, key: String, region: String) -> String {
        let s3 = Endpoint.aws(service: "s3", region: region).authority
        let encodedKey = SigV4Encoding.uriEncode(key.utf8, keepingSlash: true)
        return bucket.contains(".") ? "https://\(s3)/\(bucket)/\(encodedKey)" : "https://\(bucket).\(s3)/\(encodedKey)"
    }

    private static func ownerHeader(_ owner: String?) -> [(String, String)] {
        owner.map { [("x-amz-expected-bucket-owner", $0)] } ?? []
    }
}
