import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder: writes generated files atomically and compares them with what is on disk.
struct OutputFolder {
    let url: URL
    let displayPath: String

    init(path: String, currentDirectory: String) {
        displayPath = path
        url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path, isDirectory: true)
            : URL(fileURLWithPath: currentDirectory, isDirectory: true).appendingPathComponent(path, isDirectory: true)
    }

    /// A file that could not be written, with the reason the system gave.
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes every file. Each replaces its old version atomically, so an interrupted run leaves
    /// either the old or the new file, never half of one.
    func write(_ files: [(name: String, contents: String)]) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create the output folder \(displayPath): \(error.localizedDescription)")
        }
        // Foundation's URL and directory calls cost more than the write itself for a thousand
        // small files: join plain paths, and create each subfolder once, before the files.
        let root = url.path
        var folders: Set<String> = [""]
        for file in files {
            let folder = file.name.split(separator: "/").dropLast().joined(separator: "/")
            guard folders.insert(folder).inserted else { continue }
            do {
                try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
            } catch {
                throw WriteError(description: "cannot write \(displayPath)/\(file.name): \(error.localizedDescription)")
            }
        }
        // Every file but the last is written on all cores, and the first failure in file order is
        // reported. The last file, the manifest, is written only once all others are, so a folder
        // never holds a manifest naming templates that failed to write.
        @Sendable func replace(_ file: (name: String, contents: String)) -> WriteError? {
            do {
                var contents = file.contents
                try contents.withUTF8 { try Self.replace("\(root)/\(file.name)", with: UnsafeRawBufferPointer($0)) }
                return nil
            } catch {
                return WriteError(description: "cannot write \(displayPath)/\(file.name): \(error.localizedDescription)")
            }
        }
        let failures = Array(files.dropLast()).concurrentMap(replace)
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        if let last = files.last, let failure = replace(last) { throw failure }
    }

    /// Writes a temporary file beside `path`, then renames it over `path`: readers see the old
    /// file or the new one, never half of one. Foundation's `Data.write` on Linux also fsyncs each
    /// file, which made writing a thousand templates several times slower than rendering them;
    /// generated files can always be generated again, so the rename's atomicity is enough.
    private static func replace(_ path: String, with bytes: UnsafeRawBufferPointer) throws {
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let result = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
            guard result > 0 else {
                let failure = POSIXFailure(operation: "write \(temporary)")
                close(descriptor)
                unlink(temporary)
                throw failure
            }
            written += result
        }
        guard close(descriptor) == 0 else {
            let failure = POSIXFailure(operation: "close \(temporary)")
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let failure = POSIXFailure(operation: "rename \(temporary) to \(path)")
            unlink(temporary)
            throw failure
        }
    }

    /// A failed system call, with the system's reason.
    private struct POSIXFailure: Error, LocalizedError {
        let operation: String
        let code = errno
        var errorDescription: String? { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// One line per file that is missing or differs, and, when `includingStale`, per template on
    /// disk that no stack generates any more.
    func differences(from files: [(name: String, contents: String)], includingStale: Bool) -> [String] {
        var found: [String] = []
        for file in files {
            let path = url.appendingPathComponent(file.name).path
            guard let existing = FileManager.default.contents(atPath: path) else {
                found.append("\(displayPath)/\(file.name) is missing")
                continue
            }
            if existing != Data(file.contents.utf8) {
                found.append("\(displayPath)/\(file.name) differs from what the Swift code generates")
            }
        }
        if includingStale {
            for name in staleTemplates(keeping: files.map(\.name)) {
                found.append("\(displayPath)/\(name) is not generated by any stack; delete it")
            }
        }
        return found
    }

    /// Deletes the templates no stack generates any more, so the folder never offers the deployer
    /// a stack that was removed from the code; returns their names.
    func removeStaleTemplates(keeping names: [String]) throws -> [String] {
        let stale = staleTemplates(keeping: names)
        for name in stale {
            do {
                try FileManager.default.removeItem(at: url.appendingPathComponent(name))
            } catch {
                throw WriteError(description: "cannot remove the stale template \(displayPath)/\(name): \(error.localizedDescription)")
            }
        }
        return stale
    }

    private func staleTemplates(keeping names: [String]) -> [String] {
        // A folder that does not exist holds no stale templates; missing files are reported on their own.
        let present = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let kept = Set(names)
        return present.filter { $0.hasSuffix(".template.json") && !kept.contains($0) }.sorted()
    }
}

/// `write(2)`, named apart from `OutputFolder.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
