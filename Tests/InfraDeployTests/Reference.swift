import Foundation

/// The shared reference material: `<package root>/../shared/reference`.
enum Reference {
    static var root: URL {
        // INFRA_SHARED_REFERENCE (set by scripts/test.sh) or, by default,
        // Tests/InfraDeployTests/<this file> → package root → its sibling `shared`.
        if let reference = ProcessInfo.processInfo.environment["INFRA_SHARED_REFERENCE"], !reference.isEmpty {
            return URL(fileURLWithPath: reference)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/reference")
    }

    /// The file's exact text (LF endings, no trimming); throws when it is missing.
    static func text(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }
}

struct ReferenceError: Error, CustomStringConvertible {
    let description: String
}
