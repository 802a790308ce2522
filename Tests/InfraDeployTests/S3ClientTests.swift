import Foundation
import InfraCrypto
@testable import InfraDeploy
import Testing

private let credentials = AWSCredentials(accessKeyID: "ASIAS3TEST", secretAccessKey: "s3-secret-key", sessionToken: "s3-session-token")
private let bucket = "infradsl-templates-222222222222-eu-west-1"
private let key = "app/0123abcd.template.json"

private func s3(_ transport: ScriptedTransport, _ variables: [String: String] = [:], region: String = "eu-west-1", retry: RetryPolicy = RetryPolicy()) throws -> S3Client {
    try S3Client(region: region, credentials: StaticCredentialProvider(credentials), environment: testEnvironment(variables, transport: transport), retryPolicy: retry)
}

@Suite struct S3ClientTests {
    @Test func putObjectOnAWSIsVirtualHostedAndSignsThePayloadHash() async throws {
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200) }
        let body = Array(#"{"Resources": {}}"#.utf8)
        try await s3(transport).putObject(bucket: bucket, key: key, body: body, expectedOwner: "222222222222")
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT")
        #expect(request.url?.absoluteString == "https://\(bucket).s3.eu-west-1.amazonaws.com/\(key)")
        #expect(request.headers["Host"] == "\(bucket).s3.eu-west-1.amazonaws.com")
        #expect(request.body == body)
        #expect(request.headers["x-amz-content-sha256"] == SHA256.hexDigest(body))
        #expect(request.headers["x-amz-content-sha256"] != SHA256.hexDigest([]))
        #expect(request.headers["x-amz-expected-bucket-owner"] == "222222222222")
        #expect(request.headers["Content-Type"] == "application/json")
        let authorization = try #require(request.headers["Authorization"])
        #expect(authorization.contains("/eu-west-1/s3/aws4_request,"))
        #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-expected-bucket-owner;x-amz-security-token,"))
    }

    @Test(arguments: [
        (["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"], "http://127.0.0.1:4566/\(bucket)/\(key)"),
        (["AWS_ENDPOINT_URL_S3": "http://localhost:9000/", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"], "http://localhost:9000/\(bucket)/\(key)"),
        (["AWS_ENDPOINT_URL": "https://gateway.example.com/storage"], "https://gateway.example.com/storage/\(bucket)/\(key)"),
    ])
    func aConfiguredEndpointIsPathStyle(variables: [String: String], expected: String) async throws {
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200) }
        let client = try s3(transport, variables)
        #expect(client.isCustomEndpoint)
        try await client.putObject(bucket: bucket, key: key, body: [1, 2, 3])
        let request = try #require(transport.requests.first)
        #expect(request.url?.absoluteString == expected)
        #expect(request.headers["Host"] == request.authority)
        #expect(request.headers["x-amz-content-sha256"] == SHA256.hexDigest([1, 2, 3]))
    }

    @Test func aBucketWithDotsIsPathStyleOnTheRegionalEndpoint() throws {
        let client = try s3(ScriptedTransport.offline())
        #expect(!client.isCustomEndpoint)
        #expect(client.request("PUT", bucket: "templates.example.com", key: key).url?.absoluteString == "https://s3.eu-west-1.amazonaws.com/templates.example.com/\(key)")
    }

    @Test func theTemplateURLIsS3sOwnAddressInTheRegionsPartition() {
        #expect(S3Client.objectURL(bucket: bucket, key: key, region: "eu-west-1") == "https://\(bucket).s3.eu-west-1.amazonaws.com/\(key)")
        #expect(S3Client.objectURL(bucket: "t-1", key: "a/b c", region: "cn-north-1") == "https://t-1.s3.cn-north-1.amazonaws.com.cn/a/b%20c")
        #expect(S3Client.objectURL(bucket: "a.b", key: "k", region: "us-east-1") == "https://s3.us-east-1.amazonaws.com/a.b/k")
    }

    @Test func headTellsWhetherTheObjectIsThereAndRetriesServerErrors() async throws {
        let transport = ScriptedTransport { request, index in
            #expect(request.method == "HEAD")
            #expect(request.body.isEmpty)
            return HTTPResponse(status: [503, 200, 404, 403][index])
        }
        let client = try s3(transport)
        #expect(try await client.objectExists(bucket: bucket, key: key))
        #expect(try await !client.objectExists(bucket: bucket, key: key))
        #expect(try await !client.objectExists(bucket: bucket, key: key))
        #expect(transport.requests.count == 4)
        #expect(transport.requests[0].headers["x-amz-content-sha256"] == SHA256.hexDigest([]))
    }

    @Test func anS3ErrorKeepsItsCodeAndNoSecret() async throws {
        let transport = ScriptedTransport { _, _ in
            xml("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist (s3-secret-key)</Message><BucketName>\(bucket)</BucketName><RequestId>REQ1</RequestId></Error>", status: 404)
        }
        do {
            try await s3(transport).putObject(bucket: bucket, key: key, body: [1])
            Issue.record("a 404 NoSuchBucket was taken for success")
        } catch let error as AWSClientError {
            #expect(error.awsCode == "NoSuchBucket")
            #expect(error.context.service == "s3" && error.context.action == "PutObject")
            #expect(error.requestID == "REQ1")
            #expect(!error.description.contains("s3-secret-key"))
            #expect(!error.isRetryable)
        }
        #expect(transport.requests.count == 1)
    }

    @Test func bucketNamesFollowS3sRules() {
        for valid in ["abc", "infradsl-templates-111111111111-eu-west-1", "a.b-c", String(repeating: "a", count: 63)] {
            #expect(S3BucketName.isValid(valid), "\(valid)")
        }
        for invalid in ["ab", "Abc", "a_b", "-abc", "abc-", "a..b", "192.168.1.1", String(repeating: "a", count: 64), "bucket/evil", "host.com:80", ""] {
            #expect(!S3BucketName.isValid(invalid), "\(invalid)")
        }
    }
}
