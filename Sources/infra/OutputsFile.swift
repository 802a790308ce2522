import Foundation
import InfraDeploy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outputs JSON of `infra outputs` and `deploy --outputs-file`, and its atomic writing.
enum OutputsFile {
    /// `{"stack": {"OutputKey": "value"}}`, keys sorted, as CDK's `--outputs-file` writes it.
    static func json(_ published: PublishedOutputs) -> String {
        Reports.encode(.object(published.stacks.keys.sorted().map { name in
            let values = published.stacks[name] ?? [:]
            return JSONValue.Member(name, .object(values.keys.sorted().map { JSONValue.Member($0, .string(values[$0]!)) }))
        }))
    }

    /// Names, on standard error, the outputs left out and the stacks not deployed (never a value).
    static func note(_ published: PublishedOutputs, console: any Console) {
        for withheld in published.withheld {
            console.log("outputs: left out \(withheld.key) of stack \(withheld.stack): \(withheld.reason)\n")
        }
        for name in published.notDeployed { console.log("outputs: stack \(name) is not deployed; it has no outputs\n") }
    }

    /// Writes `text` to a temporary file beside `path` and renames it over `path`, so a reader sees
    /// the old file or the whole new one, never a part.
    static func write(_ text: String, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputsFileError(message: "rename to \(path) failed: \(reason)")
        }
    }
}

/// Writing the outputs file failed.
struct OutputsFileError: Error, CustomStringConvertible {
    /// What failed.
    let message: String
    var description: String { message }
}
