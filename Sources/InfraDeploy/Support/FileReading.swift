import Foundation

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
    public func text(atPath path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return String(decoding: data, as: UTF8.self)
    }
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
