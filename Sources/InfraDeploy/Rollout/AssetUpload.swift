import InfraArtifact

/// The code assets one stack references, uploaded to its template bucket under their
/// content-addressed keys before the stack deploys. An object already there is not uploaded again:
/// the key is the SHA-256 of the bytes, so an existing object is the same archive.
struct AssetUpload: Sendable {
    /// The stack, with its account, region and template bucket.
    let stack: Manifest.Stack
    /// The assets its template references.
    let assets: [Manifest.Asset]
    /// Where the ZIP files are read from.
    let artifacts: ArtifactFolder
    /// Credentials and clients per account.
    let sessions: AccountSessions

    private var context: RolloutError.Context { .init(stack: stack.name, account: stack.account, region: stack.region) }

    /// Uploads each asset that is not in the bucket yet; reports each one either way.
    func run(say: (String) async -> Void) async throws {
        guard !assets.isEmpty else { return }
        guard let bucket = stack.templateBucket else {
            throw RolloutError(.input, "uses \(assets.count) code asset\(assets.count == 1 ? "" : "s") but the manifest names no template bucket to upload to", context: context,
                               remedy: "name one with App(templateBucket:) or Stack(…, templateBucket:) and regenerate")
        }
        let s3 = try sessions.s3(for: stack)
        for asset in assets {
            do {
                if try await s3.objectExists(bucket: bucket, key: asset.key, expectedOwner: stack.account) {
                    await say("asset \(asset.source) already in s3://\(bucket)/\(asset.key)")
                    continue
                }
                let bytes: [UInt8]
                do {
                    bytes = try artifacts.assetBytes(asset)
                } catch {
                    throw RolloutError(.input, error.description, context: context)
                }
                await say("uploading asset \(asset.source) (\(bytes.count) bytes) to s3://\(bucket)/\(asset.key)")
                try await s3.putObject(bucket: bucket, key: asset.key, body: bytes, contentType: "application/zip", expectedOwner: stack.account)
            } catch let error as AWSClientError {
                throw RolloutError(.deployment, "could not upload asset \(asset.source) to S3 bucket '\(bucket)' as \(asset.key)", context: context,
                                   remedy: remedy(for: error, bucket: bucket), cause: error)
            }
        }
    }

    /// What to do about a failed upload, by S3's error code.
    private func remedy(for error: AWSClientError, bucket: String) -> String {
        let place = "account \(stack.account), region \(stack.region)"
        switch error.awsCode {
        case "NoSuchBucket"?:
            return "create the bucket '\(bucket)' in \(place), or name another templateBucket and regenerate; then run again"
        case "AccessDenied"?, "HTTP403"?, "AllAccessDisabled"?, "InvalidAccessKeyId"?:
            return "allow the credentials infra uses in \(place) s3:PutObject and s3:GetObject on arn:aws:s3:::\(bucket)/assets/*, and make sure the bucket belongs to account \(stack.account); then run again"
        default:
            return "check that the bucket '\(bucket)' exists in \(place) and that infra's credentials there may s3:PutObject; then run again"
        }
    }
}
