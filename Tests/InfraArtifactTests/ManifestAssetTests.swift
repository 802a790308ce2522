import Testing
@testable import InfraArtifact

/// Assets in the manifest: version 2 only when there are some, read back unchanged, refused when a
/// rollout could not upload them.
@Suite struct ManifestAssetTests {
    static let hash = String(repeating: "c", count: 64)
    static let withAssets: Manifest = {
        var manifest = ManifestTests.example
        manifest.assets = [Manifest.Asset(sha256: hash, source: "lambda/hello", stacks: ["app"])]
        return manifest
    }()

    @Test func assetsReadBackTheSameAsVersion2() throws {
        let text = JSONWriter.write(Self.withAssets.json)
        #expect(text.hasPrefix("{\n  \"version\": 2,"))
        #expect(JSONWriter.compact(Self.withAssets.json).hasSuffix(
            #""assets":[{"sha256":"\#(Self.hash)","file":"assets/\#(Self.hash).zip","key":"assets/\#(Self.hash).zip","source":"lambda/hello","stacks":["app"]}]}"#))
        let read = try Manifest.parse(Array(text.utf8))
        #expect(read == Self.withAssets)
        #expect(read.assets(of: "app").map(\.sha256) == [Self.hash])
        #expect(read.assets(of: "network").isEmpty)
    }

    @Test func withoutAssetsTheManifestStaysVersion1() {
        let text = JSONWriter.compact(ManifestTests.example.json)
        #expect(text.hasPrefix(#"{"version":1,"#))
        #expect(!text.contains("assets"))
    }

    private func error(_ manifest: Manifest) -> String {
        do {
            _ = try Manifest.parse(Array(JSONWriter.write(manifest.json).utf8), file: "m.json")
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func assetsARolloutCouldNotUploadAreRefused() {
        var noBucket = Self.withAssets
        noBucket.assets[0].stacks = ["network"]
        #expect(error(noBucket).contains("stack 'network'") && error(noBucket).contains("uses the asset 'lambda/hello' but has no templateBucket"))
        var unknown = Self.withAssets
        unknown.assets[0].stacks = ["nowhere"]
        #expect(error(unknown).contains("names the stack 'nowhere', which is not in the manifest"))
        var escaping = Self.withAssets
        escaping.assets[0].file = "../x.zip"
        #expect(error(escaping).contains("must be a plain file name inside assets/"))
        var badHash = Self.withAssets
        badHash.assets[0].sha256 = "xyz"
        #expect(error(badHash).contains("is not 64 lowercase hex digits"))
        var twice = Self.withAssets
        twice.assets.append(twice.assets[0])
        #expect(error(twice).contains("is listed twice"))
    }

    @Test func version1RefusesAssets() throws {
        let text = JSONWriter.write(Self.withAssets.json).replacing("\"version\": 2", with: "\"version\": 1")
        do {
            _ = try Manifest.parse(Array(text.utf8), file: "m.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("has \"assets\", which version 1 does not have"))
        }
    }
}
