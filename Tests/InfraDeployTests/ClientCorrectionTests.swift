import Foundation
@testable import InfraDeploy
import Testing

private let describeOK = "<DescribeStacksResponse><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>"

@Suite struct ClientCorrectionTests {
    @Test func expiredTokenRefreshesCachedCredentialsOnce() async throws {
        let fetches = Recorder<Int>()
        let provider = CachingCredentialProvider {
            fetches.append(1)
            return AWSCredentials(accessKeyID: "ASIA", secretAccessKey: "s", sessionToken: "token-\(fetches.all.count)")
        }
        let transport = ScriptedTransport { request, _ in
            request.headers["X-Amz-Security-Token"] == "token-1"
                ? xml("<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>", status: 400)
                : xml(describeOK)
        }
        let client = try CloudFormationClient(region: "eu-west-1", credentials: provider, environment: testEnvironment(transport: transport))
        _ = try await client.describeStacks()
        #expect(transport.requests.compactMap { $0.headers["X-Amz-Security-Token"] } == ["token-1", "token-2"])
    }

    @Test func expiredTokenFromAFixedProviderIsReported() async throws {
        let transport = ScriptedTransport { _, _ in
            xml("<ErrorResponse><Error><Code>ExpiredToken</Code><Message>expired</Message></Error></ErrorResponse>", status: 400)
        }
        let client = try CloudFormationClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "A", secretAccessKey: "s", sessionToken: "t")), environment: testEnvironment(transport: transport))
        await #expect(throws: AWSClientError.self) { _ = try await client.describeStacks() }
        #expect(transport.requests.count == 1)
    }

    @Test func clockSkewIsLearnedFromTheDateHeaderAndKept() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let serverTime = clock.now.addingTimeInterval(3600)
        let serverAmzDate = Timestamp.amzDate(serverTime)
        let transport = ScriptedTransport { request, _ in
            guard request.headers["X-Amz-Date"] == serverAmzDate else {
                return HTTPResponse(
                    status: 403, headers: ["Date": "Fri, 15 Jan 2027 09:00:00 GMT"],
                    body: Array("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20270115T080000Z is now earlier than 20270115T085500Z</Message></Error></ErrorResponse>".utf8)
                )
            }
            return xml(describeOK)
        }
        #expect(Timestamp.parseHTTPDate("Fri, 15 Jan 2027 09:00:00 GMT") == serverTime)
        let client = try CloudFormationClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "A", secretAccessKey: "s")), environment: testEnvironment(transport: transport, clock: clock))
        _ = try await client.describeStacks()
        #expect(transport.requests.count == 2)
        _ = try await client.describeStacks()
        #expect(transport.requests.count == 3) // the second call is signed with the learned offset
    }

    @Test func signatureErrorsThatAreNotAboutTimeAreNotRetried() async throws {
        let transport = ScriptedTransport { _, _ in
            HTTPResponse(status: 403, headers: ["Date": "Fri, 15 Jan 2027 09:00:00 GMT"],
                         body: Array("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error></ErrorResponse>".utf8))
        }
        let client = try CloudFormationClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "A", secretAccessKey: "s")), environment: testEnvironment(transport: transport))
        await #expect(throws: AWSClientError.self) { _ = try await client.describeStacks() }
        #expect(transport.requests.count == 1)
    }

    @Test(arguments: ["", "Fri, 15 Jan 2027 09:00:00", "Fri, 15 Foo 2027 09:00:00 GMT", "Fri, xx Jan 2027 09:00:00 GMT"])
    func malformedHTTPDatesAreRejected(text: String) {
        #expect(Timestamp.parseHTTPDate(text) == nil)
    }
}
