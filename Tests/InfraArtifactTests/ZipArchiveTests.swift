import Foundation
import InfraCrypto
import Testing
@testable import InfraArtifact

/// The deterministic ZIP writer: same files, same bytes, whatever order they come in; readable by
/// Python's zipfile (the reference reader here) with the names, modes, dates and contents written.
@Suite struct ZipArchiveTests {
    static let entries = [
        ZipArchive.Entry(path: "lib/util.py", bytes: Array("def helper():\n    return 1\n".utf8)),
        ZipArchive.Entry(path: "bootstrap", bytes: Array("#!/bin/sh\necho hi\n".utf8), isExecutable: true),
        ZipArchive.Entry(path: "index.py", bytes: Array("def handler(event, context):\n    return 'ok'\n".utf8)),
        ZipArchive.Entry(path: "empty.txt", bytes: []),
        ZipArchive.Entry(path: "données/é.txt", bytes: [0, 1, 2, 255]),
    ]

    @Test func theSameFilesGiveTheSameBytesInAnyOrder() throws {
        let first = try ZipArchive.archive(Self.entries)
        #expect(try ZipArchive.archive(Self.entries) == first)
        #expect(try ZipArchive.archive(Self.entries.reversed()) == first)
        #expect(try ZipArchive.archive(Self.entries.shuffled()) == first)
        var changed = Self.entries
        changed[0].bytes.append(0x0A)
        #expect(try ZipArchive.archive(changed) != first)
        var executable = Self.entries
        executable[2].isExecutable = true
        #expect(try ZipArchive.archive(executable) != first)
    }

    @Test func theLayoutIsFixed() throws {
        let bytes = try ZipArchive.archive([ZipArchive.Entry(path: "a", bytes: Array("hi".utf8))])
        // Local header, "a", "hi", central header, "a", end record: 30 + 1 + 2 + 46 + 1 + 22.
        #expect(bytes.count == 102)
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(Array(bytes[10..<14]) == [0, 0, 0x21, 0])  // 00:00, 1980-01-01
        let crc = CRC32.checksum(Array("hi".utf8))
        #expect(Array(bytes[14..<18]) == (0..<4).map { UInt8(truncatingIfNeeded: crc >> ($0 * 8)) })
        #expect(SHA256.hexDigest(bytes) == SHA256.hexDigest(try ZipArchive.archive([ZipArchive.Entry(path: "a", bytes: Array("hi".utf8))])))
    }

    @Test(arguments: ["", "/abs", "a//b", "./a", "a/../b", "a/"])
    func pathsThatCannotNameAnEntryAreRefused(path: String) {
        #expect(throws: ZipArchive.Failure.invalidPath(path)) { try ZipArchive.archive([ZipArchive.Entry(path: path, bytes: [])]) }
    }

    @Test func aPathTwiceIsRefused() {
        #expect(throws: ZipArchive.Failure.invalidPath("a")) {
            try ZipArchive.archive([ZipArchive.Entry(path: "a", bytes: []), ZipArchive.Entry(path: "a", bytes: [1])])
        }
    }

    @Test func pythonsZipfileReadsTheArchive() throws {
        let python = try Self.python()
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("infra-zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: archive) }
        try Data(try ZipArchive.archive(Self.entries)).write(to: archive)
        let script = """
            import sys, zipfile, hashlib
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                for i in z.infolist():
                    data = z.read(i)
                    print(i.filename, oct(i.external_attr >> 16), i.date_time, i.compress_type, len(data), hashlib.sha256(data).hexdigest())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, archive.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = Self.entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }.map {
            "\($0.path) \($0.isExecutable ? "0o100755" : "0o100644") (1980, 1, 1, 0, 0, 0) 0 \($0.bytes.count) \(SHA256.hexDigest($0.bytes))"
        }
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    /// `INFRA_PYTHON` (scripts/test.sh sets it to .venv's), else the repository's `.venv`, else `python3` on the PATH.
    static func python() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["INFRA_PYTHON"], !configured.isEmpty { return configured }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw PythonMissing()
    }

    struct PythonMissing: Error, CustomStringConvertible {
        var description: String { "no Python found (INFRA_PYTHON, .venv/bin/python or python3 on the PATH); run scripts/setup-test-tools.sh" }
    }
}
