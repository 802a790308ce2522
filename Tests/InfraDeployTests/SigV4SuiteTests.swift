import Foundation
import InfraCrypto
@testable import InfraDeploy
import Testing

extension SigV4SuiteCase: CustomTestStringConvertible {}

/// Cases that may fail, each with the reason. Empty on purpose: every case on disk passes.
/// A key must name a discovered case (checked below), so the list cannot go stale silently.
private let exclusions: [String: String] = [:]

@Suite struct SigV4SuiteTests {
    @Test func discoversEveryCaseOfBothSuites() throws {
        let (cases, unrecognised) = try SigV4SuiteCase.discover()
        #expect(unrecognised.isEmpty, "leaf folders in no known layout: \(unrecognised)")
        let classic = cases.filter { $0.id.hasPrefix("aws-sig-v4-test-suite/") }
        let crt = cases.filter { $0.id.hasPrefix("aws-c-auth-v4/") }
        #expect(classic.count > 0)
        #expect(crt.count > 0)
        // The counts SOURCE.md documents; a lost folder shows up here before it hides in a loop.
        #expect(classic.count >= 31, "classic cases found: \(classic.count)")
        #expect(crt.count >= 38, "aws-c-auth cases found: \(crt.count)")
        let ids = Set(cases.map(\.id))
        for excluded in exclusions.keys { #expect(ids.contains(excluded), "exclusion names no case: \(excluded)") }
    }

    @Test(arguments: SigV4SuiteCase.all())
    func suiteCase(_ suiteCase: SigV4SuiteCase) throws {
        if let reason = exclusions[suiteCase.id] {
            withKnownIssue(Comment(rawValue: reason)) { try check(suiteCase) }
        } else {
            try check(suiteCase)
        }
    }

    private func check(_ suiteCase: SigV4SuiteCase) throws {
        switch suiteCase.layout {
        case .classic: try checkClassic(suiteCase)
        case .crt: try checkCRT(suiteCase)
        }
    }

    // MARK: classic suite (.req / .creq / .sts / .authz / .sreq)

    private func checkClassic(_ suiteCase: SigV4SuiteCase) throws {
        let name = suiteCase.directory.lastPathComponent
        let raw = try suiteCase.file("\(name).req")
        let parsed = try ParsedRequest.parse(raw, folding: .separateValues)
        guard let dateText = parsed.request.headers["X-Amz-Date"], let date = Timestamp.parse(dateText) else {
            throw ReferenceError(description: "\(suiteCase.id): no X-Amz-Date in the request")
        }
        // The token is signed when the request already carries it ("before"); otherwise the suite's
        // readme documents the token that is added unsigned after signing ("after").
        var token = parsed.request.headers["X-Amz-Security-Token"]
        var options = SigV4Options()
        let readmeURL = suiteCase.directory.deletingLastPathComponent().appendingPathComponent("readme.txt")
        if token == nil, FileManager.default.fileExists(atPath: readmeURL.path), case let readme = try Reference.text(readmeURL),
           readme.contains("X-Amz-Security-Token") {
            // The readme has CRLF endings; its last line is the token.
            token = readme.split(whereSeparator: \.isNewline).last.map(String.init)
            options.signsSessionToken = false
        }
        let credentials = AWSCredentials(accessKeyID: SuiteConstants.accessKeyID, secretAccessKey: SuiteConstants.secretAccessKey, sessionToken: token)
        let signer = SigV4Signer(region: SuiteConstants.region, service: SuiteConstants.service, options: options)
        let signed = signer.sign(parsed.request, credentials: credentials, date: date)

        #expect(signed.canonicalRequest == (try suiteCase.file("\(name).creq")), "\(suiteCase.id): canonical request")
        #expect(signed.stringToSign == (try suiteCase.file("\(name).sts")), "\(suiteCase.id): string to sign")
        #expect(signed.request.headers["Authorization"] == (try suiteCase.file("\(name).authz")), "\(suiteCase.id): authorization")

        // The signer must leave the original headers where they were; the classic .sreq then is the
        // original header text plus the added lines (its Authorization line alone has ": ").
        let original = parsed.request.headers.fields
        #expect(Array(signed.request.headers.fields.prefix(original.count)) == original, "\(suiteCase.id): original headers changed")
        let addedLines = signed.request.headers.fields.dropFirst(original.count).map { field in
            field.name == "Authorization" ? "\(field.name): \(field.value)" : "\(field.name):\(field.value)"
        }
        var rendered = ([parsed.head] + addedLines).joined(separator: "\n")
        if parsed.hasBodySection { rendered += "\n\n" + String(decoding: parsed.request.body, as: UTF8.self) }
        #expect(rendered == (try suiteCase.file("\(name).sreq")), "\(suiteCase.id): signed request")
    }

    // MARK: aws-c-auth suite (context.json, header-*.txt, query-*.txt)

    private struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let expiration_in_seconds: Int
        let normalize: Bool
        let region: String
        let service: String
        let sign_body: Bool
        let timestamp: String
        let omit_session_token: Bool?
    }

    private func checkCRT(_ suiteCase: SigV4SuiteCase) throws {
        let context = try JSONDecoder().decode(Context.self, from: Data((try suiteCase.file("context.json")).utf8))
        guard let date = Timestamp.parse(context.timestamp) else { throw ReferenceError(description: "\(suiteCase.id): bad timestamp") }
        let parsed = try ParsedRequest.parse(try suiteCase.file("request.txt"), folding: .obsFold)
        let credentials = AWSCredentials(accessKeyID: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token)
        var options = SigV4Options(normalizesPath: context.normalize, signsSessionToken: !(context.omit_session_token ?? false))

        options.addsContentSHA256Header = context.sign_body
        let headerSigned = SigV4Signer(region: context.region, service: context.service, options: options)
            .sign(parsed.request, credentials: credentials, date: date)
        #expect(headerSigned.canonicalRequest == (try suiteCase.file("header-canonical-request.txt")), "\(suiteCase.id): header canonical request")
        #expect(headerSigned.stringToSign == (try suiteCase.file("header-string-to-sign.txt")), "\(suiteCase.id): header string to sign")
        #expect(headerSigned.signature == (try suiteCase.file("header-signature.txt")), "\(suiteCase.id): header signature")
        #expect(render(headerSigned.request) == (try suiteCase.file("header-signed-request.txt")), "\(suiteCase.id): header signed request")

        // Presigned URLs never carry x-amz-content-sha256 in these vectors.
        options.addsContentSHA256Header = false
        let querySigned = SigV4Signer(region: context.region, service: context.service, options: options)
            .presign(parsed.request, credentials: credentials, date: date, expires: context.expiration_in_seconds)
        #expect(querySigned.canonicalRequest == (try suiteCase.file("query-canonical-request.txt")), "\(suiteCase.id): query canonical request")
        #expect(querySigned.stringToSign == (try suiteCase.file("query-string-to-sign.txt")), "\(suiteCase.id): query string to sign")
        #expect(querySigned.signature == (try suiteCase.file("query-signature.txt")), "\(suiteCase.id): query signature")
        #expect(render(querySigned.request) == (try suiteCase.file("query-signed-request.txt")), "\(suiteCase.id): query signed request")
    }

    /// aws-c-auth's layout: request line, `Name:value` lines, a blank line, the body.
    private func render(_ request: HTTPRequest) -> String {
        var text = "\(request.method) \(request.path)\(request.query.map { "?\($0)" } ?? "") HTTP/1.1\n"
        for field in request.headers { text += "\(field.name):\(field.value)\n" }
        return text + "\n" + String(decoding: request.body, as: UTF8.self)
    }
}

@Suite struct SigningKeyVectorTests {
    private struct File: Decodable {
        struct Vector: Decodable {
            let name: String
            let secret: String
            let date: String
            let region: String
            let service: String
            let expected_signing_key_hex: String
        }
        let sigv4_signing_key: Vector
    }

    @Test func derivesThePublishedSigningKey() throws {
        let data = try Data(contentsOf: Reference.root.appendingPathComponent("crypto-vectors.json"))
        let vector = try JSONDecoder().decode(File.self, from: data).sigv4_signing_key
        let key = SigV4SigningKey.derive(secretAccessKey: vector.secret, dateStamp: vector.date, region: vector.region, service: vector.service)
        #expect(hex(key) == vector.expected_signing_key_hex, "\(vector.name)")
    }
}
