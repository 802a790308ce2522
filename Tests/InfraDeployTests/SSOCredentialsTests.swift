import Foundation
import InfraCrypto
@testable import InfraDeploy
@testable import infra
import Testing

/// IAM Identity Center profiles: the AWS CLI's token cache, GetRoleCredentials at a scripted or a
/// local fake portal, the "run aws sso login" failures, and nothing written anywhere.
@Suite struct SSOCredentialsTests {
    static let sessionConfig = """
    [profile dev]
    sso_session = my-sso
    sso_account_id = 222222222222
    sso_role_name = Deployer
    region = eu-west-1

    [sso-session my-sso]
    sso_region = us-east-1
    sso_start_url = https://my-sso-portal.awsapps.com/start
    sso_registration_scopes = sso:account:access

    [profile legacy]
    sso_start_url = https://my-sso-portal.awsapps.com/start
    sso_region = eu-central-1
    sso_account_id = 333333333333
    sso_role_name = ReadOnly
    """
    /// SHA-1 of `my-sso` and of the start URL (checked against Python's hashlib in SHA1Tests).
    static let sessionCache = "/home/test/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"
    static let legacyCache = "/home/test/.aws/sso/cache/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json"
    static let token = "aoaAAAAAGcached-sso-access-token-never-printed-0123456789"

    /// A cache file as `aws sso login` writes it (CLI v2, sso-session form), expiring at `expiresAt`.
    static func cacheFile(expiresAt: String = "2027-01-16T08:00:00Z", token: String = token) -> String {
        """
        {"startUrl": "https://my-sso-portal.awsapps.com/start", "region": "us-east-1", "accessToken": "\(token)", "expiresAt": "\(expiresAt)",
         "clientId": "client-id-0123456789", "clientSecret": "client-secret-never-printed-0123456789", "registrationExpiresAt": "2027-03-01T00:00:00Z",
         "refreshToken": "refresh-token-never-printed-0123456789"}
        """
    }

    static let portalAnswer = #"{"roleCredentials":{"accessKeyId":"ASIA222222222222SSO","secretAccessKey":"sso-secret-key-never-printed-0123456789","sessionToken":"sso-session-token-never-printed-0123456789","expiration":1800003600000}}"#

    private func chain(_ environment: AWSEnvironment) -> DefaultCredentialChain {
        DefaultCredentialChain(environment: environment) { _ in FakeRoleAssumer() }
    }

    @Test func ssoSessionProfileExchangesTheCachedTokenAtThePortal() async throws {
        let portal = ScriptedTransport { _, _ in json(Self.portalAnswer) }
        let environment = testEnvironment(["AWS_PROFILE": "dev"], files: ["/home/test/.aws/config": Self.sessionConfig, Self.sessionCache: Self.cacheFile()], transport: portal)
        let credentials = try await chain(environment).credentials()
        #expect(credentials.accessKeyID == "ASIA222222222222SSO")
        #expect(credentials.sessionToken == "sso-session-token-never-printed-0123456789")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_800_003_600))
        let request = try #require(portal.requests.first)
        #expect(request.method == "GET")
        #expect(request.authority == "portal.sso.us-east-1.amazonaws.com")
        #expect(request.path == "/federation/credentials")
        #expect(request.query == "account_id=222222222222&role_name=Deployer")
        #expect(request.headers["x-amz-sso_bearer_token"] == Self.token)
        // The header is a credential: the request's description never shows it.
        #expect(!"\(request)".contains(Self.token))
    }

    @Test func legacyProfileUsesTheStartURLsCacheFileAndItsOwnRegion() async throws {
        let portal = ScriptedTransport { _, _ in json(Self.portalAnswer) }
        let environment = testEnvironment(["AWS_PROFILE": "legacy"], files: ["/home/test/.aws/config": Self.sessionConfig, Self.legacyCache: Self.cacheFile(expiresAt: "2027-01-16T08:00:00UTC")], transport: portal)
        _ = try await chain(environment).credentials()
        #expect(portal.requests.first?.authority == "portal.sso.eu-central-1.amazonaws.com")
        #expect(portal.requests.first?.query == "account_id=333333333333&role_name=ReadOnly")
    }

    @Test(arguments: [
        ("dev", [String: String](), "no cached IAM Identity Center token", "run `aws sso login --profile dev` (or `aws sso login --sso-session my-sso`)"),
        ("dev", [sessionCache: cacheFile(expiresAt: "2026-01-15T08:00:00Z")], "token expired at 2026-01-15T08:00:00Z", "--sso-session my-sso"),
        ("legacy", [legacyCache: cacheFile(expiresAt: "2026-01-15T08:00:00UTC")], "token expired", "run `aws sso login --profile legacy`"),
        ("legacy", [String: String](), legacyCache, "run `aws sso login --profile legacy`"),
    ])
    func missingOrExpiredTokensAskForALogin(profile: String, cache: [String: String], reason: String, command: String) async {
        // The clock stands at 2026-09-21, after the expired tokens' 2026-01-15.
        let portal = ScriptedTransport { _, _ in json(Self.portalAnswer) }
        let environment = testEnvironment(["AWS_PROFILE": profile], files: ["/home/test/.aws/config": Self.sessionConfig].merging(cache) { $1 }, transport: portal,
                                          clock: TestClock(Date(timeIntervalSince1970: 1_790_000_000)))
        let error = await ssoError { try await chain(environment).credentials() }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.description.contains(command) == true, "\(String(describing: error))")
        #expect(portal.requests.isEmpty)
    }

    @Test func thePortalRefusingTheTokenAsksForALoginAndNoSecretIsPrinted() async {
        // A portal quoting the token back: the message must not carry it.
        let portal = ScriptedTransport { _, _ in
            HTTPResponse(status: 401, headers: ["x-amzn-ErrorType": "UnauthorizedException:http://internal.amazon.com/coral/com.amazon.switchboard.portal/"],
                         body: Array(#"{"message":"Session token not found or invalid: \#(Self.token)"}"#.utf8))
        }
        let environment = testEnvironment(["AWS_PROFILE": "dev"], files: ["/home/test/.aws/config": Self.sessionConfig, Self.sessionCache: Self.cacheFile()], transport: portal)
        let error = await ssoError { try await chain(environment).credentials() }
        let text = error?.description ?? ""
        #expect(text.contains("HTTP 401, UnauthorizedException"))
        #expect(text.contains("run `aws sso login --profile dev`"))
        #expect(!text.contains(Self.token))
        #expect(SecretRedaction.redact("refresh-token-never-printed-0123456789 \(Self.token)") == "<redacted> <redacted>")
    }

    @Test func anSSOProfileMayBeTheSourceProfileOfARole() async throws {
        let assumer = FakeRoleAssumer()
        let portal = ScriptedTransport { _, _ in json(Self.portalAnswer) }
        let config = Self.sessionConfig + "\n[profile deploy]\nrole_arn = arn:aws:iam::444444444444:role/deploy\nsource_profile = dev\n"
        let environment = testEnvironment(["AWS_PROFILE": "deploy"], files: ["/home/test/.aws/config": config, Self.sessionCache: Self.cacheFile()], transport: portal)
        _ = try await DefaultCredentialChain(environment: environment) { _ in assumer }.credentials()
        #expect(assumer.calls.map(\.baseKeyID) == ["ASIA222222222222SSO"])
        #expect(portal.requests.count == 1)
    }

    @Test func portalServerErrorsAreRetriedWithBackoffAndARefusedRoleNamesTheSettings() async throws {
        let sleeps = Recorder<Duration>()
        let flaky = ScriptedTransport { _, index in index < 2 ? HTTPResponse(status: 503) : json(Self.portalAnswer) }
        let files = ["/home/test/.aws/config": Self.sessionConfig, Self.sessionCache: Self.cacheFile()]
        _ = try await chain(testEnvironment(["AWS_PROFILE": "dev"], files: files, transport: flaky, sleeps: sleeps)).credentials()
        #expect(flaky.requests.count == 3)
        #expect(sleeps.all == [.milliseconds(100), .milliseconds(200)])  // full jitter at the test's random 0.5

        let refusing = ScriptedTransport { _, _ in HTTPResponse(status: 403, headers: ["x-amzn-ErrorType": "ForbiddenException"], body: Array(#"{"message":"No access"}"#.utf8)) }
        let error = await ssoError { try await chain(testEnvironment(["AWS_PROFILE": "dev"], files: files, transport: refusing)).credentials() }
        #expect(error?.message.contains("refused role Deployer in account 222222222222 (HTTP 403, ForbiddenException); check sso_account_id and sso_role_name") == true, "\(String(describing: error))")
        #expect(refusing.requests.count == 1)
    }

    @Test(arguments: [
        ("[profile dev]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = r\n", "names no [sso-session nowhere] section"),
        ("[profile dev]\nsso_session = s\nsso_account_id = 1\nsso_role_name = r\n[sso-session s]\nsso_region = us-east-1\n", "needs sso_start_url and sso_region"),
        ("[profile dev]\nsso_session = s\nsso_role_name = r\n[sso-session s]\nsso_region = us-east-1\nsso_start_url = https://x/start\n", "needs sso_account_id"),
        ("[profile dev]\nsso_start_url = https://x/start\nsso_account_id = 1\nsso_role_name = r\n", "sso_start_url needs sso_region"),
        ("[profile dev]\nsso_session = s\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = r\n[sso-session s]\nsso_region = us-east-1\nsso_start_url = https://x/start\n", "sso_region of the profile differs"),
    ])
    func brokenSSOProfilesSayWhatIsWrong(config: String, message: String) async {
        let environment = testEnvironment(["AWS_PROFILE": "dev"], files: ["/home/test/.aws/config": config])
        let error = await ssoError { try await chain(environment).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func expiredRoleCredentialsAreFetchedAgainFromThePortalNotFromAnyFile() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let portal = ScriptedTransport { _, _ in json(Self.portalAnswer) }
        let environment = testEnvironment(["AWS_PROFILE": "dev"], files: ["/home/test/.aws/config": Self.sessionConfig, Self.sessionCache: Self.cacheFile()],
                                          transport: portal, clock: clock)
        let provider = chain(environment)
        _ = try await provider.credentials()
        _ = try await provider.credentials()
        #expect(portal.requests.count == 1)
        clock.advance(by: 3600)  // past the role credentials' expiration (1_800_003_600)
        _ = try await provider.credentials()
        #expect(portal.requests.count == 2)
    }

    /// The real transport against a local fake portal (AWS_ENDPOINT_URL_SSO), with the real disk:
    /// the AWS CLI's cache file is read, and nothing is written under HOME.
    @Test func aLocalFakePortalOverTheRealTransportAndNothingIsWritten() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("infra-sso-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws/sso/cache"), withIntermediateDirectories: true)
        try Self.sessionConfig.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let cacheName = SHA1.hexDigest(Array("my-sso".utf8)) + ".json"
        try Self.cacheFile().write(to: home.appendingPathComponent(".aws/sso/cache/\(cacheName)"), atomically: true, encoding: .utf8)
        let before = try Self.snapshot(home)

        let body = Self.portalAnswer
        let server = try LoopbackServer(.respond("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
        defer { server.stop() }
        let environment = AWSEnvironment(variables: ["HOME": home.path, "AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:\(server.port)"],
                                         files: LocalFiles(), transport: URLSessionTransport(), clock: { Date(timeIntervalSince1970: 1_800_000_000) })
        let credentials = try await chain(environment).credentials()
        #expect(credentials.accessKeyID == "ASIA222222222222SSO")
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("GET /federation/credentials?account_id=222222222222&role_name=Deployer HTTP/1.1\r\n"))
        #expect(request.lowercased().contains("x-amz-sso_bearer_token: \(Self.token.lowercased())"))
        #expect(try Self.snapshot(home) == before)
    }

    /// `infra deploy` with an SSO profile: the fake portal's credentials sign every CloudFormation call.
    @Test func deployRunsWithAnSSOProfile() async throws {
        let fixture = try ArtifactFixture(stacks: [ArtifactFixture.stack("app", account: "222222222222", stage: "development", role: false)], templates: [:])
        defer { fixture.remove() }
        let cloud = FakeCloudFormation()
        let portalCalls = Recorder<String>()
        let transport = RoutingTransport(cloud: cloud) { request in
            portalCalls.append(request.authority)
            return json(Self.portalAnswer)
        }
        let console = CapturingConsole()
        let environment = testEnvironment(["AWS_PROFILE": "dev", "AWS_REGION": "eu-west-1"],
                                          files: ["/home/test/.aws/config": Self.sessionConfig, Self.sessionCache: Self.cacheFile()], transport: transport)
        let status = await CommandRunner(environment: environment, console: console).run(["deploy", "--dir", fixture.path, "--yes"])
        #expect(status == 0, "\(console.standardError)")
        #expect(console.standardOutput.contains("created"))
        #expect(portalCalls.all == ["portal.sso.us-east-1.amazonaws.com"])
        #expect(cloud.stack("app", in: "222222222222")?.status == "CREATE_COMPLETE")
        let everything = console.standardOutput + console.standardError
        for secret in [Self.token, "sso-secret-key-never-printed-0123456789", "sso-session-token-never-printed-0123456789"] { #expect(!everything.contains(secret)) }
    }

    private static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            files[url.path] = isDirectory.boolValue ? Data() : try Data(contentsOf: url)
        }
        return files
    }
}

/// Sends SSO portal calls to `portal`, everything else to the CloudFormation fake.
final class RoutingTransport: HTTPTransport, @unchecked Sendable {
    let cloud: FakeCloudFormation
    let portal: @Sendable (HTTPRequest) -> HTTPResponse
    init(cloud: FakeCloudFormation, portal: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.cloud = cloud
        self.portal = portal
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        request.authority.hasPrefix("portal.sso.") ? portal(request) : try await cloud.send(request, timeout: timeout)
    }
}

/// The `CredentialError` `body` throws; records an issue when it returns or throws something else.
private func ssoError(_ body: () async throws -> AWSCredentials, sourceLocation: SourceLocation = #_sourceLocation) async -> CredentialError? {
    do {
        let credentials = try await body()
        Issue.record("expected an error, got \(credentials.accessKeyID)", sourceLocation: sourceLocation)
    } catch let error as CredentialError {
        return error
    } catch {
        Issue.record("expected CredentialError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
