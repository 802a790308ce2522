import Testing
@testable import InfraDSL

/// A stack whose template is about `bytes` long: one topic with a long display name.
private func sizedStack(
    _ name: String = "big", account: String = "111111111111", region: String = "eu-west-1", bytes: Int, templateBucket: String? = nil,
    file: String = #filePath, line: Int = #line
) -> Stack {
    Stack(name, account: account, region: region, templateBucket: templateBucket, file: file, line: line) {
        RawResource("T", type: "AWS::SNS::Topic", properties: ["DisplayName": .string(String(repeating: "x", count: bytes))])
    }
}

private func errors(_ synthesis: Synthesis) -> [Diagnostic] { synthesis.diagnostics.filter { $0.severity == .error } }

@Suite struct TemplateBucketTests {
    @Test func aTemplateOver51200BytesWithoutABucketIsAnErrorNamingTheOption() throws {
        let line = #line; let stack = sizedStack(bytes: 52_000)
        let found = errors(App { stack }.synthesize())
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.line == line)
        #expect(error.message.contains("at most 51200 bytes in a request body"))
        #expect(error.message.contains("App(templateBucket:"))
    }

    @Test func theLimitCountsTheCompactJSONInfraSendsNotTheIndentedFile() throws {
        // 6,000 short strings: each takes a line of its own in the indented file, four bytes compact.
        let stack = Stack("indented", account: "111111111111", region: "eu-west-1") {
            RawResource("Thing", type: "Custom::Thing", properties: [
                "ServiceToken": "arn:aws:lambda:eu-west-1:111111111111:function:f",
                "Items": .list(Array(repeating: "a", count: 6_000)),
            ])
        }
        let synthesis = App { stack }.synthesize()
        #expect(synthesis.stacks[0].bytes > 51_200)
        #expect(errors(synthesis).isEmpty, "\(synthesis.diagnostics)")
    }

    @Test func withABucketTheLimitIsOneMillionBytes() throws {
        let fits = App(templateBucket: "templates-{account}-{region}") { sizedStack(bytes: 900_000) }.synthesize()
        #expect(errors(fits).isEmpty, "\(fits.diagnostics)")
        #expect(fits.stacks[0].bytes > 51_200)

        let line = #line; let tooLarge = sizedStack(bytes: 1_000_001, templateBucket: "templates")
        let found = errors(App { tooLarge }.synthesize())
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.line == line)
        #expect(error.message.contains("at most 1000000 bytes even through S3 (bucket 'templates') — split the stack"))
    }

    @Test func placeholdersAreExpandedPerStackAndAStacksOwnBucketWins() {
        let app = App(templateBucket: "infradsl-templates-{account}-{region}") {
            sizedStack("a", account: "111111111111", region: "eu-west-1", bytes: 10)
            sizedStack("b", account: "222222222222", region: "us-east-1", bytes: 10)
            sizedStack("c", account: "333333333333", bytes: 10, templateBucket: "own-{region}-bucket")
        }
        let synthesis = app.synthesize()
        #expect(errors(synthesis).isEmpty)
        #expect(synthesis.manifest.stacks.map(\.templateBucket) == [
            "infradsl-templates-111111111111-eu-west-1", "infradsl-templates-222222222222-us-east-1", "own-eu-west-1-bucket",
        ])
        let json = JSONWriter.compact(synthesis.manifest.json)
        #expect(json.contains(#""templateSHA256":"\#(synthesis.manifest.stacks[1].templateSHA256)","templateBucket":"infradsl-templates-222222222222-us-east-1","dependencies":[]"#))
    }

    @Test func theManifestLeavesTheFieldOutWhenNoBucketIsNamed() {
        let json = JSONWriter.write(App { sizedStack(bytes: 10) }.synthesize().manifest.json)
        #expect(!json.contains("templateBucket"))
        #expect(JSONWriter.write(App(templateBucket: "t-{account}") { sizedStack(bytes: 10) }.synthesize().manifest.json).contains(#""templateBucket": "t-111111111111""#))
    }

    @Test func aBadBucketNameOnAStackIsAnErrorAtTheStacksLine() throws {
        let line = #line; let stack = sizedStack(bytes: 10, templateBucket: "Infra_Templates")
        let found = errors(App { stack }.synthesize())
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.line == line)
        #expect(error.message == "template bucket 'Infra_Templates' of stack 'big' is not a valid S3 bucket name: 'I' is not allowed; use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit")
    }

    @Test func aBadAppBucketIsReportedOnceAtTheAppsLineWithTheStackAsANote() throws {
        let stackLine = #line; let stack = sizedStack(bytes: 10)
        let appLine = #line; let app = App(templateBucket: "a-very-long-template-bucket-name-for-account-{account}-in-{region}") { stack }
        let found = errors(app.synthesize())
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.line == appLine)
        #expect(error.message.hasPrefix("template bucket 'a-very-long-template-bucket-name-for-account-111111111111-in-eu-west-1' of stack 'big' is not a valid S3 bucket name: it has 70 characters;"))
        #expect(error.notes.map(\.location.line) == [stackLine])
    }

    @Test func oneBrokenAppBucketForManyAccountsIsOneErrorButAStacksOwnIsItsOwn() {
        let ownLine = #line; let own = sizedStack("c", account: "333333333333", bytes: 10, templateBucket: "Own")
        let appLine = #line; let app = App(templateBucket: "Templates-{account}") {
            sizedStack("a", account: "111111111111", bytes: 10)
            sizedStack("b", account: "222222222222", bytes: 10)
            own
        }
        let found = errors(app.synthesize())
        #expect(found.map(\.location.line) == [appLine, ownLine])
        #expect(found.first?.message.contains("'Templates-111111111111' of stack 'a'") == true)
    }

    @Test func anUnknownPlaceholderIsNamed() throws {
        let error = try #require(errors(App(templateBucket: "templates-{acount}-{region}") { sizedStack(bytes: 10) }.synthesize()).first)
        #expect(error.message.contains("'{acount}' is not a placeholder (use {account} and {region})"))
    }
}
