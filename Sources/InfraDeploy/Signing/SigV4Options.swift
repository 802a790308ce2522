/// Service-specific switches of the SigV4 algorithm; the defaults are right for STS and CloudFormation.
public struct SigV4Options: Sendable, Equatable {
    /// Apply remove-dot-segments and collapse `//` before encoding the path. S3 needs `false`.
    public var normalizesPath: Bool
    /// Percent-encode the (already wire-encoded) path once more. S3 needs `false`.
    public var doubleEncodesPath: Bool
    /// Sign `X-Amz-Security-Token`. When `false` the token is still sent but added after signing,
    /// for the few services that want it so.
    public var signsSessionToken: Bool
    /// Add and sign `x-amz-content-sha256` (S3, and the aws-c-auth `sign_body` vectors).
    public var addsContentSHA256Header: Bool

    /// Options with the defaults of every non-S3 AWS service.
    public init(normalizesPath: Bool = true, doubleEncodesPath: Bool = true, signsSessionToken: Bool = true, addsContentSHA256Header: Bool = false) {
        self.normalizesPath = normalizesPath
        self.doubleEncodesPath = doubleEncodesPath
        self.signsSessionToken = signsSessionToken
        self.addsContentSHA256Header = addsContentSHA256Header
    }
}
