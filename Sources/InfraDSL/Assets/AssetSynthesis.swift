import InfraCrypto

/// An asset's ZIP file and its SHA-256, the key it is uploaded under.
public struct ZippedAsset: Sendable, Equatable {
    /// The asset as first named.
    public var asset: Asset
    /// The archive's bytes.
    public var bytes: [UInt8]
    /// Their SHA-256, lowercase hex.
    public var sha256: String
    /// `assets/<sha256>.zip`: the file in the output folder and the object key.
    public var path: String { Manifest.Asset.path(sha256: sha256) }
}

/// Every asset the chosen stacks name, read and zipped once each (by kind and path), before the
/// stacks synthesize; a missing folder is an error at each line that names it.
struct AssetBundle: Sendable {
    /// By `Asset.identity`; an asset that could not be read is absent.
    private(set) var zipped: [String: ZippedAsset] = [:]
    private(set) var diagnostics = Diagnostics()

    init(_ stacks: [Stack], reader: AssetReader) {
        var failures: [String: AssetReadError] = [:]
        var reported = Set<SourceLocation>()
        for stack in stacks {
            for resource in TemplateSections(stack.elements).resources {
                for member in resource.properties {
                    AssetSubstitution.visitMarkers(in: member.value) { asset in
                        let id = asset.identity
                        if zipped[id] == nil, failures[id] == nil {
                            switch reader.read(asset).flatMap(Self.zip) {
                            case .success(let bytes): zipped[id] = ZippedAsset(asset: asset, bytes: bytes, sha256: SHA256.hexDigest(bytes))
                            case .failure(let failure): failures[id] = failure
                            }
                        }
                        if let failure = failures[id], reported.insert(asset.location).inserted {
                            diagnostics.error("asset '\(asset.path)' of stack '\(stack.name)': \(failure.message)", at: asset.location)
                        }
                    }
                }
            }
        }
    }

    /// The ZIP files the stacks' templates reference and their manifest entries, in first-use order.
    func used(by stacks: [(name: String, hashes: [String])]) -> ([ZippedAsset], [Manifest.Asset]) {
        var order: [String] = []
        var users: [String: [String]] = [:]
        for (name, hashes) in stacks {
            for hash in hashes {
                if users[hash] == nil { order.append(hash) }
                users[hash, default: []].append(name)
            }
        }
        // Two paths with the same files zip to one hash; the manifest names the first path in byte order, whatever the scheduling.
        let byHash = Dictionary(zipped.values.map { ($0.sha256, $0) }, uniquingKeysWith: { $0.asset.path <= $1.asset.path ? $0 : $1 })
        let files = order.compactMap { byHash[$0] }
        return (files, files.map { Manifest.Asset(sha256: $0.sha256, source: $0.asset.path, stacks: users[$0.sha256] ?? []) })
    }

    private static func zip(_ entries: [ZipArchive.Entry]) -> Result<[UInt8], AssetReadError> {
        do {
            return .success(try ZipArchive.archive(entries))
        } catch {
            return .failure(AssetReadError("cannot zip it: \(error)"))
        }
    }
}

extension Asset {
    /// What makes two assets the same files: the kind and the path, not the line.
    var identity: String { "\(kind.rawValue):\(path)" }
}

/// Replaces asset markers with the stack's bucket and the ZIP's key, before validation and rendering.
enum AssetSubstitution {
    /// Calls `body` with the asset of every marker inside `value`.
    static func visitMarkers(in value: CFValue, _ body: (Asset) -> Void) {
        if let (asset, _) = Asset.marker(in: value) { return body(asset) }
        switch value {
        case .object(let members): for member in members { visitMarkers(in: member.value, body) }
        case .list(let items): for item in items { visitMarkers(in: item, body) }
        default: break
        }
    }

    /// `resources` with every marker of a zipped asset replaced; returns the SHA-256s used, in first-use
    /// order. A stack without a template bucket has nowhere to upload to: an error at the asset's line.
    static func substitute(
        _ resources: inout [ResourceDeclaration], stack: Stack, bucket: String?, zipped: [String: ZippedAsset], into diagnostics: inout Diagnostics
    ) -> [String] {
        var used: [String] = []
        var reported = Set<SourceLocation>()
        func replace(_ value: CFValue) -> CFValue {
            if let (asset, part) = Asset.marker(in: value) {
                guard let zip = zipped[asset.identity] else { return value }
                guard let bucket else {
                    if reported.insert(asset.location).inserted {
                        diagnostics.error(
                            "asset '\(asset.path)' of stack '\(stack.name)' is uploaded to the stack's template bucket, but none is named; name one with App(templateBucket: \"my-assets-{account}-{region}\") or Stack(…, templateBucket: \"…\")",
                            at: asset.location)
                    }
                    return value
                }
                if !used.contains(zip.sha256) { used.append(zip.sha256) }
                return .string(part == "S3Bucket" ? bucket : zip.path)
            }
            switch value {
            case .object(let members): return .object(members.map { CFValue.Member($0.key, replace($0.value)) })
            case .list(let items): return .list(items.map(replace))
            default: return value
            }
        }
        for index in resources.indices {
            resources[index].properties = resources[index].properties.map { CFValue.Member($0.key, replace($0.value)) }
        }
        return used
    }
}
