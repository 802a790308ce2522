import Foundation
@testable import InfraDeploy
import Testing

private func chain(_ environment: AWSEnvironment, assumer: FakeRoleAssumer = FakeRoleAssumer()) -> DefaultCredentialChain {
    DefaultCredentialChain(environment: environment) { _ in assumer }
}

/// Runs `body` and returns the CredentialError it throws; records an issue when it throws nothing or another error.
private func credentialError(_ body: () async throws -> AWSCredentials, sourceLocation: SourceLocation = #_sourceLocation) async -> CredentialError? {
    do {
        let credentials = try await body()
        Issue.record("expected an error, got \(credentials)", sourceLocation: sourceLocation)
    } catch let error as CredentialError {
        return error
    } catch {
        Issue.record("expected CredentialError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

@Suite struct EnvironmentAndProfileCredentialTests {
    @Test func environmentVariablesComeFirst() async throws {
        let env = testEnvironment(
            ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token"],
            files: ["/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n"]
        )
        let credentials = try await chain(env).credentials()
        #expect(credentials == AWSCredentials(accessKeyID: "AKIAENV", secretAccessKey: "env-secret", sessionToken: "env-token"))
    }

    @Test func halfSetEnvironmentIsAnErrorNotAFallThrough() async {
        let env = testEnvironment(["AWS_ACCESS_KEY_ID": "AKIAENV"], files: ["/home/test/.aws/credentials": "[default]\naws_access_key_id = A\naws_secret_access_key = B\n"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.source == "environment")
        #expect("\(error.map { "\($0)" } ?? "")".contains("AWS_SECRET_ACCESS_KEY"))
    }

    @Test func emptyVariablesCountAsUnset() async throws {
        let env = testEnvironment(
            ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": ""],
            files: ["/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n"]
        )
        #expect(try await chain(env).credentials().accessKeyID == "AKIAFILE")
    }

    @Test func defaultProfileFromTheCredentialsFileUnderHome() async throws {
        let env = testEnvironment(files: [
            "/home/test/.aws/credentials": "# comment\n; other comment\n[ default ]\r\naws_access_key_id=AKIAFILE\nAWS_Secret_Access_Key =  file-secret  \naws_session_token = file-token\n",
        ])
        #expect(try await chain(env).credentials() == AWSCredentials(accessKeyID: "AKIAFILE", secretAccessKey: "file-secret", sessionToken: "file-token"))
    }

    @Test func anIndentedLineAfterAValueIsRefusedNotReinterpreted() async {
        let env = testEnvironment(files: ["/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIAFILE\n  aws_secret_access_key = s\n"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("line 3") == true)
    }

    @Test func awsProfileSelectsAProfileInCustomFilesAndCredentialsFileWins() async throws {
        let env = testEnvironment(
            ["AWS_PROFILE": "dev", "AWS_CONFIG_FILE": "/etc/aws/config", "AWS_SHARED_CREDENTIALS_FILE": "/etc/aws/creds"],
            files: [
                "/etc/aws/config": "[default]\nregion = us-east-1\n[profile dev]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = config-secret\nregion = eu-west-1\n",
                "/etc/aws/creds": "[dev]\naws_access_key_id = AKIACREDS\naws_secret_access_key = creds-secret\n",
                "/home/test/.aws/credentials": "[dev]\naws_access_key_id = AKIAHOME\naws_secret_access_key = home-secret\n",
            ]
        )
        #expect(try await chain(env).credentials().accessKeyID == "AKIACREDS")
        #expect(try RegionResolver.region(in: env) == "eu-west-1")
    }

    @Test func aConfigSectionWithoutProfilePrefixIsNotAProfile() async {
        let env = testEnvironment(["AWS_PROFILE": "dev"], files: ["/home/test/.aws/config": "[dev]\naws_access_key_id = A\naws_secret_access_key = B\n"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .profileNotFound)
        #expect(error?.profile == "dev")
    }

    @Test func namedProfileThatDoesNotExistFailsClearly() async {
        let env = testEnvironment(["AWS_PROFILE": "prod"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .profileNotFound)
        #expect(error.map { "\($0)" }?.contains("/home/test/.aws/config") == true)
    }

    @Test func malformedFileNamesTheLineButNeverItsText() async {
        let env = testEnvironment(files: ["/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIA\nTOP-SECRET-WITHOUT-EQUALS\n"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .invalidConfiguration)
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("line 3"))
        #expect(!text.contains("TOP-SECRET"))
    }

    @Test func nestedSettingsAreKeptApartFromProfileKeys() throws {
        let file = try SharedConfigFile.parse("[profile a]\ns3 =\n  max_concurrent_requests = 20\nregion = eu-west-1\n[sso-session x]\nsso_region = us-east-1\n", kind: .config, path: "c")
        #expect(file.profiles["a"] == ["s3": "", "s3.max_concurrent_requests": "20", "region": "eu-west-1"])
        #expect(file.otherSections["sso-session x"] == ["sso_region": "us-east-1"])
    }
}

@Suite struct RoleProfileTests {
    private let config = """
    [profile deploy]
    role_arn = arn:aws:iam::111122223333:role/deploy
    source_profile = base
    external_id = ext-123
    duration_seconds = 1800
    role_session_name = jenkins
    region = eu-central-1

    [profile base]
    aws_access_key_id = AKIABASE
    aws_secret_access_key = base-secret

    [profile second]
    role_arn = arn:aws:iam::444455556666:role/second
    source_profile = deploy

    [profile loop-a]
    role_arn = arn:aws:iam::1:role/a
    source_profile = loop-b

    [profile loop-b]
    role_arn = arn:aws:iam::1:role/b
    source_profile = loop-a

    [profile both]
    role_arn = arn:aws:iam::1:role/x
    source_profile = base
    credential_source = Environment

    [profile from-env]
    role_arn = arn:aws:iam::777788889999:role/from-env
    credential_source = Environment

    [profile from-ecs]
    role_arn = arn:aws:iam::777788889999:role/from-ecs
    credential_source = EcsContainer

    [profile self]
    role_arn = arn:aws:iam::1:role/self
    source_profile = self
    aws_access_key_id = AKIASELF
    aws_secret_access_key = self-secret
    """

    private func environment(profile: String, _ extra: [String: String] = [:], transport: any HTTPTransport = ScriptedTransport.offline()) -> AWSEnvironment {
        testEnvironment(["AWS_PROFILE": profile].merging(extra) { $1 }, files: ["/home/test/.aws/config": config], transport: transport)
    }

    @Test func sourceProfileAssumesTheRoleWithExternalIDDurationAndSessionName() async throws {
        let assumer = FakeRoleAssumer()
        let regions = Recorder<String>()
        let chain = DefaultCredentialChain(environment: environment(profile: "deploy")) { region in
            regions.append(region)
            return assumer
        }
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyID == "ASIA-deploy")
        #expect(assumer.calls == [.init(request: AssumeRoleRequest(roleARN: "arn:aws:iam::111122223333:role/deploy", sessionName: "jenkins", externalID: "ext-123", durationSeconds: 1800), baseKeyID: "AKIABASE", region: "us-east-1")])
        #expect(regions.all == ["eu-central-1"])
    }

    @Test func roleChainsFollowSourceProfilesInOrder() async throws {
        let assumer = FakeRoleAssumer()
        let credentials = try await DefaultCredentialChain(environment: environment(profile: "second")) { _ in assumer }.credentials()
        #expect(credentials.accessKeyID == "ASIA-second")
        #expect(assumer.calls.map(\.request.roleARN) == ["arn:aws:iam::111122223333:role/deploy", "arn:aws:iam::444455556666:role/second"])
        #expect(assumer.calls.map(\.baseKeyID) == ["AKIABASE", "ASIA-deploy"])
        #expect(assumer.calls[1].request.sessionName.hasPrefix("infradsl-"))
    }

    @Test func sourceProfileLoopIsReported() async {
        let error = await credentialError { try await DefaultCredentialChain(environment: environment(profile: "loop-a")) { _ in FakeRoleAssumer() }.credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("loop-a → loop-b → loop-a") == true)
    }

    @Test func sourceProfileAndCredentialSourceTogetherAreRejected() async {
        let error = await credentialError { try await DefaultCredentialChain(environment: environment(profile: "both")) { _ in FakeRoleAssumer() }.credentials() }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func selfReferencingSourceProfileUsesItsOwnKeys() async throws {
        let assumer = FakeRoleAssumer()
        _ = try await DefaultCredentialChain(environment: environment(profile: "self")) { _ in assumer }.credentials()
        #expect(assumer.calls.map(\.baseKeyID) == ["AKIASELF"])
    }

    @Test func aSelfReferencingProfileCanBeTheSourceOfAnother() async throws {
        let assumer = FakeRoleAssumer()
        let env = testEnvironment(["AWS_PROFILE": "outer"], files: ["/home/test/.aws/config": config + "\n[profile outer]\nrole_arn = arn:aws:iam::2:role/outer\nsource_profile = self\n"])
        _ = try await DefaultCredentialChain(environment: env) { _ in assumer }.credentials()
        #expect(assumer.calls.map(\.baseKeyID) == ["AKIASELF", "ASIA-self"])
    }

    @Test func credentialSourceEnvironment() async throws {
        let assumer = FakeRoleAssumer()
        // The profile is selected, but AWS_ACCESS_KEY_ID would win in the chain; so use AWS_PROFILE
        // with keys only reachable through credential_source by going to the profile source directly.
        let env = environment(profile: "from-env", ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s"])
        let source = ProfileCredentialSource(environment: env) { _ in assumer }
        let credentials = try await source.resolve()
        #expect(credentials?.accessKeyID == "ASIA-from-env")
        #expect(assumer.calls.map(\.baseKeyID) == ["AKIAENV"])
    }

    @Test func credentialSourceEcsContainer() async throws {
        let assumer = FakeRoleAssumer()
        let transport = ScriptedTransport { _, _ in json(#"{"AccessKeyId":"ASIAECS","SecretAccessKey":"ecs-secret","Token":"ecs-token","Expiration":"2030-01-01T00:00:00Z"}"#) }
        let env = environment(profile: "from-ecs", ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], transport: transport)
        _ = try await DefaultCredentialChain(environment: env) { _ in assumer }.credentials()
        #expect(assumer.calls.map(\.baseKeyID) == ["ASIAECS"])
    }

    @Test func assumeRoleFailureNamesTheRoleButNoSecrets() async {
        struct Refused: RoleAssuming {
            func assumeRole(_ request: AssumeRoleRequest, using credentials: AWSCredentials) async throws -> AWSCredentials {
                throw TestFailure("AccessDenied")
            }
        }
        let error = await credentialError { try await DefaultCredentialChain(environment: environment(profile: "deploy")) { _ in Refused() }.credentials() }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("arn:aws:iam::111122223333:role/deploy"))
        #expect(text.contains("AccessDenied"))
        #expect(!text.contains("base-secret"))
    }
}

@Suite struct CredentialProcessTests {
    private func environment(_ commands: FakeCommands) -> AWSEnvironment {
        testEnvironment(files: ["/home/test/.aws/config": "[default]\ncredential_process = /usr/bin/get-creds --profile x\n"], commands: commands)
    }

    @Test func readsVersion1JSON() async throws {
        let commands = FakeCommands { command in
            #expect(command == "/usr/bin/get-creds --profile x")
            return CommandOutput(status: 0, standardOutput: Array(#"{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2030-05-01T10:00:00Z"}"#.utf8))
        }
        let credentials = try await chain(environment(commands)).credentials()
        #expect(credentials == AWSCredentials(accessKeyID: "ASIAPROC", secretAccessKey: "proc-secret", sessionToken: "proc-token", expiration: Timestamp.parse("2030-05-01T10:00:00Z")))
    }

    @Test func nonZeroExitIsAnError() async {
        let error = await credentialError { try await chain(environment(FakeCommands { _ in CommandOutput(status: 3, standardOutput: []) })).credentials() }
        #expect(error?.code == .sourceFailed)
        #expect(error?.message.contains("status 3") == true)
    }

    @Test func malformedOutputIsNeverEchoed() async {
        let commands = FakeCommands { _ in CommandOutput(status: 0, standardOutput: Array(#"{"AccessKeyId": "ASIAPROC", "SecretAccessKey": "LEAKED-SECRET""#.utf8)) }
        let error = await credentialError { try await chain(environment(commands)).credentials() }
        #expect(error?.code == .sourceFailed)
        #expect(!(error.map { "\($0)" } ?? "LEAKED-SECRET").contains("LEAKED-SECRET"))
    }
}

@Suite struct ContainerAndInstanceMetadataTests {
    private let document = #"{"AccessKeyId":"ASIACONT","SecretAccessKey":"cont-secret","Token":"cont-token","Expiration":"2030-01-01T00:00:00Z","RoleArn":"arn:aws:iam::1:role/task"}"#

    @Test func relativeURIGoesToTheECSAgent() async throws {
        let transport = ScriptedTransport { [document] _, _ in json(document) }
        let credentials = try await chain(testEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/uuid"], transport: transport)).credentials()
        #expect(credentials.accessKeyID == "ASIACONT")
        #expect(credentials.sessionToken == "cont-token")
        #expect(credentials.expiration == Timestamp.parse("2030-01-01T00:00:00Z"))
        let request = try #require(transport.requests.first)
        #expect(request.url?.absoluteString == "http://169.254.170.2/v2/credentials/uuid")
        #expect(request.method == "GET")
        #expect(request.headers["Authorization"] == nil)
    }

    @Test func fullURIWithTokenFileWhichWinsOverTheVariable() async throws {
        let transport = ScriptedTransport { [document] _, _ in json(document) }
        let env = testEnvironment(
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/token", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "from-variable"],
            files: ["/var/run/token": "from-file\n"], transport: transport
        )
        _ = try await chain(env).credentials()
        #expect(transport.requests.first?.headers["Authorization"] == "from-file")
        #expect(transport.requests.first?.authority == "169.254.170.23")
    }

    @Test func fullURIWithTokenVariableOnLoopback() async throws {
        let transport = ScriptedTransport { [document] _, _ in json(document) }
        let env = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/creds?x=1", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok"], transport: transport)
        _ = try await chain(env).credentials()
        #expect(transport.requests.first?.url?.absoluteString == "http://127.0.0.1:8080/creds?x=1")
        #expect(transport.requests.first?.headers["Authorization"] == "tok")
    }

    @Test func fullURIOverPlainHTTPToAnotherHostIsRefused() async {
        let env = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://10.0.0.5/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok"], transport: ScriptedTransport { _, _ in
            throw TestFailure("must not be contacted")
        })
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("10.0.0.5") == true)
    }

    @Test func tokenWithALineBreakIsRefused() async {
        let env = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "https://creds.example/x", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a\r\nX-Evil: 1"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(!(error?.description.contains("X-Evil") ?? true))
    }

    @Test func serverErrorsAreRetriedClientErrorsAreNot() async throws {
        let flaky = ScriptedTransport { [document] _, index in index < 2 ? HTTPResponse(status: 503) : json(document) }
        _ = try await chain(testEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"], transport: flaky)).credentials()
        #expect(flaky.requests.count == 3)

        let denied = ScriptedTransport { _, _ in HTTPResponse(status: 403, body: Array("denied".utf8)) }
        let error = await credentialError { try await chain(testEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"], transport: denied)).credentials() }
        #expect(error?.message.contains("HTTP 403") == true)
        #expect(denied.requests.count == 1)
    }

    @Test func imdsV2FetchesATokenThenTheRoleCredentials() async throws {
        let transport = ScriptedTransport { request, _ in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                #expect(request.headers["X-aws-ec2-metadata-token-ttl-seconds"] == "21600")
                return HTTPResponse(status: 200, body: Array("imds-session".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                #expect(request.headers["X-aws-ec2-metadata-token"] == "imds-session")
                return HTTPResponse(status: 200, body: Array("jenkins-agent\n".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/jenkins-agent"):
                #expect(request.headers["X-aws-ec2-metadata-token"] == "imds-session")
                return json(#"{"Code":"Success","AccessKeyId":"ASIAEC2","SecretAccessKey":"ec2-secret","Token":"ec2-token","Expiration":"2030-01-01T00:00:00Z"}"#)
            default:
                throw TestFailure("unexpected \(request.method) \(request.path)")
            }
        }
        let credentials = try await chain(testEnvironment(transport: transport)).credentials()
        #expect(credentials.accessKeyID == "ASIAEC2")
        #expect(transport.requests.map(\.authority) == ["169.254.169.254", "169.254.169.254", "169.254.169.254"])
    }

    @Test func noSourceAtAllListsWhatWasTried() async {
        let transport = ScriptedTransport.offline()
        let error = await credentialError { try await chain(testEnvironment(transport: transport)).credentials() }
        #expect(error?.code == .noCredentials)
        #expect(error?.message.contains("AWS_PROFILE") == true)
        #expect(transport.requests.count == 1) // the IMDS token PUT, nothing after it
    }

    @Test func disabledMetadataIsNotContacted() async {
        let transport = ScriptedTransport.offline()
        _ = await credentialError { try await chain(testEnvironment(["AWS_EC2_METADATA_DISABLED": "true"], transport: transport)).credentials() }
        #expect(transport.requests.isEmpty)
    }
}

@Suite struct RefreshTests {
    @Test func assumedRoleIsCachedAndRefreshedBeforeExpiry() async throws {
        let clock = TestClock()
        let assumer = FakeRoleAssumer(expiration: clock.now.addingTimeInterval(3600))
        let provider = AssumeRoleCredentialProvider(
            source: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "s")),
            assumer: assumer,
            request: AssumeRoleRequest(roleARN: "arn:aws:iam::1:role/deploy", sessionName: "s"),
            refreshMargin: .seconds(300), clock: clock.function
        )
        _ = try await provider.credentials()
        clock.advance(by: 3600 - 301)
        _ = try await provider.credentials()
        #expect(assumer.calls.count == 1)
        clock.advance(by: 2) // now inside the five-minute margin
        _ = try await provider.credentials()
        #expect(assumer.calls.count == 2)
    }

    @Test func aFailedRefreshKeepsStillValidCredentialsUntilTheyExpire() async throws {
        let clock = TestClock()
        let attempts = Recorder<Int>()
        let cache = CachingCredentialProvider(refreshMargin: .seconds(300), clock: clock.function) { [clock] in
            attempts.append(1)
            guard attempts.all.count == 1 else { throw CredentialError(.sourceFailed, "STS unavailable", source: "sts") }
            return AWSCredentials(accessKeyID: "ASIA1", secretAccessKey: "s", sessionToken: "t", expiration: clock.now.addingTimeInterval(600))
        }
        _ = try await cache.credentials()
        clock.advance(by: 400) // inside the margin, not yet expired
        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        #expect(attempts.all.count == 2)
        clock.advance(by: 201) // expired now
        await #expect(throws: CredentialError.self) { try await cache.credentials() }
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let fetches = Recorder<Int>()
        let cache = CachingCredentialProvider {
            fetches.append(1)
            // Gives the other callers time to arrive while this fetch is in flight; the assertion
            // does not depend on the duration (a fetch that finished earlier is cached anyway).
            try await Task.sleep(for: .milliseconds(20))
            return AWSCredentials(accessKeyID: "A", secretAccessKey: "B")
        }
        try await withThrowingTaskGroup(of: AWSCredentials.self) { group in
            for _ in 0..<10 { group.addTask { try await cache.credentials() } }
            for try await credentials in group { #expect(credentials.accessKeyID == "A") }
        }
        #expect(fetches.all.count == 1)
    }
}

@Suite struct RegionAndEndpointTests {
    @Test func regionPrecedence() throws {
        let files = ["/home/test/.aws/config": "[default]\nregion = ap-south-1\n"]
        #expect(try RegionResolver.region(in: testEnvironment(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"], files: files)) == "eu-west-1")
        #expect(try RegionResolver.region(in: testEnvironment(["AWS_DEFAULT_REGION": "us-west-2"], files: files)) == "us-west-2")
        #expect(try RegionResolver.region(in: testEnvironment(files: files)) == "ap-south-1")
        #expect(try RegionResolver.region(in: testEnvironment()) == nil)
        #expect(throws: ConfigurationError.self) { try RegionResolver.requireRegion(in: testEnvironment()) }
    }

    @Test func endpointPrecedence() throws {
        let env = testEnvironment(["AWS_ENDPOINT_URL": "https://global.example", "AWS_ENDPOINT_URL_STS": "https://sts.example:8443"])
        #expect(try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: env).description == "https://sts.example:8443/")
        #expect(try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: env).description == "https://global.example/")
        let cfn = testEnvironment(["AWS_ENDPOINT_URL_CLOUDFORMATION": "http://127.0.0.1:5000"])
        #expect(try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: cfn).description == "http://127.0.0.1:5000/")
        #expect(try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: cfn).description == "https://sts.eu-west-1.amazonaws.com/")
        #expect(try EndpointResolver.endpoint(service: "sts", region: "cn-north-1", environment: testEnvironment()).description == "https://sts.cn-north-1.amazonaws.com.cn/")
    }

    @Test func endpointsFromTheSharedConfigFile() throws {
        let config = """
        [default]
        endpoint_url = https://profile-wide.example
        services = local

        [services local]
        cloudformation =
          endpoint_url = http://127.0.0.1:5000

        [profile plain]
        region = eu-west-1

        [profile ignoring]
        endpoint_url = https://ignored.example
        ignore_configured_endpoint_urls = true
        """
        let files = ["/home/test/.aws/config": config]
        let env = testEnvironment(files: files)
        #expect(try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: env).description == "http://127.0.0.1:5000/")
        #expect(try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: env).description == "https://profile-wide.example/")
        // The environment's global URL outranks the profile's, but not the services section.
        let withGlobal = testEnvironment(["AWS_ENDPOINT_URL": "https://env-global.example"], files: files)
        #expect(try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: withGlobal).description == "https://env-global.example/")
        #expect(try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: withGlobal).description == "http://127.0.0.1:5000/")
        let ignoring = testEnvironment(["AWS_PROFILE": "ignoring"], files: files)
        #expect(try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: ignoring).description == "https://sts.eu-west-1.amazonaws.com/")
        let plain = testEnvironment(["AWS_PROFILE": "plain"], files: files)
        #expect(try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: plain).description == "https://sts.eu-west-1.amazonaws.com/")
    }

    @Test func aProfileEndpointOverPlainHTTPToARemoteHostIsRefused() {
        let env = testEnvironment(files: ["/home/test/.aws/config": "[default]\nendpoint_url = http://10.0.0.9:5000\n"])
        #expect(throws: ConfigurationError.self) { try EndpointResolver.endpoint(service: "sts", region: "eu-west-1", environment: env) }
    }

    @Test(arguments: ["http://localhost:4566", "http://127.0.0.1:5000", "http://127.1.2.3", "http://[::1]:5000", "https://10.0.0.1"])
    func acceptedEndpoints(url: String) throws {
        _ = try Endpoint(url: url)
    }

    @Test(arguments: ["http://10.0.0.1:5000", "http://moto:5000", "http://127.0.0.1.evil.com", "ftp://127.0.0.1", "not a url", "https://x/?a=b"])
    func refusedEndpoints(url: String) {
        #expect(throws: ConfigurationError.self) { try Endpoint(url: url, setting: "AWS_ENDPOINT_URL") }
    }

    @Test func plainHTTPErrorExplainsTheRule() {
        do {
            _ = try Endpoint(url: "http://10.1.2.3:5000", setting: "AWS_ENDPOINT_URL")
            Issue.record("accepted plain http to a remote host")
        } catch {
            #expect("\(error)".contains("AWS_ENDPOINT_URL"))
            #expect("\(error)".contains("loopback"))
        }
    }
}

@Suite struct CredentialEdgeCaseTests {
    @Test func instanceWithoutARoleOrWithIMDSDisabledHasNoCredentials() async {
        let noRole = ScriptedTransport { request, _ in
            request.method == "PUT" ? HTTPResponse(status: 200, body: Array("t".utf8)) : HTTPResponse(status: 404)
        }
        let error = await credentialError { try await chain(testEnvironment(transport: noRole)).credentials() }
        #expect(error?.code == .noCredentials)
        #expect(noRole.requests.count == 2)

        let forbidden = ScriptedTransport { _, _ in HTTPResponse(status: 403) }
        #expect(await credentialError { try await chain(testEnvironment(transport: forbidden)).credentials() }?.code == .noCredentials)
    }

    @Test func metadataThatStopsAnsweringAfterTheTokenIsAFailure() async {
        let transport = ScriptedTransport { request, _ in
            if request.method == "PUT" { return HTTPResponse(status: 200, body: Array("t".utf8)) }
            throw TransportError(.timedOut, target: request.authority)
        }
        let error = await credentialError { try await chain(testEnvironment(transport: transport)).credentials() }
        #expect(error?.code == .sourceFailed)
        #expect(error?.source == "instance metadata")
    }

    @Test func missingContainerTokenFileIsAConfigurationError() async {
        let env = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "https://creds.example/", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/missing"])
        let error = await credentialError { try await chain(env).credentials() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("/var/run/missing") == true)
    }

    @Test func containerRetriesBackOffThroughTheInjectedSleep() async throws {
        let sleeps = Recorder<Duration>()
        let transport = ScriptedTransport { _, index in
            index < 2 ? HTTPResponse(status: 500) : json(#"{"AccessKeyId":"A","SecretAccessKey":"B"}"#)
        }
        let env = testEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"], transport: transport, sleeps: sleeps)
        _ = try await chain(env).credentials()
        #expect(sleeps.all == [.milliseconds(100), .milliseconds(200)])
    }

    @Test(arguments: [
        ("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\naws_access_key_id = A\naws_secret_access_key = B\nduration_seconds = 60\n", CredentialError.Code.invalidConfiguration),
        ("[default]\nsso_session = corp\n", CredentialError.Code.invalidConfiguration),
        ("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\naws_access_key_id = A\naws_secret_access_key = B\nmfa_serial = arn:aws:iam::1:mfa/me\n", CredentialError.Code.unsupported),
        ("[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Somewhere\n", CredentialError.Code.invalidConfiguration),
        ("[default]\nrole_arn = arn:aws:iam::1:role/r\n", CredentialError.Code.invalidConfiguration),
        ("[default]\naws_access_key_id = A\n", CredentialError.Code.invalidConfiguration),
    ])
    func brokenProfilesFailWithTheRightCode(config: String, code: CredentialError.Code) async {
        let env = testEnvironment(files: ["/home/test/.aws/config": config])
        #expect(await credentialError { try await chain(env).credentials() }?.code == code)
    }

    @Test func sourceProfileMayUseCredentialProcess() async throws {
        let assumer = FakeRoleAssumer()
        let env = testEnvironment(
            ["AWS_PROFILE": "deploy"],
            files: ["/home/test/.aws/config": "[profile deploy]\nrole_arn = arn:aws:iam::1:role/deploy\nsource_profile = sso\n[profile sso]\ncredential_process = helper\n"],
            commands: FakeCommands { _ in CommandOutput(status: 0, standardOutput: Array(#"{"Version":1,"AccessKeyId":"ASIAHELPER","SecretAccessKey":"s"}"#.utf8)) }
        )
        _ = try await DefaultCredentialChain(environment: env) { _ in assumer }.credentials()
        #expect(assumer.calls.map(\.baseKeyID) == ["ASIAHELPER"])
    }

    @Test func headersSetInPlaceAndDropLaterDuplicates() {
        var headers: HTTPHeaders = ["Host": "a", "X-Amz-Date": "old", "Other": "1", "x-amz-date": "dup"]
        headers.set(name: "X-Amz-Date", value: "new")
        headers.set(name: "Authorization", value: "sig")
        #expect(headers.fields.map(\.name) == ["Host", "X-Amz-Date", "Other", "Authorization"])
        #expect(headers["x-amz-date"] == "new")
        #expect(!"\(headers)".contains("sig"))
    }
}
