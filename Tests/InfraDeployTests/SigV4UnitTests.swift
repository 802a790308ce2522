import Foundation
@testable import InfraDeploy
import Testing

@Suite struct SigV4UnitTests {
    private let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "TOKEN-SECRET-123")
    private let date = Date(timeIntervalSince1970: 1_440_938_160) // 2015-08-30T12:36:00Z

    @Test func formatsAndParsesTimestamps() {
        #expect(Timestamp.amzDate(date) == "20150830T123600Z")
        #expect(Timestamp.dateStamp(date) == "20150830")
        #expect(Timestamp.iso8601(date) == "2015-08-30T12:36:00Z")
        #expect(Timestamp.parse("2015-08-30T12:36:00Z") == date)
        #expect(Timestamp.parse("20150830T123600Z") == date)
        #expect(Timestamp.parse("2015-08-30T14:36:00+02:00") == date)
        #expect(Timestamp.parse("2015-08-30T12:36:00.500Z") == date.addingTimeInterval(0.5))
        #expect(Timestamp.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
        #expect(Timestamp.parse("2015-08-30 12:36:00") == nil)
        #expect(Timestamp.parse("2015-13-30T12:36:00Z") == nil)
        #expect(Timestamp.parse("") == nil)
    }

    @Test(arguments: [
        ("/", "/"), ("", "/"), ("//", "/"), ("/./", "/"), ("/example/..", "/"), ("/a/b/../c", "/a/c"),
        ("//example//", "/example/"), ("/a/./b/.", "/a/b/"), ("/../a", "/a"), ("/a/b/..", "/a/"),
    ])
    func normalizesPaths(input: String, expected: String) {
        #expect(SigV4Encoding.normalizedPath(input) == expected)
    }

    @Test func encodesWirePathsAgainForNonS3AndOnceForS3() {
        let nonS3 = SigV4Signer(region: "us-east-1", service: "cloudformation")
        #expect(nonS3.canonicalURI("/a%20b/c") == "/a%2520b/c")
        let s3 = SigV4Signer(region: "us-east-1", service: "s3", options: SigV4Options(normalizesPath: false, doubleEncodesPath: false))
        #expect(s3.canonicalURI("/a%20b//c") == "/a%20b//c")
    }

    @Test func canonicalQuerySortsByNameThenValueAndEncodesStrictly() {
        #expect(SigV4Encoding.canonicalQuery("b=2&a=2&a=1&c") == "a=1&a=2&b=2&c=")
        #expect(SigV4Encoding.canonicalQuery("Param-3=x&Param=y") == "Param=y&Param-3=x")
        // A literal `+` is not a space in SigV4; it is encoded like any other reserved byte.
        #expect(SigV4Encoding.canonicalQuery("a=b+c&d=%7e") == "a=b%2Bc&d=~")
        #expect(SigV4Encoding.canonicalQuery("bad=%zz") == "bad=%25zz")
        #expect(SigV4Encoding.canonicalQuery(nil) == "")
    }

    @Test func headerValuesAreTrimmedAndCollapsed() {
        #expect(SigV4Encoding.canonicalHeaderValue("  a \t b\r\n  c  ") == "a b c")
        #expect(SigV4Encoding.canonicalHeaderValue("") == "")
    }

    @Test func signingIsDeterministicAndDependsOnTheBody() {
        let signer = SigV4Signer(region: "eu-west-1", service: "sts")
        let request = HTTPRequest(method: "POST", authority: "sts.eu-west-1.amazonaws.com", headers: ["Host": "sts.eu-west-1.amazonaws.com"], body: Array("Action=GetCallerIdentity".utf8))
        let first = signer.sign(request, credentials: credentials, date: date)
        #expect(first.signature == signer.sign(request, credentials: credentials, date: date).signature)
        var other = request
        other.body = Array("Action=AssumeRole".utf8)
        #expect(first.signature != signer.sign(other, credentials: credentials, date: date).signature)
        #expect(first.request.headers["X-Amz-Security-Token"] == "TOKEN-SECRET-123")
        #expect(first.request.headers["Authorization"]?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
    }

    @Test func resigningWithLongTermKeysDropsAStaleToken() {
        let signer = SigV4Signer(region: "eu-west-1", service: "sts")
        let request = HTTPRequest(method: "GET", authority: "example.com", headers: ["Host": "example.com"])
        let withToken = signer.sign(request, credentials: credentials, date: date).request
        let resigned = signer.sign(withToken, credentials: AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "s"), date: date)
        #expect(resigned.request.headers["X-Amz-Security-Token"] == nil)
        #expect(resigned.request.headers.fields.filter { $0.name == "Authorization" }.count == 1)
        #expect(!resigned.canonicalRequest.contains("authorization:"))
        #expect(!resigned.canonicalRequest.contains("x-amz-security-token"))
    }

    @Test func printedRequestsAndCredentialsNeverShowSecrets() {
        let signer = SigV4Signer(region: "eu-west-1", service: "sts")
        let request = HTTPRequest(method: "GET", authority: "example.com", headers: ["Host": "example.com"])
        let signed = signer.sign(request, credentials: credentials, date: date)
        let presigned = signer.presign(request, credentials: credentials, date: date, expires: 60)
        var dumped = ""
        dump(signed, to: &dumped)
        dump(presigned, to: &dumped)
        dump(credentials, to: &dumped)
        let texts = [
            "\(signed)", String(reflecting: signed), "\(signed.request)", "\(presigned)", "\(presigned.request)",
            "\(credentials)", String(reflecting: credentials), "\(signed.request.headers)", dumped,
        ]
        for text in texts {
            #expect(!text.contains(credentials.secretAccessKey), "secret in: \(text)")
            #expect(!text.contains("TOKEN-SECRET-123"), "token in: \(text)")
            #expect(!text.contains(signed.signature), "signature in: \(text)")
            #expect(!text.contains(presigned.signature), "presigned signature in: \(text)")
        }
        #expect("\(credentials)".contains("AKIDEXAMPLE"))
    }
}
