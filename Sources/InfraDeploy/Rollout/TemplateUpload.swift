import InfraArtifact
import InfraCrypto

/// How one stack's template reaches CloudFormation: inline up to 51,200 bytes; above that (up to
/// 1,000,000) uploaded with the stack's own credentials to its template bucket, under a
/// content-addressed key, and passed as `TemplateURL`.
struct TemplateUpload: Sendable {
    /// The stack, with its account, region and template bucket.
    let stack: Manifest.Stack
    /// What is sent: the template as compact JSON (the file's text as it is, should it not be JSON).
    let body: String
    /// Credentials and clients per account.
    let sessions: AccountSessions

    /// The upload of `template` (the file's text) for `stack`.
    init(stack: Manifest.Stack, template: String, sessions: AccountSessions) {
        self.stack = stack
        self.sessions = sessions
        // CloudFormation's size limits count the request, not the file's indentation: sent compact,
        // a template whose indented file is over 51,200 bytes can still go inline.
        body = (try? JSONValue.parse(template)).map(JSONWriter.compact) ?? template
    }

    private var bytes: Int { body.utf8.count }
    private var context: RolloutError.Context { .init(stack: stack.name, account: stack.account, region: stack.region) }

    /// `<stack>/<SHA-256 of the body>.template.json`: one template, one key, so re-uploading is harmless.
    var key: String { "\(stack.name)/\(SHA256.hexDigest(Array(body.utf8))).template.json" }

    /// Whether the template must go through S3.
    var needsBucket: Bool { bytes > Limits.templateBodyBytes }

    /// Refuses, before any call, a template that no way of passing can carry.
    func checkSize() throws {
        if needsBucket, stack.templateBucket == nil {
            throw RolloutError(.input, "template \(stack.templateFile) is \(bytes) bytes as compact JSON; CloudFormation accepts at most 51,200 bytes inline, and the manifest names no template bucket", context: context,
                               remedy: "split the stack, or name an S3 bucket for templates up to 1,000,000 bytes — App(templateBucket: \"my-templates-{account}-{region}\") or Stack(…, templateBucket: …) — and regenerate; infra then uploads the template there")
        }
        if bytes > Limits.templateURLBytes {
            throw RolloutError(.input, "template \(stack.templateFile) is \(bytes) bytes as compact JSON; CloudFormation accepts at most 1,000,000 bytes even through S3", context: context,
                               remedy: "split the stack")
        }
    }

    /// The template for `CreateChangeSet`: inline when it fits, else the `TemplateURL` of the
    /// uploaded object (not uploaded again when it is already there).
    func source(say: (String) async -> Void) async throws -> TemplateSource {
        try checkSize()
        guard needsBucket, let bucket = stack.templateBucket else { return .body(body) }
        let s3 = try sessions.s3(for: stack)
        let url = S3Client.objectURL(bucket: bucket, key: key, region: stack.region)
        do {
            if try await s3.objectExists(bucket: bucket, key: key, expectedOwner: stack.account) {
                await say("template (\(bytes) bytes) already in s3://\(bucket)/\(key)")
                return .url(url)
            }
            await say("uploading the template (\(bytes) bytes) to s3://\(bucket)/\(key)")
            try await s3.putObject(bucket: bucket, key: key, body: Array(body.utf8), expectedOwner: stack.account)
        } catch let error as AWSClientError {
            throw RolloutError(.deployment, "could not upload the template (\(bytes) bytes) to S3 bucket '\(bucket)' as \(key)", context: context,
                               remedy: remedy(for: error, bucket: bucket), cause: error)
        }
        return .url(url)
    }

    /// What to do about a failed upload, by S3's error code.
    private func remedy(for error: AWSClientError, bucket: String) -> String {
        let place = "account \(stack.account), region \(stack.region)"
        switch error.awsCode {
        case "NoSuchBucket"?:
            return "create the bucket '\(bucket)' in \(place) (`aws s3api create-bucket --bucket \(bucket) --region \(stack.region)\(stack.region == "us-east-1" ? "" : " --create-bucket-configuration LocationConstraint=\(stack.region)")`), or name another templateBucket and regenerate; then run again"
        case "AccessDenied"?, "HTTP403"?, "AllAccessDisabled"?, "InvalidAccessKeyId"?:
            return "allow the credentials infra uses in \(place) s3:PutObject and s3:GetObject on arn:aws:s3:::\(bucket)/\(stack.name)/* (CloudFormation reads the template with them), and make sure the bucket belongs to account \(stack.account); then run again"
        case "PermanentRedirect"?, "AuthorizationHeaderMalformed"?, "IllegalLocationConstraintException"?:
            return "the bucket '\(bucket)' is not in \(stack.region); use a bucket in the stack's region (put {region} in templateBucket), regenerate and run again"
        default:
            return "check that the bucket '\(bucket)' exists in \(place) and that infra's credentials there may s3:PutObject; then run again"
        }
    }
}
