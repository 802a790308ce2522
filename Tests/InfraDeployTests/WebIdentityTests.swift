import Foundation
@testable import InfraDeploy
import Testing

private let webIdentityResponse = """
<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>
  <Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>web-secret</SecretAccessKey><SessionToken>web-session</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>
</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
"""

@Suite struct WebIdentityTests {
    private let variables = [
        "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/eks/token", "AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/jenkins-agent",
        "AWS_ROLE_SESSION_NAME": "agent-7", "AWS_REGION": "eu-west-1",
    ]

    @Test func environmentTokenFileIsExchangedUnsignedAtRegionalSTS() async throws {
        let transport = ScriptedTransport { _, _ in xml(webIdentityResponse) }
        let env = testEnvironment(variables, files: ["/var/run/secrets/eks/token": "eyJhbGciOi.oidc.token\n"], transport: transport)
        let credentials = try await DefaultCredentialChain(environment: env).credentials()
        #expect(credentials.accessKeyID == "ASIAWEB")
        let request = try #require(transport.requests.first)
        #expect(request.authority == "sts.eu-west-1.amazonaws.com")
        #expect(request.headers["Authorization"] == nil)
        #expect(formParameters(request) == [
            "Action": "AssumeRoleWithWebIdentity", "Version": "2011-06-15", "RoleArn": "arn:aws:iam::111122223333:role/jenkins-agent",
            "RoleSessionName": "agent-7", "WebIdentityToken": "eyJhbGciOi.oidc.token",
        ])
    }

    @Test func environmentKeysComeBeforeWebIdentity() async throws {
        let transport = ScriptedTransport { _, _ in throw TestFailure("STS must not be called") }
        let env = testEnvironment(variables.merging(["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s"]) { $1 }, transport: transport)
        #expect(try await DefaultCredentialChain(environment: env).credentials().accessKeyID == "AKIAENV")
    }

    @Test func halfConfiguredWebIdentityIsAnError() async {
        let env = testEnvironment(["AWS_ROLE_ARN": "arn:aws:iam::1:role/r"])
        do {
            _ = try await DefaultCredentialChain(environment: env).credentials()
            Issue.record("accepted AWS_ROLE_ARN without a token file")
        } catch let error as CredentialError {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("AWS_WEB_IDENTITY_TOKEN_FILE"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func profileWebIdentityUsesTheProfileRegionAndSessionName() async throws {
        let transport = ScriptedTransport { _, _ in xml(webIdentityResponse) }
        let env = testEnvironment(
            ["AWS_PROFILE": "eks"],
            files: [
                "/home/test/.aws/config": "[profile eks]\nrole_arn = arn:aws:iam::1:role/eks\nweb_identity_token_file = ~/token\nrole_session_name = from-profile\nregion = ap-southeast-2\n",
                "/home/test/token": "profile-token",
            ],
            transport: transport
        )
        _ = try await DefaultCredentialChain(environment: env).credentials()
        let request = try #require(transport.requests.first)
        #expect(request.authority == "sts.ap-southeast-2.amazonaws.com")
        #expect(formParameters(request)["RoleSessionName"] == "from-profile")
        #expect(formParameters(request)["WebIdentityToken"] == "profile-token")
    }

    @Test func rejectedTokenNeverAppearsInTheError() async {
        let transport = ScriptedTransport { request, _ in
            let token = formParameters(request)["WebIdentityToken"] ?? ""
            return xml("<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>Token \(token) is not valid</Message></Error></ErrorResponse>", status: 400)
        }
        let env = testEnvironment(variables, files: ["/var/run/secrets/eks/token": "SECRET-OIDC-TOKEN"], transport: transport)
        do {
            _ = try await DefaultCredentialChain(environment: env).credentials()
            Issue.record("accepted a rejected token")
        } catch {
            #expect("\(error)".contains("InvalidIdentityToken"))
            #expect(!"\(error)".contains("SECRET-OIDC-TOKEN"))
        }
    }

    @Test func assumersWithoutWebIdentitySupportSaySo() async {
        let env = testEnvironment(variables, files: ["/var/run/secrets/eks/token": "t"])
        do {
            _ = try await DefaultCredentialChain(environment: env) { _ in FakeRoleAssumer() }.credentials()
            Issue.record("a fake without web identity support delivered credentials")
        } catch let error as CredentialError {
            #expect(error.code == .unsupported)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
