import Foundation
import InfraCrypto

/// A loaded `stacks.out` folder: the manifest and every template, each checked against its SHA-256.
public struct ArtifactFolder: Sendable {
    /// The folder's path as given.
    public let path: String
    /// The manifest.
    public let manifest: Manifest
    /// Template bodies by stack (and StackSet) name.
    public let templates: [String: String]

    /// An artifact set from its parts (for tests and callers that hold the files in memory).
    public init(path: String, manifest: Manifest, templates: [String: String]) {
        self.path = path
        self.manifest = manifest
        self.templates = templates
    }

    /// Reads `path/manifest.json` and the templates it lists; a template whose bytes do not match
    /// its `templateSHA256` is an error naming the file.
    public static func load(path: String) throws(ArtifactError) -> ArtifactFolder {
        let folder = URL(fileURLWithPath: path)
        let manifestPath = folder.appendingPathComponent("manifest.json").path
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw ArtifactError("no manifest.json in \(path)", file: manifestPath,
                                remedy: "generate the stacks first (`swift package --allow-writing-to-package-directory generate-stacks`) or pass --dir")
        }
        guard let data = FileManager.default.contents(atPath: manifestPath) else { throw ArtifactError("cannot be read", file: manifestPath) }
        let manifest = try Manifest.parse(data, file: manifestPath)
        var templates: [String: String] = [:]
        for stack in manifest.stacks + manifest.stackSets.map(\.stack) {
            let templatePath = folder.appendingPathComponent(stack.templateFile).path
            guard let bytes = FileManager.default.contents(atPath: templatePath) else {
                throw ArtifactError("template of stack '\(stack.name)' is missing", file: templatePath, remedy: "regenerate stacks.out")
            }
            let digest = SHA256.hexDigest(Array(bytes))
            guard digest == stack.templateSHA256 else {
                throw ArtifactError(
                    "SHA-256 \(digest) does not match the manifest's \(stack.templateSHA256) for stack '\(stack.name)'; the template was changed after generation",
                    file: templatePath, remedy: "regenerate stacks.out instead of editing templates by hand")
            }
            guard let text = String(data: bytes, encoding: .utf8) else { throw ArtifactError("is not UTF-8 text", file: templatePath) }
            templates[stack.name] = text
        }
        try verifyAssets(of: manifest, in: folder)
        return ArtifactFolder(path: path, manifest: manifest, templates: templates)
    }

    /// Every asset's ZIP file is there with the bytes its SHA-256 names, before anything deploys.
    private static func verifyAssets(of manifest: Manifest, in folder: URL) throws(ArtifactError) {
        for asset in manifest.assets {
            let file = folder.appendingPathComponent(asset.file).path
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw ArtifactError("asset '\(asset.source)' (used by \(asset.stacks.joined(separator: ", "))) is missing", file: file, remedy: "regenerate stacks.out")
            }
            let digest = SHA256.hexDigest(Array(bytes))
            guard digest == asset.sha256 else {
                throw ArtifactError("SHA-256 \(digest) does not match the manifest's \(asset.sha256) for asset '\(asset.source)'; the file was changed after generation",
                                    file: file, remedy: "regenerate stacks.out")
            }
        }
    }

    /// The bytes of `asset`'s ZIP file (checked against its SHA-256 again: the folder may have changed since it was loaded).
    public func assetBytes(_ asset: Manifest.Asset) throws(ArtifactError) -> [UInt8] {
        let file = URL(fileURLWithPath: path).appendingPathComponent(asset.file).path
        guard let data = FileManager.default.contents(atPath: file) else { throw ArtifactError("asset '\(asset.source)' is missing", file: file, remedy: "regenerate stacks.out") }
        let bytes = Array(data)
        guard SHA256.hexDigest(bytes) == asset.sha256 else {
            throw ArtifactError("does not hold the bytes of asset \(asset.sha256) any more; the file was changed after generation", file: file, remedy: "regenerate stacks.out")
        }
        return bytes
    }
}
