import Foundation

/// The AWS Query protocol: form-encoded POST with `Action` and `Version`, SigV4-signed, XML back.
///
/// Shared by ``STSClient`` and ``CloudFormationClient``; owns the form body and error parsing, and
/// signs and retries through ``SignedCall``.
struct QueryClient: Sendable {
    let service: String
    let version: String
    let region: String
    let endpoint: Endpoint
    let credentials: any AWSCredentialProvider
    let environment: AWSEnvironment
    let retryPolicy: RetryPolicy
    /// Shared by copies of this client, so a learned offset serves every later call.
    let skew = ClockSkew()

    /// Codes for temporary credentials that expired while cached.
    static let expiredTokenCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
        "RequestThrottled", "RequestThrottledException", "SlowDown", "PriorRequestNotComplete",
    ]

    /// How a call is authenticated.
    typealias Signing = SignedCall.Signing
    /// A failure caused by our side that one immediate retry can fix.
    typealias Correction = SignedCall.Correction
    /// What one Query response means.
    typealias Outcome = SignedCall.Outcome<XMLTree>

    /// Calls `action` and returns its `<ActionResult>` element.
    func perform(_ action: String, _ parameters: [(String, String)], signing: Signing = .clientCredentials) async throws -> XMLTree {
        let context = AWSClientError.Context(service: service, action: action, region: region)
        let body = Self.formBody(action: action, version: version, parameters: parameters)
        let request = HTTPRequest(
            method: "POST", scheme: endpoint.scheme, authority: endpoint.authority, path: endpoint.path,
            headers: ["Host": endpoint.authority, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
            body: Array(body.utf8)
        )
        let call = SignedCall(signer: SigV4Signer(region: region, service: service), credentials: credentials, environment: environment, retryPolicy: retryPolicy, skew: skew)
        return try await call.perform(request, context: context, signing: signing) { response, attempts, secrets in
            Self.classify(response, action: action, context: context, attempts: attempts, secrets: secrets)
        }
    }

    /// How many pages a listing may take before it is an error: 1,000 pages of 100 stacks is far
    /// beyond CloudFormation's stack quota, so more means a server that never stops answering.
    static let maxPages = 1000

    /// Calls a paged `action` page by page, handing each `<ActionResult>` to `page`, until a page has
    /// no `NextToken` or `page` returns false. A token seen before, or more than `maxPages` pages,
    /// ends the listing with an error (or, with `truncate`, quietly after `maxPages`), so a server
    /// that repeats itself cannot keep a deployment paging forever.
    func pages(_ action: String, _ parameters: [(String, String)], maxPages: Int = QueryClient.maxPages, truncate: Bool = false,
               _ page: (XMLTree) throws -> Bool) async throws {
        let context = AWSClientError.Context(service: service, action: action, region: region)
        var seen: Set<String> = []
        var token: String?
        for number in 1...maxPages {
            let result = try await perform(action, parameters + (token.map { [("NextToken", $0)] } ?? []))
            guard try page(result), let next = result.string("NextToken"), !next.isEmpty else { return }
            guard seen.insert(next).inserted else {
                throw AWSClientError.invalidResponse(context, "page \(number) repeats a NextToken of an earlier page; stopped rather than page forever", status: 200, requestID: nil)
            }
            token = next
        }
        if truncate { return }
        throw AWSClientError.invalidResponse(context, "still more pages after \(maxPages); stopped rather than page forever", status: 200, requestID: nil)
    }

    static func classify(_ response: HTTPResponse, action: String, context: AWSClientError.Context, attempts: Int, secrets: [String]) -> Outcome {
        let headerRequestID = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
        guard (200..<300).contains(response.status) else { return failure(response, context: context, attempts: attempts, secrets: secrets) }
        let invalid = { (why: String) in
            Outcome.failure(.invalidResponse(context, why, status: response.status, requestID: headerRequestID), retryable: false)
        }
        switch XMLTree.document(response.body) {
        case .failure(.tooDeep):
            return invalid("the \(response.status) answer is \(XMLTree.ParseFailure.tooDeep) (\(response.body.count) bytes); no AWS answer nests that deep")
        case .failure(.notXML):
            return invalid("the \(response.status) response body is not XML (\(response.body.count) bytes)\(excerptNote(response, secrets: secrets))")
        case .success(let document):
            // A 200 page from something that is not this service (a captive portal, a proxy's
            // status page, a wrong endpoint) must not be read as an empty answer.
            guard document.name == "\(action)Response" else {
                return invalid("the \(response.status) answer is not a \(context.service) \(action) response (its root element is <\(document.name)>); check the endpoint")
            }
            return .success(document.child("\(action)Result") ?? document)
        }
    }

    /// A non-2xx response as an AWS error, from either XML error shape (Query's and S3's), from a
    /// JSON error, or from a body that is none: whether to retry, and whether one immediate
    /// correction may fix it.
    static func failure<Value>(_ response: HTTPResponse, context: AWSClientError.Context, attempts: Int, secrets: [String]) -> SignedCall.Outcome<Value> {
        let headerRequestID = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
        let document = XMLTree.parse(response.body)
        guard let document, let error = errorElement(in: document) else {
            let retryable = response.status >= 500 || response.status == 429
            if let json = ErrorBody.jsonError(response.body) {
                let code = json.code.map { scrub($0, secrets: secrets) } ?? "HTTP\(response.status)"
                return .failure(.service(context, awsCode: code, message: scrub(json.message, secrets: secrets), status: response.status, requestID: headerRequestID, attempts: attempts,
                                         throttled: throttlingCodes.contains(code) || response.status == 429), retryable: retryable || throttlingCodes.contains(code))
            }
            // Proxies and some emulators answer with HTML pages; nothing in them is an AWS error code.
            let kind = response.headers["Content-Type"].map { " (\($0))" } ?? ""
            let message = "HTTP \(response.status) with a body that is not an AWS error\(kind), \(response.body.count) bytes\(excerptNote(response, secrets: secrets))"
            if response.status >= 500 {
                return .failure(.server(context, message: message, status: response.status, requestID: headerRequestID, attempts: attempts), retryable: retryable)
            }
            return .failure(.service(context, awsCode: "HTTP\(response.status)", message: message, status: response.status, requestID: headerRequestID, attempts: attempts, throttled: response.status == 429), retryable: retryable)
        }
        // Decide on the service's own words; only what is stored for people is scrubbed.
        let rawCode = error.string("Code") ?? "Unknown"
        let rawMessage = error.string("Message") ?? ""
        let requestID = document.string("RequestId") ?? document.string("RequestID") ?? headerRequestID
        let throttled = throttlingCodes.contains(rawCode) || rawMessage.contains("Rate exceeded") || response.status == 429
        var correction: Correction?
        if ClockSkew.isSkewError(code: rawCode, message: rawMessage), let serverDate = response.headers["Date"].flatMap(Timestamp.parseHTTPDate) {
            correction = .clockSkew(serverDate)
        } else if expiredTokenCodes.contains(rawCode) {
            correction = .expiredCredentials
        }
        let failure = AWSClientError.service(
            context, awsCode: scrub(rawCode, secrets: secrets), message: scrub(rawMessage, secrets: secrets),
            status: response.status, requestID: requestID, attempts: attempts, throttled: throttled
        )
        return .failure(failure, retryable: throttled || response.status >= 500, correction: correction)
    }

    /// Both AWS XML error shapes: `<ErrorResponse><Error>` and `<Response><Errors><Error>`, and the
    /// mix `<ErrorResponse><Errors><Error>` that moto sends for signature and access errors.
    static func errorElement(in document: XMLTree) -> XMLTree? {
        switch document.name {
        case "ErrorResponse": return document.child("Error") ?? document.descendant("Errors", "Error")
        case "Response": return document.descendant("Errors", "Error")
        case "Error": return document
        default: return document.child("Error") ?? document.descendant("Errors", "Error")
        }
    }

    /// Removes secrets a service may echo (SignatureDoesNotMatch can quote the canonical request,
    /// token included): this attempt's and every other one the process knows, before the text is
    /// stored; and caps the length so an echoed request cannot flood a log.
    static func scrub(_ text: String, secrets: [String], limit: Int = 2000) -> String {
        let cleaned = SecretRedaction.redact(text, also: secrets)
        return cleaned.count > limit ? String(cleaned.prefix(limit)) + "…" : cleaned
    }

    /// `: <the start of the body>`, scrubbed, or nothing for an empty body.
    static func excerptNote(_ response: HTTPResponse, secrets: [String]) -> String {
        // Scrubbed before it is cut, so a cut cannot leave the start of a secret behind.
        let excerpt = ErrorBody.excerpt(scrub(String(decoding: response.body, as: UTF8.self), secrets: secrets, limit: .max))
        return excerpt.isEmpty ? "" : ": " + excerpt
    }

    /// `application/x-www-form-urlencoded` as the AWS SDKs write it: RFC 3986 escapes, and `+` for a
    /// space. AWS accepts `%20` too, but a verifier that re-encodes the parsed form (moto does) only
    /// reproduces the signed body when spaces are `+` (`uriEncode` escapes a literal `+` as `%2B`).
    static func formBody(action: String, version: String, parameters: [(String, String)]) -> String {
        ([("Action", action), ("Version", version)] + parameters)
            .map { "\(SigV4Encoding.uriEncode($0.0))=\(SigV4Encoding.uriEncode($0.1))".replacingOccurrences(of: "%20", with: "+") }
            .joined(separator: "&")
    }
}
