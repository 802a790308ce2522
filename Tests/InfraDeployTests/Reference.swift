import Foundation

/// The reference material the tests check against, carried by the repository: `Tests/Reference`.
enum Reference {
    static var root: URL {
        // Tests/InfraDeployTests/<this file> → Tests → Tests/Reference.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference")
    }

    /// The file's exact text (LF endings, no trimming); throws when it is missing.
    static func text(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }
}

struct ReferenceError: Error, CustomStringConvertible {
    let description: String
}
