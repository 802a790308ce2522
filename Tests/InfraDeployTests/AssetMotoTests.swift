import Foundation
import InfraCrypto
@testable import InfraDeploy
import Testing

/// A Lambda code asset deployed into moto: uploaded to the stack's template bucket under its
/// SHA-256 before the stack, the function created from that object, and nothing uploaded on a
/// re-run. Part of the serialized moto suite.
extension MotoIntegrationTests {
    private static let assetAccount = "222222222222"
    private static let assetBucket = "infradsl-assets-222222222222-eu-west-1"

    private func assetEnvironment(_ transport: any HTTPTransport) -> AWSEnvironment {
        AWSEnvironment(variables: ["AWS_ENDPOINT_URL": MotoAdmin.url ?? "", "AWS_REGION": "eu-west-1", "HOME": "/nonexistent"], files: InMemoryFiles([:]), transport: transport)
    }

    private func assetEngine(_ path: String, _ transport: any HTTPTransport) throws -> RolloutEngine {
        RolloutEngine(artifacts: try ArtifactFolder.load(path: path),
                      sessions: AccountSessions(environment: assetEnvironment(transport), baseCredentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "moto-accepts-any-secret"))))
    }

    /// The template generate-stacks writes for a function whose code is the asset: the bucket and key as literals.
    private static func functionTemplate(key: String) -> String {
        """
        {"Resources": {
          "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
          "Hello": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "infradsl-asset-hello", "Code": {"S3Bucket": "\(assetBucket)", "S3Key": "\(key)"}, "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Runtime": "python3.12"}}
        }}

        """
    }

    /// An artifact folder as generate-stacks writes it: the template, the ZIP under assets/, and a version 2 manifest naming it.
    private func assetFolder(zip: [UInt8]) throws -> (fixture: ArtifactFixture, asset: Manifest.Asset) {
        let sha = SHA256.hexDigest(zip)
        let asset = Manifest.Asset(sha256: sha, source: "lambda/hello", stacks: ["functions"])
        let template = Self.functionTemplate(key: asset.key)
        let stack = ArtifactFixture.stack("functions", account: Self.assetAccount, stage: "development", templateBucket: Self.assetBucket)
        let fixture = try ArtifactFixture(stacks: [stack], templates: ["functions": template])
        var manifest = try Manifest.parse(Array(try Data(contentsOf: fixture.folder.appendingPathComponent("manifest.json"))))
        manifest.assets = [asset]
        try Data(JSONWriter.write(manifest.json).utf8).write(to: fixture.folder.appendingPathComponent("manifest.json"))
        try FileManager.default.createDirectory(at: fixture.folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data(zip).write(to: fixture.folder.appendingPathComponent(asset.file))
        return (fixture, asset)
    }

    private func createAssetBucket(for stack: Manifest.Stack, sessions: AccountSessions) async throws {
        let s3 = try sessions.s3(for: stack)
        let configuration = #"<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>\#(stack.region)</LocationConstraint></CreateBucketConfiguration>"#
        let context = AWSClientError.Context(service: "s3", action: "CreateBucket", region: stack.region)
        try await s3.call.perform(s3.request("PUT", bucket: Self.assetBucket, key: "", body: Array(configuration.utf8)), context: context) { response, attempts, secrets -> SignedCall.Outcome<Void> in
            (200..<300).contains(response.status) ? .success(()) : QueryClient.failure(response, context: context, attempts: attempts, secrets: secrets)
        }
    }

    /// Lambda `GetFunction`'s `CodeSha256` (base64 of the package's SHA-256), in the stack's account.
    private func deployedCodeSHA256(_ name: String, for stack: Manifest.Stack, sessions: AccountSessions) async throws -> String? {
        let endpoint = try EndpointResolver.endpoint(service: "lambda", region: stack.region, environment: sessions.environment)
        let signer = SigV4Signer(region: stack.region, service: "lambda", options: SigV4Options(normalizesPath: false, doubleEncodesPath: false))
        let call = SignedCall(signer: signer, credentials: sessions.credentials(for: stack), environment: sessions.environment, retryPolicy: RetryPolicy(), skew: ClockSkew())
        let request = HTTPRequest(method: "GET", scheme: endpoint.scheme, authority: endpoint.authority, path: "/2015-03-31/functions/\(name)",
                                  headers: HTTPHeaders([("Host", endpoint.authority)]))
        let context = AWSClientError.Context(service: "lambda", action: "GetFunction", region: stack.region)
        let body = try await call.perform(request, context: context) { response, attempts, secrets -> SignedCall.Outcome<[UInt8]> in
            (200..<300).contains(response.status) ? .success(response.body) : QueryClient.failure(response, context: context, attempts: attempts, secrets: secrets)
        }
        guard case .string(let sha)? = try JSONValue.parse(body)["Configuration"]?["CodeSha256"] else { return nil }
        return sha
    }

    @Test func aLambdaAssetIsUploadedBeforeItsStackAndARerunUploadsNothing() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let zip = try ZipArchive.archive([ZipArchive.Entry(path: "index.py", bytes: Array("def handler(event, context):\n    return 'hello'\n".utf8))])
        let (fixture, asset) = try assetFolder(zip: zip)
        defer { fixture.remove() }
        let counting = CountingTransport(URLSessionTransport())
        let engine = try assetEngine(fixture.path, counting)
        let entry = engine.artifacts.manifest.stacks[0]
        try await createAssetBucket(for: entry, sessions: engine.sessions)
        counting.clear()

        let first = try await engine.deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        #expect(first.results.map(\.outcome) == [.created], "\(first.firstError.map { "\($0)" } ?? "")")
        // The upload comes before the change set that creates the function.
        #expect(counting.writes == ["S3:PUT", "CreateChangeSet", "ExecuteChangeSet"])
        let s3 = try engine.sessions.s3(for: entry)
        #expect(try await s3.objectExists(bucket: Self.assetBucket, key: "assets/\(SHA256.hexDigest(zip)).zip"))
        let cfn = try engine.sessions.cloudFormation(for: entry)
        #expect(try #require(try await cfn.describeStack(named: "functions")).status == .createComplete)
        // Lambda read the package from that object: its CodeSha256 is the ZIP's.
        #expect(try await deployedCodeSHA256("infradsl-asset-hello", for: entry, sessions: engine.sessions) == Data(SHA256.hash(zip)).base64EncodedString())

        counting.clear()
        let progress = ProgressLog()
        let again = try await assetEngine(fixture.path, counting).deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { event in
            if case .progress(_, let text) = event { progress.append(text) }
        }
        #expect(again.results.map(\.outcome) == [.unchanged])
        #expect(counting.writes.isEmpty, "the re-run wrote: \(counting.writes)")
        #expect(progress.lines.contains("asset lambda/hello already in s3://\(Self.assetBucket)/\(asset.key)"))
    }

    @Test func anAssetWithoutItsBucketFailsBeforeTheStackWithWhatToDo() async throws {
        try await MotoAdmin.stopCheckingSignatures()
        try await MotoAdmin.reset()
        let zip = try ZipArchive.archive([ZipArchive.Entry(path: "index.py", bytes: Array("x = 1\n".utf8))])
        let (fixture, _) = try assetFolder(zip: zip)
        defer { fixture.remove() }
        let counting = CountingTransport(URLSessionTransport())
        let report = try await assetEngine(fixture.path, counting).deploy(RolloutOptions(approval: .never, pollInterval: .milliseconds(50)), approver: FixedApproval(.declined)) { _ in }
        let error = try #require(report.firstError)
        #expect(error.description.contains("could not upload asset lambda/hello to S3 bucket '\(Self.assetBucket)'"), "\(error)")
        #expect(error.remedy?.contains("create the bucket '\(Self.assetBucket)'") == true)
        #expect(!counting.actions.contains("CreateChangeSet"))
    }
}

/// Progress lines collected from a rollout's observer.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    func append(_ line: String) { lock.withLock { recorded.append(line) } }
    var lines: [String] { lock.withLock { recorded } }
}
