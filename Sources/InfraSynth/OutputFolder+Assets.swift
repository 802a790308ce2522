import Foundation

/// The zipped code assets in `assets/`: written before the manifest that names them, compared by
/// `--check`, and removed once no stack uses them.
extension OutputFolder {
    /// Writes each asset not already there with the same bytes. Content-addressed names mean an
    /// existing file of that name holds those bytes, unless someone edited it; it is compared anyway.
    func writeAssets(_ assets: [ZippedAsset]) throws {
        guard !assets.isEmpty else { return }
        let folder = url.appendingPathComponent("assets", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create \(displayPath)/assets: \(error.localizedDescription)")
        }
        for asset in assets {
            let target = url.appendingPathComponent(asset.path)
            if FileManager.default.contents(atPath: target.path).map({ Array($0) == asset.bytes }) == true { continue }
            do {
                // Atomic: a temporary file renamed over the target, so readers never see half a ZIP.
                try Data(asset.bytes).write(to: target, options: .atomic)
            } catch {
                throw WriteError(description: "cannot write \(displayPath)/\(asset.path): \(error.localizedDescription)")
            }
        }
    }

    /// One line per asset that is missing or differs from what the Swift code zips.
    func assetDifferences(from assets: [ZippedAsset]) -> [String] {
        assets.compactMap { asset in
            switch FileManager.default.contents(atPath: url.appendingPathComponent(asset.path).path) {
            case nil: "\(displayPath)/\(asset.path) is missing"
            case let existing? where Array(existing) != asset.bytes: "\(displayPath)/\(asset.path) differs from what the Swift code zips"
            default: nil
            }
        }
    }

    /// Deletes the `assets/*.zip` files no stack uses any more; returns their paths.
    func removeStaleAssets(keeping assets: [ZippedAsset]) throws -> [String] {
        let folder = url.appendingPathComponent("assets", isDirectory: true)
        let kept = Set(assets.map { ($0.path as NSString).lastPathComponent })
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let stale = present.filter { $0.hasSuffix(".zip") && !kept.contains($0) }.sorted()
        for name in stale {
            do {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            } catch {
                throw WriteError(description: "cannot remove the stale asset \(displayPath)/assets/\(name): \(error.localizedDescription)")
            }
        }
        return stale.map { "assets/\($0)" }
    }
}
