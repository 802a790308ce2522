/// The outcome of signing: the request to send plus the intermediate texts, for tests and debugging.
public struct SignedRequest: Sendable {
    /// The request with SigV4 headers (or presigned query parameters) added.
    public let request: HTTPRequest
    /// The canonical request that was hashed.
    public let canonicalRequest: String
    /// The string to sign.
    public let stringToSign: String
    /// The hex signature. Never log it: with the request it authorises a replay until the date expires.
    public let signature: String
}

extension SignedRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The request with secrets redacted; the signature is never shown.
    public var description: String { "SignedRequest(\(request), signature: <redacted>)" }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Keeps `dump` from printing the signature.
    public var customMirror: Mirror { Mirror(self, children: ["signed": description]) }
}
