/// A folder or a single file of your package that `generate-stacks` zips (deterministically) into
/// `stacks.out/assets/<sha256>.zip` and `infra deploy` uploads to the stack's template bucket
/// under that key, before the stack deploys: Lambda code without zipping and uploading by hand.
///
/// ```swift
/// Lambda.Function("Hello", code: .asset(folder: "lambda/hello"), role: role.arn, handler: "index.handler", runtime: .python312)
/// ```
///
/// A relative path is resolved against the folder `generate-stacks` runs in: the package root when
/// the plugin runs it (as for `stacks.out`). The template gets the bucket's name and the key as
/// literals, so it changes exactly when the zipped bytes do.
public struct Asset: Sendable, Hashable {
    /// Whether the path names a folder (zipped with its contents, paths relative to it) or one file (zipped alone, under its name).
    public enum Kind: String, Sendable, Hashable {
        /// A folder: every file beneath it.
        case folder
        /// One file, stored at the archive's root under its own name.
        case file
    }

    /// The path as written: relative to the folder generate-stacks runs in, or absolute.
    public let path: String
    /// A folder or a file.
    public let kind: Kind
    /// The line that named it, where a missing folder is reported.
    public let location: SourceLocation

    /// An asset from its parts.
    public init(path: String, kind: Kind, location: SourceLocation) {
        self.path = path
        self.kind = kind
        self.location = location
    }

    /// The folder at `path`, zipped with every file beneath it.
    public static func folder(_ path: String, file: String = #filePath, line: Int = #line) -> Asset {
        Asset(path: path, kind: .folder, location: SourceLocation(file: file, line: line))
    }

    /// The single file at `path`, zipped alone under its own name.
    public static func file(_ path: String, file: String = #filePath, line: Int = #line) -> Asset {
        Asset(path: path, kind: .file, location: SourceLocation(file: file, line: line))
    }

    /// The bucket the asset is uploaded to: the stack's template bucket, filled in by synthesis.
    public var bucket: Token<String> { Token(raw: marker("S3Bucket")) }
    /// The object key: `assets/<sha256>.zip`, filled in by synthesis.
    public var key: Token<String> { Token(raw: marker("S3Key")) }

    /// The placeholder synthesis replaces with a literal. It is an intrinsic-shaped object (so
    /// validation before replacement treats it as a value decided later), and a name
    /// CloudFormation does not know, so one that ever escaped into a template would be refused.
    private func marker(_ part: String) -> CFValue {
        .object([CFValue.Member(Self.markerName, .object([
            CFValue.Member("Part", .string(part)), CFValue.Member("Kind", .string(kind.rawValue)), CFValue.Member("Path", .string(path)),
            CFValue.Member("File", .string(location.file)), CFValue.Member("Line", .int(location.line)),
        ]))])
    }

    /// The marker's key.
    static let markerName = "Fn::InfraDSL::Asset"

    /// The asset and the part a marker stands for, if `value` is one.
    static func marker(in value: CFValue) -> (asset: Asset, part: String)? {
        guard let (name, argument) = value.intrinsic, name == markerName,
              case .string(let part)? = argument["Part"], case .string(let kindName)? = argument["Kind"], let kind = Kind(rawValue: kindName),
              case .string(let path)? = argument["Path"], case .string(let file)? = argument["File"], case .int(let line)? = argument["Line"]
        else { return nil }
        return (Asset(path: path, kind: kind, location: SourceLocation(file: file, line: line)), part)
    }
}
