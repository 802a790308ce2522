import Foundation
import InfraCrypto
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

/// Loading an artifact folder checks each asset's ZIP against its SHA-256, before anything deploys.
@Suite struct ArtifactFolderAssetTests {
    private func folder(zip: [UInt8], writing written: [UInt8]?) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("infra-assets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: "\(path)/assets", withIntermediateDirectories: true)
        let template = Array("{\"Resources\": {}}\n".utf8)
        try Data(template).write(to: URL(fileURLWithPath: "\(path)/app.template.json"))
        let asset = Manifest.Asset(sha256: SHA256.hexDigest(zip), source: "lambda/hello", stacks: ["app"])
        let manifest = Manifest(stages: [], stacks: [
            Manifest.Stack(name: "app", account: "111111111111", region: "eu-west-1", templateFile: "app.template.json",
                           templateSHA256: SHA256.hexDigest(template), templateBucket: "assets-111111111111"),
        ], assets: [asset])
        try Data(JSONWriter.write(manifest.json).utf8).write(to: URL(fileURLWithPath: "\(path)/manifest.json"))
        if let written { try Data(written).write(to: URL(fileURLWithPath: "\(path)/\(asset.file)")) }
        return path
    }

    @Test func anIntactAssetLoadsAndReadsBack() throws {
        let zip = try ZipArchive.archive([ZipArchive.Entry(path: "index.py", bytes: Array("x = 1\n".utf8))])
        let path = try folder(zip: zip, writing: zip)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try ArtifactFolder.load(path: path)
        #expect(try loaded.assetBytes(loaded.manifest.assets[0]) == zip)
    }

    @Test(arguments: [true, false])
    func aChangedOrMissingAssetIsRefused(present: Bool) throws {
        let zip = try ZipArchive.archive([ZipArchive.Entry(path: "index.py", bytes: Array("x = 1\n".utf8))])
        let path = try folder(zip: zip, writing: present ? zip + [0] : nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ArtifactFolder.load(path: path)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains(present ? "does not match the manifest's \(SHA256.hexDigest(zip)) for asset 'lambda/hello'" : "asset 'lambda/hello' (used by app) is missing"), "\(error)")
        }
    }
}
