import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads small text files (config, credentials, token files): the file-system seam.
public protocol FileReading: Sendable {
    /// The file's UTF-8 text, or `nil` when no file exists at `path`; throws when it exists but cannot be read.
    func text(atPath path: String) throws -> String?
}

/// Reads from the local disk.
public struct LocalFiles: FileReading {
    /// The local file system.
    public init() {}

    /// Reads `path`; a missing file is `nil`, other failures (permissions, a directory) throw.
    ///
    /// Plain `open`/`read` rather than `Data(contentsOf:)`, which refuses character devices: the
    /// AWS CLI reads `AWS_CONFIG_FILE=/dev/null` as an empty file, and so must `infra`.
    public func text(atPath path: String) throws -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw FileReadError(path: path, code: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, code: errno)
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A file that exists but could not be read, with the system's reason.
public struct FileReadError: Error, CustomStringConvertible {
    /// The file.
    public let path: String
    /// `errno` from the failed call.
    public let code: Int32

    /// `cannot read <path>: <reason>`.
    public var description: String { "cannot read \(path): \(String(cString: strerror(code)))" }
}

/// Files held in memory, keyed by path: for tests and for callers that already hold the text.
public struct InMemoryFiles: FileReading {
    /// The contents by absolute path.
    public var contents: [String: String]

    /// Files with the given contents.
    public init(_ contents: [String: String]) { self.contents = contents }

    /// The text stored for `path`, if any.
    public func text(atPath path: String) throws -> String? { contents[path] }
}
