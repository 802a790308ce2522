import Foundation
@testable import InfraDeploy
import Testing

private let sessionCredentials = AWSCredentials(accessKeyID: "ASIAQUERY", secretAccessKey: "query-secret-key", sessionToken: "query-session-token")
private let region = "eu-west-1"

private func cloudFormation(_ transport: ScriptedTransport, _ variables: [String: String] = [:], clock: TestClock = TestClock(), sleeps: Recorder<Duration> = Recorder(), retry: RetryPolicy = RetryPolicy()) throws -> CloudFormationClient {
    try CloudFormationClient(region: region, credentials: StaticCredentialProvider(sessionCredentials), environment: testEnvironment(variables, transport: transport, clock: clock, sleeps: sleeps), retryPolicy: retry)
}

private func sts(_ transport: ScriptedTransport, credentials: AWSCredentials = sessionCredentials) throws -> STSClient {
    try STSClient(region: region, credentials: StaticCredentialProvider(credentials), environment: testEnvironment(transport: transport))
}

/// The AWSClientError `body` throws; records an issue otherwise.
private func clientError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> AWSClientError? {
    do {
        try await body()
        Issue.record("expected an AWSClientError", sourceLocation: sourceLocation)
    } catch let error as AWSClientError {
        return error
    } catch {
        Issue.record("expected AWSClientError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

private let validationError = """
<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id missing does not exist</Message></Error>
  <RequestId>req-404</RequestId>
</ErrorResponse>
"""
private let throttling = """
<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-throttle</RequestId>
</ErrorResponse>
"""
private let emptyDescribe = """
<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>
"""

@Suite struct STSClientTests {
    @Test func getCallerIdentitySendsASignedFormPost() async throws {
        let transport = ScriptedTransport { _, _ in
            xml("""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/deployer</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """)
        }
        let identity = try await sts(transport).getCallerIdentity()
        #expect(identity == CallerIdentity(account: "123456789012", arn: "arn:aws:iam::123456789012:user/deployer", userID: "AIDAEXAMPLE"))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url?.absoluteString == "https://sts.eu-west-1.amazonaws.com/")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=GetCallerIdentity&Version=2011-06-15")
        #expect(request.headers["X-Amz-Security-Token"] == "query-session-token")
        let authorization = try #require(request.headers["Authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAQUERY/"))
        #expect(authorization.contains("/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="))
        #expect(transport.timeouts == [RetryPolicy().attemptTimeout])
    }

    @Test func assumeRoleEncodesParametersAndParsesCredentials() async throws {
        let transport = ScriptedTransport { _, _ in
            xml("""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
              <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/deploy/jenkins</Arn><AssumedRoleId>AROA:jenkins</AssumedRoleId></AssumedRoleUser>
              <Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-token</SessionToken><Expiration>2030-01-01T01:00:00.123Z</Expiration></Credentials>
            </AssumeRoleResult></AssumeRoleResponse>
            """)
        }
        let base = AWSCredentials(accessKeyID: "AKIABASE", secretAccessKey: "base-secret")
        let credentials = try await sts(transport, credentials: AWSCredentials(accessKeyID: "AKIAUNUSED", secretAccessKey: "unused"))
            .assumeRole(AssumeRoleRequest(roleARN: "arn:aws:iam::111122223333:role/deploy", sessionName: "jenkins", externalID: "ext/1", durationSeconds: 900), using: base)
        #expect(credentials == AWSCredentials(accessKeyID: "ASIAROLE", secretAccessKey: "role-secret", sessionToken: "role-token", expiration: Timestamp.parse("2030-01-01T01:00:00.123Z")))
        let request = try #require(transport.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdeploy&RoleSessionName=jenkins&ExternalId=ext%2F1&DurationSeconds=900")
        #expect(request.headers["Authorization"]?.contains("Credential=AKIABASE/") == true)
        #expect(request.headers["X-Amz-Security-Token"] == nil)
    }

    @Test func defaultChainAssumesProfileRolesThroughSTS() async throws {
        let transport = ScriptedTransport { request, _ in
            #expect(request.authority == "127.0.0.1:5000")
            #expect(formParameters(request)["RoleArn"] == "arn:aws:iam::111122223333:role/deploy")
            return xml("<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>")
        }
        let env = testEnvironment(
            ["AWS_PROFILE": "deploy", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:5000"],
            files: ["/home/test/.aws/config": "[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\n[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base\n"],
            transport: transport
        )
        #expect(try await DefaultCredentialChain(environment: env).credentials().accessKeyID == "ASIAROLE")
        #expect(transport.requests.count == 1)
    }
}

@Suite struct CloudFormationClientTests {
    @Test func describeStacksParsesEveryFieldAndFollowsNextToken() async throws {
        let transport = ScriptedTransport { request, index in
            if index == 0 {
                #expect(formParameters(request)["NextToken"] == nil)
                return xml("""
                <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>
                  <StackName>jenkins</StackName><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/jenkins/1</StackId>
                  <StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-01-02T03:04:05.678Z</CreationTime><LastUpdatedTime>2026-02-02T03:04:05Z</LastUpdatedTime>
                  <Description>Jenkins &amp; agents</Description><EnableTerminationProtection>true</EnableTerminationProtection>
                  <Outputs><member><OutputKey>ClusterArn</OutputKey><OutputValue>arn:aws:ecs:eu-west-1:123456789012:cluster/agents</OutputValue><ExportName>agents-cluster</ExportName></member></Outputs>
                  <Parameters><member><ParameterKey>Env</ParameterKey><ParameterValue>prod</ParameterValue></member></Parameters>
                  <Tags><member><Key>team</Key><Value>platform</Value></member></Tags>
                  <Capabilities><member>CAPABILITY_NAMED_IAM</member></Capabilities>
                </member></Stacks><NextToken>page-2</NextToken></DescribeStacksResult></DescribeStacksResponse>
                """)
            }
            #expect(formParameters(request)["NextToken"] == "page-2")
            return xml("<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>other</StackName><StackStatus>ROLLBACK_COMPLETE</StackStatus></member></Stacks></DescribeStacksResult></DescribeStacksResponse>")
        }
        let stacks = try await cloudFormation(transport).describeStacks()
        #expect(stacks.count == 2)
        let stack = try #require(stacks.first)
        #expect(stack.name == "jenkins")
        #expect(stack.status == .updateComplete)
        #expect(stack.creationTime == Timestamp.parse("2026-01-02T03:04:05.678Z"))
        #expect(stack.description == "Jenkins & agents")
        #expect(stack.terminationProtection)
        #expect(stack.outputs == [StackOutput(key: "ClusterArn", value: "arn:aws:ecs:eu-west-1:123456789012:cluster/agents", exportName: "agents-cluster")])
        #expect(stack.parameters == [StackParameter(key: "Env", value: "prod")])
        #expect(stack.tags == [StackTag(key: "team", value: "platform")])
        #expect(stack.capabilities == ["CAPABILITY_NAMED_IAM"])
        #expect(stacks[1].status == .rollbackComplete && stacks[1].status.isFailure && !stacks[1].status.isInProgress)
    }

    @Test func missingStackIsNilButOtherErrorsPropagate() async throws {
        let missing = ScriptedTransport { _, _ in xml(validationError, status: 400) }
        #expect(try await cloudFormation(missing).describeStack(named: "missing") == nil)
        #expect(missing.requests.count == 1) // a ValidationError is not retried

        let denied = ScriptedTransport { _, _ in
            xml("<ErrorResponse><Error><Code>AccessDenied</Code><Message>User is not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>", status: 403)
        }
        let error = await clientError { _ = try await cloudFormation(denied).describeStack(named: "x") }
        #expect(error?.code == .service)
        #expect(error?.awsCode == "AccessDenied")
        #expect(error?.httpStatus == 403)
        #expect(error?.context == AWSClientError.Context(service: "cloudformation", action: "DescribeStacks", region: region))
        #expect(error?.description == "cloudformation DescribeStacks (eu-west-1): AccessDenied: User is not authorized [HTTP 403, request id r]")
    }

    @Test func createChangeSetSendsAnExplicitTypeAndEveryList() async throws {
        let transport = ScriptedTransport { _, _ in
            xml("<CreateChangeSetResponse><CreateChangeSetResult><Id>arn:cs</Id><StackId>arn:stack</StackId></CreateChangeSetResult></CreateChangeSetResponse>")
        }
        let input = CreateChangeSetInput(
            stackName: "agents", changeSetName: "infra-1", type: .create, template: .body(#"{"Resources":{}}"#),
            parameters: [StackParameter(key: "Env", value: "prod & test"), StackParameter(keepingPreviousValueOf: "Vpc")],
            capabilities: ["CAPABILITY_NAMED_IAM"], tags: [StackTag(key: "owner", value: "infra")], clientToken: "tok-1"
        )
        let created = try await cloudFormation(transport).createChangeSet(input)
        #expect(created == CreatedChangeSet(id: "arn:cs", stackID: "arn:stack"))
        let body = String(decoding: try #require(transport.requests.first).body, as: UTF8.self)
        #expect(body == "Action=CreateChangeSet&Version=2010-05-15&StackName=agents&ChangeSetName=infra-1&ChangeSetType=CREATE"
            + "&TemplateBody=%7B%22Resources%22%3A%7B%7D%7D"
            + "&Parameters.member.1.ParameterKey=Env&Parameters.member.1.ParameterValue=prod+%26+test"
            + "&Parameters.member.2.ParameterKey=Vpc&Parameters.member.2.UsePreviousValue=true"
            + "&Capabilities.member.1=CAPABILITY_NAMED_IAM&Tags.member.1.Key=owner&Tags.member.1.Value=infra&ClientToken=tok-1")
    }

    @Test func describeChangeSetMergesPagesAndRecognisesEmptyChangeSets() async throws {
        let transport = ScriptedTransport { _, index in
            if index == 0 {
                return xml("""
                <DescribeChangeSetResponse><DescribeChangeSetResult><ChangeSetName>cs</ChangeSetName><ChangeSetId>arn:cs</ChangeSetId><StackId>arn:s</StackId><StackName>s</StackName>
                <Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus>
                <Changes><member><Type>Resource</Type><ResourceChange><Action>Modify</Action><LogicalResourceId>Role</LogicalResourceId><PhysicalResourceId>deploy</PhysicalResourceId><ResourceType>AWS::IAM::Role</ResourceType><Replacement>False</Replacement></ResourceChange></member></Changes>
                <NextToken>n2</NextToken></DescribeChangeSetResult></DescribeChangeSetResponse>
                """)
            }
            return xml("<DescribeChangeSetResponse><DescribeChangeSetResult><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes><member><ResourceChange><Action>Add</Action><LogicalResourceId>Cluster</LogicalResourceId><ResourceType>AWS::ECS::Cluster</ResourceType></ResourceChange></member></Changes></DescribeChangeSetResult></DescribeChangeSetResponse>")
        }
        let description = try await cloudFormation(transport).describeChangeSet(name: "cs", stackName: "s")
        #expect(description.changes.map(\.logicalResourceID) == ["Role", "Cluster"])
        #expect(description.changes.first == ResourceChange(action: "Modify", logicalResourceID: "Role", physicalResourceID: "deploy", resourceType: "AWS::IAM::Role", replacement: "False"))
        #expect(description.executionStatus == "AVAILABLE")
        #expect(!description.isEmpty)

        let empty = ScriptedTransport { _, _ in
            xml("<DescribeChangeSetResponse><DescribeChangeSetResult><Status>FAILED</Status><StatusReason>The submitted information didn't contain changes. Submit different information to create a change set.</StatusReason><ExecutionStatus>UNAVAILABLE</ExecutionStatus><Changes/></DescribeChangeSetResult></DescribeChangeSetResponse>")
        }
        #expect(try await cloudFormation(empty).describeChangeSet(name: "cs", stackName: "s").isEmpty)
    }

    @Test func simpleActionsSendTheirParameters() async throws {
        let transport = ScriptedTransport { request, _ in
            let action = formParameters(request)["Action"] ?? ""
            return xml("<\(action)Response><\(action)Result><StackId>arn:s</StackId><TemplateBody>{\"Resources\":{}}</TemplateBody></\(action)Result></\(action)Response>")
        }
        let client = try cloudFormation(transport)
        try await client.executeChangeSet(name: "cs", stackName: "s", clientRequestToken: "t")
        try await client.deleteChangeSet(name: "cs", stackName: "s")
        try await client.deleteStack(name: "s", retainResources: ["Bucket"])
        #expect(try await client.updateTerminationProtection(stackName: "s", enabled: true) == "arn:s")
        #expect(try await client.getTemplate(stackName: "s") == #"{"Resources":{}}"#)
        let sent = transport.requests.map(formParameters)
        #expect(sent.map { $0["Action"] } == ["ExecuteChangeSet", "DeleteChangeSet", "DeleteStack", "UpdateTerminationProtection", "GetTemplate"])
        #expect(sent[0] == ["Action": "ExecuteChangeSet", "Version": "2010-05-15", "ChangeSetName": "cs", "StackName": "s", "ClientRequestToken": "t"])
        #expect(sent[2]["RetainResources.member.1"] == "Bucket")
        #expect(sent[3]["EnableTerminationProtection"] == "true")
        #expect(sent[4]["TemplateStage"] == "Original")
    }

    @Test func stackEventsStopAtAKnownEvent() async throws {
        let transport = ScriptedTransport { _, _ in
            xml("""
            <DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>
              <member><EventId>e3</EventId><StackName>s</StackName><LogicalResourceId>Role</LogicalResourceId><ResourceType>AWS::IAM::Role</ResourceType><Timestamp>2026-01-01T00:00:03Z</Timestamp><ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>Policy needs a PolicyName</ResourceStatusReason></member>
              <member><EventId>e2</EventId><StackName>s</StackName><LogicalResourceId>s</LogicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus></member>
              <member><EventId>e1</EventId><StackName>s</StackName><LogicalResourceId>s</LogicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><ResourceStatus>REVIEW_IN_PROGRESS</ResourceStatus></member>
            </StackEvents><NextToken>more</NextToken></DescribeStackEventsResult></DescribeStackEventsResponse>
            """)
        }
        let events = try await cloudFormation(transport).describeStackEvents(stackName: "s", stopAtEventID: "e2")
        #expect(events.map(\.id) == ["e3"])
        #expect(events.first?.statusReason == "Policy needs a PolicyName")
        #expect(transport.requests.count == 1)
    }

    @Test func endpointOverridesReachLoopbackOverHTTPOnly() async throws {
        let transport = ScriptedTransport { _, _ in xml(emptyDescribe) }
        _ = try await cloudFormation(transport, ["AWS_ENDPOINT_URL_CLOUDFORMATION": "http://127.0.0.1:5000"]).describeStacks()
        #expect(transport.requests.first?.url?.absoluteString == "http://127.0.0.1:5000/")
        #expect(transport.requests.first?.headers["Host"] == "127.0.0.1:5000")
        #expect(throws: ConfigurationError.self) { _ = try cloudFormation(transport, ["AWS_ENDPOINT_URL": "http://moto.internal:5000"]) }
    }
}

@Suite struct ErrorShapeAndRetryTests {
    @Test func backoffIsFullJitterUnderADoublingCap() {
        let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(10))
        #expect(policy.delay(beforeRetry: 1, unitRandom: 0) == .zero)
        #expect(policy.delay(beforeRetry: 1, unitRandom: 1) == .seconds(1))
        #expect(policy.delay(beforeRetry: 3, unitRandom: 1) == .seconds(4))
        #expect(policy.delay(beforeRetry: 5, unitRandom: 1) == .seconds(10))
        #expect(policy.delay(beforeRetry: 200, unitRandom: 1) == .seconds(10))
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test func legacyResponseErrorsShapeIsParsed() async {
        let transport = ScriptedTransport { _, _ in
            xml("<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad value</Message></Error></Errors><RequestID>legacy-1</RequestID></Response>", status: 400)
        }
        let error = await clientError { _ = try await cloudFormation(transport).describeStacks() }
        #expect(error?.awsCode == "InvalidParameterValue")
        #expect(error?.message == "bad value")
        #expect(error?.requestID == "legacy-1")
        #expect(error?.isRetryable == false)
    }

    @Test func htmlServerErrorsAreServerErrorsAndRetried() async {
        let sleeps = Recorder<Duration>()
        let transport = ScriptedTransport { _, _ in
            HTTPResponse(status: 500, headers: ["Content-Type": "text/html"], body: Array("<!DOCTYPE html><html><body><h1>Internal Server Error</h1><p>oops<br></body></html>".utf8))
        }
        let error = await clientError { _ = try await cloudFormation(transport, sleeps: sleeps, retry: RetryPolicy(maxAttempts: 3)).describeStacks() }
        #expect(error?.code == .server)
        #expect(error?.httpStatus == 500)
        #expect(error?.attempts == 3)
        #expect(error?.isRetryable == true)
        #expect(transport.requests.count == 3)
        #expect(sleeps.all.count == 2)
    }

    @Test func throttlingIsRetriedWithCappedJitteredBackoff() async throws {
        let sleeps = Recorder<Duration>()
        let clock = TestClock()
        let transport = ScriptedTransport { _, index in index < 6 ? xml(throttling, status: 400) : xml(emptyDescribe) }
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(8), maxTotalTime: .seconds(600))
        _ = try await cloudFormation(transport, clock: clock, sleeps: sleeps, retry: policy).describeStacks()
        #expect(transport.requests.count == 7)
        // random() is 0.5 in tests: half of min(cap, base·2^(n-1)).
        #expect(sleeps.all == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        // Each attempt is signed afresh, at the (advanced) current time.
        let dates = transport.requests.compactMap { $0.headers["X-Amz-Date"] }
        #expect(Set(dates).count > 1)
    }

    @Test(arguments: [
        ("ThrottlingException", "slow down", 400),
        ("RequestLimitExceeded", "too many", 400),
        ("SomethingElse", "Rate exceeded", 400),
        ("ServiceUnavailable", "try later", 503),
    ])
    func retryableResponses(code: String, message: String, status: Int) async throws {
        let transport = ScriptedTransport { _, index in
            index == 0 ? xml("<ErrorResponse><Error><Code>\(code)</Code><Message>\(message)</Message></Error></ErrorResponse>", status: status) : xml(emptyDescribe)
        }
        _ = try await cloudFormation(transport).describeStacks()
        #expect(transport.requests.count == 2)
    }

    @Test func connectionFailuresAreRetriedThenReported() async {
        let transport = ScriptedTransport.offline()
        let error = await clientError { _ = try await cloudFormation(transport, retry: RetryPolicy(maxAttempts: 4)).describeStacks() }
        #expect(error?.code == .transport)
        #expect(error?.attempts == 4)
        #expect(transport.requests.count == 4)
    }

    @Test func totalTimeBoundsRetriesBeforeAttemptsRunOut() async {
        let transport = ScriptedTransport { _, _ in xml(throttling, status: 400) }
        let policy = RetryPolicy(maxAttempts: 100, baseDelay: .seconds(2), maxDelay: .seconds(20), maxTotalTime: .seconds(30))
        let sleeps = Recorder<Duration>()
        let error = await clientError { _ = try await cloudFormation(transport, sleeps: sleeps, retry: policy).describeStacks() }
        #expect(error?.code == .throttled)
        #expect(error?.awsCode == "Throttling")
        // 1 + 2 + 4 + 8 + 10 = 25 s slept; the next 10 s would pass the 30 s budget.
        #expect(sleeps.all == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10)])
        #expect(transport.requests.count == 6)
    }

    @Test func malformedSuccessBodiesAreInvalidResponsesNotRetried() async {
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200, body: Array("not xml".utf8)) }
        let error = await clientError { _ = try await cloudFormation(transport).describeStacks() }
        #expect(error?.code == .invalidResponse)
        #expect(transport.requests.count == 1)
    }

    @Test func credentialFailuresCarryTheCallContext() async throws {
        struct Failing: AWSCredentialProvider {
            func credentials() async throws -> AWSCredentials { throw CredentialError(.noCredentials, "none", source: "chain") }
        }
        let transport = ScriptedTransport { _, _ in xml(emptyDescribe) }
        let client = try CloudFormationClient(region: region, credentials: Failing(), environment: testEnvironment(transport: transport))
        let error = await clientError { _ = try await client.describeStacks() }
        #expect(error?.code == .credentials)
        #expect(error?.context.action == "DescribeStacks")
        #expect(transport.requests.isEmpty)
    }

    @Test func errorsNeverContainTheSecretKeyTokenOrSignature() async throws {
        // AWS's SignatureDoesNotMatch can quote the canonical request, which holds the session token.
        let transport = ScriptedTransport { request, _ in
            let signature = request.headers["Authorization"]?.components(separatedBy: "Signature=").last ?? ""
            let echo = "The request signature we calculated does not match the signature you provided. Canonical request: x-amz-security-token:query-session-token signature \(signature) key query-secret-key"
            return xml("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>\(echo)</Message></Error><RequestId>sig</RequestId></ErrorResponse>", status: 403)
        }
        let error = try #require(await clientError { _ = try await cloudFormation(transport).describeStacks() })
        let signature = try #require(transport.requests.first?.headers["Authorization"]?.components(separatedBy: "Signature=").last)
        var dumped = ""
        dump(error, to: &dumped)
        for text in [error.description, error.message, String(reflecting: error), "\(error)", dumped] {
            #expect(!text.contains("query-session-token"))
            #expect(!text.contains("query-secret-key"))
            #expect(!text.contains(signature))
            #expect(text.contains("<redacted>"))
        }
        #expect(error.awsCode == "SignatureDoesNotMatch")
    }
}

@Suite struct URLSessionTransportTests {
    @Test func unencodablePathIsAnInvalidRequestWithoutNetwork() async {
        let request = HTTPRequest(method: "GET", scheme: "http", authority: "127.0.0.1:9", path: "/has space")
        do {
            _ = try await URLSessionTransport().send(request, timeout: .seconds(2))
            Issue.record("sent an invalid URL")
        } catch let error as TransportError {
            #expect(error.code == .invalidRequest)
            #expect(!error.isRetryable)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func sendsExactlyTheSignedRequestAndReadsTheResponse() async throws {
        let body = "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/u</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>"
        let server = try LoopbackServer(.respond("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nx-amzn-RequestId: loop-1\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
        defer { server.stop() }
        let environment = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://127.0.0.1:\(server.port)"], files: InMemoryFiles([:]), transport: URLSessionTransport())
        // One attempt: a hidden retry would turn a transport bug into a slow pass.
        let client = try STSClient(region: "eu-west-1", credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIALOOP", secretAccessKey: "loop-secret", sessionToken: "loop-token")), environment: environment, retryPolicy: RetryPolicy(maxAttempts: 1, attemptTimeout: .seconds(5)))
        let identity = try await client.getCallerIdentity()
        #expect(identity.account == "123456789012")
        let raw = try #require(server.requests.first)
        let lines = raw.components(separatedBy: "\r\n")
        #expect(lines.first == "POST / HTTP/1.1")
        let headers = Dictionary(lines.dropFirst().prefix { !$0.isEmpty }.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { first, _ in first })
        // Every signed header must arrive with the value that was signed.
        #expect(headers["host"] == "127.0.0.1:\(server.port)")
        #expect(headers["content-type"] == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(headers["x-amz-security-token"] == "loop-token")
        #expect(headers["x-amz-date"]?.count == 16)
        #expect(headers["authorization"]?.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token") == true)
        #expect(raw.hasSuffix("\r\n\r\nAction=GetCallerIdentity&Version=2011-06-15"))
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        let target = try LoopbackServer(.respond("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
        defer { target.stop() }
        let redirecting = try LoopbackServer(.respond("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:\(target.port)/stolen\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
        defer { redirecting.stop() }
        let request = HTTPRequest(method: "POST", scheme: "http", authority: "127.0.0.1:\(redirecting.port)", path: "/",
                                  headers: ["Host": "127.0.0.1:\(redirecting.port)", "X-Amz-Security-Token": "must-stay-here"], body: Array("a=b".utf8))
        let response = try await URLSessionTransport().send(request, timeout: .seconds(5))
        #expect(response.status == 307)
        #expect(target.requests.isEmpty)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", scheme: "http", authority: "127.0.0.1:\(server.port)", path: "/", headers: ["Host": "127.0.0.1:\(server.port)"])
        do {
            _ = try await URLSessionTransport().send(request, timeout: .milliseconds(300))
            Issue.record("got a response from a server that never answers")
        } catch let error as TransportError {
            #expect(error.code == .timedOut)
            #expect(error.isRetryable)
        }
    }

    @Test func aClosedPortIsAConnectionFailure() async throws {
        // A port bound without listening: refused, and held so no concurrent test's server gets it.
        let reserved = try RefusingPort()
        defer { reserved.release() }
        let port = reserved.port
        let request = HTTPRequest(method: "GET", scheme: "http", authority: "127.0.0.1:\(port)", path: "/", headers: ["Host": "127.0.0.1:\(port)"])
        do {
            _ = try await URLSessionTransport().send(request, timeout: .seconds(5))
            Issue.record("something answered on a closed port")
        } catch let error as TransportError {
            #expect(error.code == .connectionFailed)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }
}
