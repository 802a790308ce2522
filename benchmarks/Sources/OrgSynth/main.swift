import Foundation
import InfraDSL

// OrgSynth ACCOUNTS OUTPUT-DIR [--rename-only]
//
// Synthesizes the organisation of issue 6 for ACCOUNTS target accounts and writes every template
// and manifest.json into OUTPUT-DIR, as `generate-stacks` does: evaluate, validate, lint, render,
// hash, write each file atomically (`Data.write(options: .atomic)`; Foundation's `Data.write`
// fsyncs every file, atomic or not). With `--rename-only` each file is written with POSIX
// open/write/close under a temporary name and renamed over the old one, without fsync: still never
// half a file after an interrupted run, which is what the README promises. Prints "files bytes"
// on stdout for the harness.
//
// One validation error is tolerated, and only that one: a template above the 51,200-byte
// inline-body quota. From 22 accounts the Jenkins templates exceed it; CloudFormation takes
// them through an S3 TemplateURL (up to 1 MB), which InfraDSL cannot declare yet, so
// `generate-stacks` would stop there. The work measured is the same either way.

/// Writes `data` to `path` with open/write/close: no fsync.
func writeWithoutSync(_ data: Data, to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { fail("cannot create \(path): errno \(errno)") }
    defer { close(descriptor) }
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            guard written > 0 else { fail("cannot write \(path): errno \(errno)") }
            offset += written
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("OrgSynth: error: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let renameOnly = arguments.last == "--rename-only"
if renameOnly { arguments.removeLast() }
guard arguments.count == 2, let accounts = Int(arguments[0]), accounts >= 1 else {
    fail("usage: OrgSynth ACCOUNTS OUTPUT-DIR [--rename-only] (ACCOUNTS ≥ 1)")
}
let output = URL(fileURLWithPath: arguments[1], isDirectory: true)

let synthesis = Organisation.app(accounts: accounts).synthesize()
var log = ""
var unexpected = 0
for diagnostic in synthesis.diagnostics {
    log += diagnostic.formatted(relativeTo: FileManager.default.currentDirectoryPath) + "\n"
    if diagnostic.severity == .error && !diagnostic.message.contains("bytes in a request body") {
        unexpected += 1
    }
}
FileHandle.standardError.write(Data(log.utf8))
if unexpected > 0 {
    fail("synthesis failed with \(unexpected) unexpected error(s)")
}

var bytes = 0
do {
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    for file in synthesis.files {
        let data = Data(file.contents.utf8)
        let target = output.appendingPathComponent(file.name)
        if renameOnly {
            let temporary = output.appendingPathComponent(".\(file.name).partial").path
            writeWithoutSync(data, to: temporary)
            guard rename(temporary, target.path) == 0 else {
                fail("cannot rename \(temporary) to \(target.path): errno \(errno)")
            }
        } else {
            try data.write(to: target, options: .atomic)
        }
        bytes += data.count
    }
} catch {
    fail("cannot write to \(output.path): \(error.localizedDescription)")
}
print("\(synthesis.files.count) \(bytes)")
