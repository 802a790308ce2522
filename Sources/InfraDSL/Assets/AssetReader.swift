import Foundation

/// Reads an asset's files for synthesis. The one place synthesis touches the file system, passed
/// in so that tests (and callers holding files in memory) give it their own.
public struct AssetReader: Sendable {
    /// The files of `asset` as archive entries, or why they cannot be read.
    public let read: @Sendable (Asset) -> Result<[ZipArchive.Entry], AssetReadError>

    /// A reader from a function.
    public init(read: @escaping @Sendable (Asset) -> Result<[ZipArchive.Entry], AssetReadError>) {
        self.read = read
    }

    /// Reads from disk, relative paths against `directory` (the folder generate-stacks runs in).
    ///
    /// A folder gives every regular file beneath it (symbolic links followed), paths relative to
    /// the folder; `.DS_Store` files are left out, so a folder zips the same on macOS and Linux. A
    /// file is executable in the archive when any execute bit is set on disk.
    public static func fileSystem(relativeTo directory: String) -> AssetReader {
        AssetReader { asset in
            let root = asset.path.hasPrefix("/") ? asset.path : "\(directory)/\(asset.path)"
            var isFolder: ObjCBool = false
            let files = FileManager.default
            guard files.fileExists(atPath: root, isDirectory: &isFolder) else {
                return .failure(AssetReadError("\(asset.kind.rawValue) '\(asset.path)' does not exist (looked for \(root); relative paths start at the folder generate-stacks runs in, the package root)"))
            }
            switch (asset.kind, isFolder.boolValue) {
            case (.folder, false): return .failure(AssetReadError("'\(asset.path)' is a file, not a folder; use .asset(file:) for a single file"))
            case (.file, true): return .failure(AssetReadError("'\(asset.path)' is a folder, not a file; use .asset(folder:)"))
            case (.file, false):
                return entry(at: root, named: (asset.path as NSString).lastPathComponent).map { [$0] }
            case (.folder, true):
                guard let walker = files.enumerator(atPath: root) else { return .failure(AssetReadError("folder '\(asset.path)' cannot be read")) }
                var entries: [ZipArchive.Entry] = []
                while let relative = walker.nextObject() as? String {
                    let path = "\(root)/\(relative)"
                    var isDirectory: ObjCBool = false
                    guard (relative as NSString).lastPathComponent != ".DS_Store", files.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                    else { continue }
                    switch entry(at: path, named: relative) {
                    case .success(let entry): entries.append(entry)
                    case .failure(let failure): return .failure(failure)
                    }
                }
                guard !entries.isEmpty else { return .failure(AssetReadError("folder '\(asset.path)' holds no files")) }
                return .success(entries)
            }
        }
    }

    private static func entry(at path: String, named name: String) -> Result<ZipArchive.Entry, AssetReadError> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(AssetReadError("cannot read \(path)")) }
        let permissions = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        return .success(ZipArchive.Entry(path: name, bytes: Array(data), isExecutable: permissions & 0o111 != 0))
    }

    /// Files held in memory, by the asset's path: folders map to their entries, files to one entry.
    public static func inMemory(_ files: [String: [ZipArchive.Entry]]) -> AssetReader {
        AssetReader { asset in
            files[asset.path].map(Result.success) ?? .failure(AssetReadError("\(asset.kind.rawValue) '\(asset.path)' does not exist"))
        }
    }
}

/// Why an asset's files cannot be read: reported as an error at the line that named the asset.
public struct AssetReadError: Error, Sendable, Equatable {
    /// What went wrong, for the diagnostic.
    public var message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }
}
