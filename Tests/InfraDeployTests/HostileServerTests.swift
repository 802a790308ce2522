import Foundation
@testable import InfraDeploy
import Testing

private let credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIAHOSTILE", secretAccessKey: "hostile-secret-key", sessionToken: "hostile-session-token"))

private func cloudFormation(_ transport: any HTTPTransport, _ variables: [String: String] = [:]) throws -> CloudFormationClient {
    try CloudFormationClient(region: "eu-west-1", credentials: credentials, environment: testEnvironment(variables, transport: transport), retryPolicy: RetryPolicy(maxAttempts: 1, attemptTimeout: .seconds(20)))
}

private func xml(_ body: String, status: Int = 200, contentType: String = "text/xml") -> HTTPResponse {
    HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(body.utf8))
}

/// The error `body` throws, as text; records an issue when it succeeds.
private func failure(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
    do {
        try await body()
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return ""
    } catch {
        return "\(error)"
    }
}

/// Answers that CloudFormation never sends, from servers that are broken or not AWS at all.
@Suite struct HostileAnswerTests {
    @Test func aDeeplyNestedAnswerIsRefusedNotACrash() async throws {
        // 50,000 levels overflowed the stack while the parsed tree was released.
        let depth = 50_000
        let body = "<DescribeStacksResponse>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</DescribeStacksResponse>"
        let client = try cloudFormation(ScriptedTransport { _, _ in xml(body) })
        let message = await failure { _ = try await client.describeStacks() }
        #expect(message.contains("nested deeper than \(XMLTree.maxDepth) levels"), "\(message)")
        #expect(message.contains("cloudformation DescribeStacks (eu-west-1)"))
    }

    @Test func anAnswerWithinTheDepthLimitStillParses() throws {
        let inner = String(repeating: "<a>", count: XMLTree.maxDepth - 1) + "x" + String(repeating: "</a>", count: XMLTree.maxDepth - 1)
        let tree = try XMLTree.document(Array("<r>\(inner)</r>".utf8)).get()
        var node = tree
        while let child = node.children.first { node = child }
        #expect(node.text == "x")
        #expect(XMLTree.document(Array("<r>\(inner.replacingOccurrences(of: "x", with: "<b/>"))</r>".utf8)) == .failure(.tooDeep))
    }

    @Test func aRepeatedNextTokenEndsThePaging() async throws {
        let page = "<DescribeStacksResponse><DescribeStacksResult><Stacks/><NextToken>again</NextToken></DescribeStacksResult></DescribeStacksResponse>"
        let transport = ScriptedTransport { _, _ in xml(page) }
        let message = await failure { _ = try await cloudFormation(transport).describeStacks() }
        #expect(message.contains("repeats a NextToken"), "\(message)")
        // The first page, then the one that repeated its token: no third request.
        #expect(transport.requests.count == 2)
    }

    @Test func endlessFreshTokensStopAtThePageLimit() async throws {
        let transport = ScriptedTransport { _, index in
            xml("<ListChangeSetsResponse><ListChangeSetsResult><Summaries/><NextToken>t\(index)</NextToken></ListChangeSetsResult></ListChangeSetsResponse>")
        }
        let listing = try ChangeSetLister(region: "eu-west-1", credentials: credentials, environment: testEnvironment(transport: transport), retryPolicy: RetryPolicy(maxAttempts: 1))
        let message = await failure { _ = try await listing.list(stackName: "s") }
        #expect(message.contains("still more pages after \(QueryClient.maxPages)"), "\(message)")
        #expect(transport.requests.count == QueryClient.maxPages)
    }

    @Test func aWellFormedPageThatIsNotAWSIsNotReadAsNoStacks() async throws {
        let client = try cloudFormation(ScriptedTransport { _, _ in xml("<html><body><p>Welcome to the hotel network</p></body></html>", contentType: "text/html") })
        let message = await failure { _ = try await client.describeStacks() }
        #expect(message.contains("not a cloudformation DescribeStacks response (its root element is <html>)"), "\(message)")
    }

    @Test func aJSONErrorIsReportedByItsCodeAndMessage() async throws {
        let body = #"{"__type": "com.amazon.coral#AccessDeniedException", "message": "User is not allowed to call this"}"#
        let client = try cloudFormation(ScriptedTransport { _, _ in xml(body, status: 400, contentType: "application/x-amz-json-1.0") })
        let message = await failure { _ = try await client.describeStacks() }
        #expect(message.contains("AccessDeniedException: User is not allowed to call this"), "\(message)")
    }

    @Test func aPlainTextErrorIsReportedByItsTextWithSecretsRemoved() async throws {
        let body = "Forbidden by the gateway:\n\n   request signed with hostile-secret-key and hostile-session-token\n"
        let client = try cloudFormation(ScriptedTransport { _, _ in xml(body, status: 403, contentType: "text/plain") })
        let message = await failure { _ = try await client.describeStacks() }
        #expect(message.contains("HTTP 403 with a body that is not an AWS error (text/plain), \(body.utf8.count) bytes: Forbidden by the gateway: request signed with <redacted> and <redacted>"), "\(message)")
        #expect(!message.contains("hostile-secret-key") && !message.contains("hostile-session-token"))
    }

    @Test func aLongErrorTextIsCutAndCannotLeakTheStartOfASecret() {
        // The secret straddles the cut: redaction happens before cutting.
        let text = String(repeating: "x", count: ErrorBody.maxExcerpt - 5) + "hostile-secret-key"
        let response = HTTPResponse(status: 400, headers: [:], body: Array(text.utf8))
        let note = QueryClient.excerptNote(response, secrets: ["hostile-secret-key"])
        #expect(!note.contains("hostile"))
        #expect(note.hasSuffix("<reda…"), "\(note.suffix(20))")
    }
}

/// The real URLSession transport against loopback servers that send too much.
@Suite struct BodyLimitTransportTests {
    private func request(_ port: Int) -> HTTPRequest {
        HTTPRequest(method: "GET", scheme: "http", authority: "127.0.0.1:\(port)", path: "/", headers: ["Host": "127.0.0.1:\(port)"])
    }

    @Test func anEndlessBodyIsCutOffAtTheLimit() async throws {
        let server = try LoopbackServer(.stream(head: "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n", chunk: Array(repeating: UInt8(ascii: "a"), count: 16384)))
        defer { server.stop() }
        do {
            let response = try await URLSessionTransport(maxResponseBytes: 1 << 20).send(request(server.port), timeout: .seconds(60))
            Issue.record("an endless body ended with \(response.body.count) bytes")
        } catch let error as TransportError {
            #expect(error.code == .responseTooLarge, "\(error)")
            #expect(!error.isRetryable)
            #expect(error.description.contains("over the 1048576-byte limit"))
        }
    }

    @Test func anAnnouncedOversizeBodyIsRefused() async throws {
        let server = try LoopbackServer(.stream(head: "HTTP/1.1 200 OK\r\nContent-Length: 400000000\r\nConnection: close\r\n\r\n", chunk: Array(repeating: UInt8(ascii: "b"), count: 16384)))
        defer { server.stop() }
        do {
            _ = try await URLSessionTransport(maxResponseBytes: 65536).send(request(server.port), timeout: .seconds(60))
            Issue.record("accepted a 400 MB body")
        } catch let error as TransportError {
            #expect(error.code == .responseTooLarge, "\(error)")
        }
    }

    @Test func aBodyAtTheLimitArrivesWhole() async throws {
        let body = String(repeating: "c", count: 65536)
        let server = try LoopbackServer(.respond("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"))
        defer { server.stop() }
        let response = try await URLSessionTransport(maxResponseBytes: 65536).send(request(server.port), timeout: .seconds(20))
        #expect(response.body.count == 65536)
    }

    @Test func aRefusedConnectionIsNamedAsSuch() async throws {
        let port = try RefusingPort()
        defer { port.release() }
        do {
            _ = try await URLSessionTransport().send(request(port.port), timeout: .seconds(20))
            Issue.record("connected to a port nobody listens on")
        } catch let error as TransportError {
            #expect(error.description.contains("connection refused"), "\(error)")
        }
    }
}

/// Credentials whose STS call could not connect, as an assumed role's are when STS is unreachable.
private struct UnreachableSTS: AWSCredentialProvider {
    func credentials() async throws -> AWSCredentials {
        throw AWSClientError.transport(.init(service: "sts", action: "AssumeRole", region: "eu-west-1"),
                                       TransportError(.connectionFailed, target: "http://127.0.0.1:9/", detail: "connection refused (nothing listens there)"), attempts: 3)
    }
}

@Suite struct ConnectionFailureTests {
    @Test func aRefusedConnectionBehindTheCredentialsIsNotBlamedOnThem() async throws {
        let client = try CloudFormationClient(region: "eu-west-1", credentials: UnreachableSTS(), environment: testEnvironment(transport: ScriptedTransport.offline()), retryPolicy: .none)
        do {
            _ = try await client.describeStacks()
            Issue.record("described stacks without credentials")
        } catch let error as AWSClientError {
            #expect(error.code == .transport, "\(error)")
            #expect(error.description.contains("sts AssumeRole (eu-west-1): could not connect to http://127.0.0.1:9/: connection refused"), "\(error)")
        }
    }
}
