/// A call to an AWS service failed; says which call, where, why, and whether retrying could help.
///
/// The text never contains a secret key, session token or signature: service messages that echo the
/// canonical request (as `SignatureDoesNotMatch` can) are scrubbed before they are stored.
public struct AWSClientError: Error, Sendable, CustomStringConvertible {
    fileprivate enum Kind: Sendable, Equatable {
        case service, throttled, server, transport, invalidResponse, credentials, configuration
    }

    /// The category, for matching in code.
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        fileprivate let kind: Kind
        /// The service rejected the request (a 4xx with an AWS error code).
        public static let service = Code(kind: .service)
        /// The service kept throttling the request until the retry budget ran out.
        public static let throttled = Code(kind: .throttled)
        /// The service failed (5xx, or a body that is not an AWS XML document).
        public static let server = Code(kind: .server)
        /// No response: connection failure or timeout, after retries.
        public static let transport = Code(kind: .transport)
        /// A success response that does not have the expected shape.
        public static let invalidResponse = Code(kind: .invalidResponse)
        /// Credentials could not be obtained for the call.
        public static let credentials = Code(kind: .credentials)
        /// The region or endpoint is not usable.
        public static let configuration = Code(kind: .configuration)
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// Where a failed call was made.
    public struct Context: Sendable, Equatable, CustomStringConvertible {
        /// The service's signing name, e.g. `cloudformation`.
        public let service: String
        /// The Query action, e.g. `DescribeStacks`.
        public let action: String
        /// The region the call went to.
        public let region: String
        /// `service Action (region)`.
        public var description: String { "\(service) \(action) (\(region))" }
    }

    /// The category.
    public let code: Code
    /// The call that failed.
    public let context: Context
    /// The AWS error code (`ValidationError`, `Throttling`, …) when the service sent one.
    public let awsCode: String?
    /// What happened, scrubbed of secrets.
    public let message: String
    /// The HTTP status, when a response arrived.
    public let httpStatus: Int?
    /// The AWS request id, for support cases.
    public let requestID: String?
    /// How many attempts were made.
    public let attempts: Int

    fileprivate init(_ kind: Kind, context: Context, awsCode: String? = nil, message: String, httpStatus: Int? = nil, requestID: String? = nil, attempts: Int = 1) {
        code = Code(kind: kind)
        self.context = context
        self.awsCode = awsCode
        self.message = message
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.attempts = attempts
    }

    /// `cloudformation DescribeStacks (eu-west-1): ValidationError: Stack with id x does not exist [HTTP 400, request id …]`.
    public var description: String {
        var text = "\(context): "
        if let awsCode { text += "\(awsCode): " }
        text += message
        var notes: [String] = []
        if let httpStatus { notes.append("HTTP \(httpStatus)") }
        if attempts > 1 { notes.append("\(attempts) attempts") }
        if let requestID { notes.append("request id \(requestID)") }
        if !notes.isEmpty { text += " [\(notes.joined(separator: ", "))]" }
        return text
    }

    /// Whether a later, identical call might succeed (throttling, server and network failures).
    public var isRetryable: Bool { [.throttled, .server, .transport].contains(code.kind) }

    /// CloudFormation's answer to an update without changes, which a deployer treats as success.
    public var isNoUpdatesToPerform: Bool { message.contains("No updates are to be performed") }

    /// CloudFormation's answer for a stack that does not exist.
    public var isStackNotFound: Bool { awsCode == "ValidationError" && message.contains("does not exist") }
}

extension AWSClientError {
    static func service(_ context: Context, awsCode: String, message: String, status: Int, requestID: String?, attempts: Int, throttled: Bool) -> AWSClientError {
        AWSClientError(throttled ? .throttled : (status >= 500 ? .server : .service), context: context, awsCode: awsCode, message: message, httpStatus: status, requestID: requestID, attempts: attempts)
    }

    static func server(_ context: Context, message: String, status: Int, requestID: String?, attempts: Int) -> AWSClientError {
        AWSClientError(.server, context: context, message: message, httpStatus: status, requestID: requestID, attempts: attempts)
    }

    static func transport(_ context: Context, _ error: TransportError, attempts: Int) -> AWSClientError {
        AWSClientError(.transport, context: context, message: error.description, attempts: attempts)
    }

    static func invalidResponse(_ context: Context, _ message: String, status: Int, requestID: String?) -> AWSClientError {
        AWSClientError(.invalidResponse, context: context, message: message, httpStatus: status, requestID: requestID)
    }

    static func credentials(_ context: Context, _ error: any Error) -> AWSClientError {
        AWSClientError(.credentials, context: context, message: "\(error)")
    }

    static func configuration(_ context: Context, _ error: any Error) -> AWSClientError {
        AWSClientError(.configuration, context: context, message: "\(error)")
    }
}
