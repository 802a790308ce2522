import Foundation
@testable import InfraDeploy
import Testing

/// Our SigV4 signatures against botocore's, an independent implementation, for requests like the
/// ones the deployer sends. botocore comes with the pinned moto in `.venv` (scripts/test.sh); when
/// it is missing the test fails, never skips.
@Suite struct IndependentSignerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var authority: String
        var path: String
        var query: String?
        var headers: [(String, String)]
        var body: String
        var token: String?
        var service: String
        var region: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "CloudFormation POST with a session token", method: "POST", authority: "cloudformation.eu-west-1.amazonaws.com", path: "/", query: nil,
             headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
             body: "Action=CreateChangeSet&ChangeSetName=infra-1&ChangeSetType=CREATE&StackName=jenkins-agent-cloud&TemplateBody=%7B%22Resources%22%3A+%7B%7D%7D&Version=2010-05-15",
             token: "FwoGZXIvYXdzEJr//////////wEaDH+token=", service: "cloudformation", region: "eu-west-1"),
        Case(name: "STS POST with long-term keys", method: "POST", authority: "sts.us-east-1.amazonaws.com", path: "/", query: nil,
             headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
             body: "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fjenkins-deploy&RoleSessionName=infra&Version=2011-06-15",
             token: nil, service: "sts", region: "us-east-1"),
        Case(name: "GET with an unsorted, escaped query", method: "GET", authority: "cloudformation.eu-central-1.amazonaws.com", path: "/",
             query: "Version=2010-05-15&Action=DescribeStacks&StackName=a%20b", headers: [], body: "", token: nil,
             service: "cloudformation", region: "eu-central-1"),
    ]

    @Test(arguments: cases)
    func signatureMatchesBotocore(_ example: Case) throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: example.token)
        var headers: HTTPHeaders = ["Host": example.authority]
        for (name, value) in example.headers { headers.set(name: name, value: value) }
        let request = HTTPRequest(method: example.method, authority: example.authority, path: example.path, query: example.query,
                                  headers: headers, body: Array(example.body.utf8))
        let date = Date(timeIntervalSince1970: 1_795_780_800)  // 2026-11-27T12:00:00Z, as the script fixes it
        let ours = SigV4Signer(region: example.region, service: example.service).sign(request, credentials: credentials, date: date)
        let theirs = try botocoreAuthorization(example, credentials: credentials)
        #expect(ours.request.headers["Authorization"] == theirs)
    }

    /// A template upload exactly as ``S3Client`` sends it, against botocore's S3 signer (which signs
    /// `x-amz-content-sha256` and leaves the path as it is).
    @Test func anS3PutObjectMatchesBotocoresS3Signer() async throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "FwoGZXIvYXdzEJr//////////wEaDH+token=")
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200) }
        let environment = testEnvironment(transport: transport, clock: TestClock(Date(timeIntervalSince1970: 1_795_780_800)))
        let body = #"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}"# + "\n"
        try await S3Client(region: "eu-west-1", credentials: StaticCredentialProvider(credentials), environment: environment)
            .putObject(bucket: "infradsl-templates-222222222222-eu-west-1", key: "app/9f86d081.template.json", body: Array(body.utf8), expectedOwner: "222222222222")
        let sent = try #require(transport.requests.first)
        let example = Case(name: "S3 PutObject", method: "PUT", authority: sent.authority, path: sent.path, query: nil,
                           headers: [("Content-Type", "application/json"), ("x-amz-expected-bucket-owner", "222222222222")], body: body,
                           token: credentials.sessionToken, service: "s3", region: "eu-west-1")
        let theirs = try botocoreAuthorization(example, credentials: credentials, s3: true)
        #expect(theirs.contains("x-amz-content-sha256"))
        #expect(sent.headers["Authorization"] == theirs)
    }

    private func botocoreAuthorization(_ example: Case, credentials: AWSCredentials, s3: Bool = false) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let environment = ProcessInfo.processInfo.environment
        let python = environment["INFRA_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestFailure("no Python with botocore at \(python); run scripts/test.sh, which installs the pinned test tools")
        }
        var spec: [String: Any] = [
            "method": example.method, "url": "https://\(example.authority)\(example.path)" + (example.query.map { "?\($0)" } ?? ""),
            "body": example.body, "headers": Dictionary(uniqueKeysWithValues: example.headers + [("Host", example.authority)]),
            "key": credentials.accessKeyID, "secret": credentials.secretAccessKey, "service": example.service, "region": example.region,
        ]
        if let token = credentials.sessionToken { spec["token"] = token }
        if s3 { spec["s3"] = true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [root.appendingPathComponent("Fixtures/botocore_sign.py").path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: spec))
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("botocore signing failed: \(String(decoding: complaint, as: UTF8.self))")
        }
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
