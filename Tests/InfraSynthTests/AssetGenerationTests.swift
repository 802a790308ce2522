import Foundation
import InfraAWSLambda
import InfraCrypto
import InfraSynth
import Testing

/// Lambda code assets through `generate-stacks`: zipped into stacks.out/assets/<sha256>.zip,
/// recorded in the manifest, referenced by the template as the bucket and key, the same bytes on
/// every run; a missing folder and a stack without a bucket are errors at the user's line.
@Suite struct AssetGenerationTests {
    static let bucket = "my-assets-111111111111-eu-west-1"

    /// A package-like folder with a Lambda folder and a single handler file.
    private func package() throws -> String {
        let root = NSTemporaryDirectory() + "infra-assets-\(UUID().uuidString)"
        let files = [
            "lambda/hello/index.py": "def handler(event, context):\n    return 'hello'\n",
            "lambda/hello/lib/util.py": "VALUE = 1\n",
            "lambda/hello/bootstrap": "#!/bin/sh\nexec python3 index.py\n",
            "lambda/single.py": "def handler(event, context):\n    return 'single'\n",
        ]
        for (path, text) in files {
            let full = "\(root)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(root)/lambda/hello/bootstrap")
        return root
    }

    private func app(folder: String = "lambda/hello", bucket: String? = bucket) -> App {
        App {
            Stack("functions", account: "111111111111", region: "eu-west-1", templateBucket: bucket) {
                Lambda.Function("Hello", code: .asset(folder: folder), role: "arn:aws:iam::111111111111:role/lambda", handler: "index.handler", runtime: .python312)
                Lambda.Function("Single", code: .asset(file: "lambda/single.py"), role: "arn:aws:iam::111111111111:role/lambda", handler: "single.handler", runtime: .python312)
            }
        }
    }

    private func run(_ app: App, in directory: String, _ arguments: [String] = ["--output", "stacks.out"]) -> (status: Int32, log: String) {
        var log = ""
        let status = app.run(arguments: arguments, currentDirectory: directory, output: { _ in }, log: { log += $0 })
        return (status, log)
    }

    @Test func foldersAndFilesAreZippedRecordedAndReferenced() throws {
        let root = try package()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = run(app(), in: root)
        #expect(result.status == 0, "\(result.log)")
        #expect(result.log.contains("2 assets and manifest.json"))
        let out = "\(root)/stacks.out"
        let manifest = try Manifest.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(out)/manifest.json"))))
        #expect(manifest.assets.map(\.source) == ["lambda/hello", "lambda/single.py"])
        #expect(manifest.assets.allSatisfy { $0.stacks == ["functions"] })
        let template = try String(contentsOfFile: "\(out)/functions.template.json", encoding: .utf8)
        for asset in manifest.assets {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(asset.file)"))
            #expect(SHA256.hexDigest(Array(bytes)) == asset.sha256)
            #expect(template.contains("\"S3Key\": \"assets/\(asset.sha256).zip\""))
        }
        #expect(template.contains("\"S3Bucket\": \"\(Self.bucket)\""))
        #expect(!template.contains("InfraDSL::Asset"))
        // The folder's archive holds its files relative to it; the single file sits at the root.
        let folderZip = try ZipListing(Data(contentsOf: URL(fileURLWithPath: "\(out)/\(manifest.assets[0].file)")))
        #expect(folderZip.names == ["bootstrap", "index.py", "lib/util.py"])
        // The executable keeps its execute bits (0755); everything else is 0644, whatever the umask made it.
        #expect(folderZip.modes == [0o100755, 0o100644, 0o100644])
        let fileZip = try ZipListing(Data(contentsOf: URL(fileURLWithPath: "\(out)/\(manifest.assets[1].file)")))
        #expect(fileZip.names == ["single.py"])
    }

    @Test func theSameFilesGiveTheSameZipAndTemplateWhateverTheirTimestamps() throws {
        let root = try package()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(run(app(), in: root).status == 0)
        let out = "\(root)/stacks.out"
        let before = try FileManager.default.contentsOfDirectory(atPath: "\(out)/assets").sorted()
        let template = try Data(contentsOf: URL(fileURLWithPath: "\(out)/functions.template.json"))
        // New timestamps on every source file, and a fresh output folder: nothing generated changes.
        for path in ["lambda/hello/index.py", "lambda/hello/lib/util.py", "lambda/hello/bootstrap", "lambda/single.py"] {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 2_000_000_000)], ofItemAtPath: "\(root)/\(path)")
        }
        #expect(run(app(), in: root, ["--output", "again"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/again/assets").sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(root)/again/functions.template.json")) == template)
        #expect(run(app(), in: root, ["--output", "stacks.out", "--check"]).status == 0)
        // A changed file is a new hash, and --check notices.
        try Data("VALUE = 2\n".utf8).write(to: URL(fileURLWithPath: "\(root)/lambda/hello/lib/util.py"))
        let check = run(app(), in: root, ["--output", "stacks.out", "--check"])
        #expect(check.status == 1)
        #expect(check.log.contains("is missing"), "\(check.log)")
        #expect(run(app(), in: root).status == 0)
        let after = try FileManager.default.contentsOfDirectory(atPath: "\(out)/assets").sorted()
        #expect(after.count == 2 && after != before)
    }

    @Test func aMissingFolderIsAnErrorAtTheUsersLine() throws {
        let root = try package()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let line = #line + 1
        let app = App { Stack("functions", account: "111111111111", region: "eu-west-1", templateBucket: Self.bucket) { Lambda.Function("Hello", code: .asset(folder: "lambda/nowhere"), role: "arn:aws:iam::111111111111:role/lambda") } }
        let result = run(app, in: root)
        #expect(result.status == 1)
        #expect(result.log.contains("AssetGenerationTests.swift:\(line): error: asset 'lambda/nowhere' of stack 'functions': folder 'lambda/nowhere' does not exist"), "\(result.log)")
        #expect(!FileManager.default.fileExists(atPath: "\(root)/stacks.out"))
    }

    @Test func aStackWithoutABucketIsAnErrorAtTheAssetsLine() throws {
        let root = try package()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let line = #line + 1
        let app = App { Stack("functions", account: "111111111111", region: "eu-west-1") { Lambda.Function("Hello", code: .asset(folder: "lambda/hello"), role: "arn:aws:iam::111111111111:role/lambda") } }
        let result = run(app, in: root)
        #expect(result.status == 1)
        #expect(result.log.contains("AssetGenerationTests.swift:\(line): error: asset 'lambda/hello' of stack 'functions' is uploaded to the stack's template bucket, but none is named"), "\(result.log)")
    }

    @Test func aFileWhereAFolderIsExpectedIsAnError() throws {
        let root = try package()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = run(app(folder: "lambda/single.py"), in: root)
        #expect(result.status == 1)
        #expect(result.log.contains("'lambda/single.py' is a file, not a folder; use .asset(file:)"), "\(result.log)")
    }
}

/// The names in a ZIP's central directory, read independently of the writer.
private struct ZipListing {
    var names: [String] = []
    /// The Unix modes (file type and permissions) from the external attributes.
    var modes: [Int] = []

    init(_ data: Data) throws {
        let bytes = Array(data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw ListingError() }
        var offset = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard u32(offset) == 0x0201_4B50 else { throw ListingError() }
            let nameLength = u16(offset + 28)
            names.append(String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self))
            modes.append(u32(offset + 38) >> 16)
            offset += 46 + nameLength + u16(offset + 30) + u16(offset + 32)
        }
    }

    struct ListingError: Error {}
}
