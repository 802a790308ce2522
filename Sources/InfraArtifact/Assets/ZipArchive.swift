import InfraCrypto

/// A deterministic ZIP archive: the same files give the same bytes on every run and platform.
///
/// Entries are sorted by path (byte order of their UTF-8), stored without compression, dated
/// 1980-01-01 00:00 (the earliest DOS date), and carry one of two Unix modes, 0644 or 0755 (for a
/// file executable on disk, such as a custom runtime's `bootstrap`). No directory entries, extra
/// fields or comments are written, and no ZIP64: an archive over 4 GiB is refused (a Lambda
/// package is at most 250 MB unzipped).
public enum ZipArchive {
    /// One file of the archive.
    public struct Entry: Sendable, Equatable {
        /// The path inside the archive, `/`-separated, relative.
        public var path: String
        /// The file's bytes.
        public var bytes: [UInt8]
        /// Whether it is stored as executable (mode 0755 rather than 0644).
        public var isExecutable: Bool

        /// An entry from its parts.
        public init(path: String, bytes: [UInt8], isExecutable: Bool = false) {
            self.path = path
            self.bytes = bytes
            self.isExecutable = isExecutable
        }
    }

    /// Why entries cannot be archived.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// A path that is empty, absolute, has an empty, `.` or `..` component, or appears twice.
        case invalidPath(String)
        /// More bytes or entries than a ZIP without ZIP64 holds.
        case tooLarge

        /// The reason, for a diagnostic.
        public var description: String {
            switch self {
            case .invalidPath(let path): "'\(path)' cannot name an archive entry (relative, no empty, '.' or '..' parts, once only)"
            case .tooLarge: "the archive would be over 4 GiB or 65,535 files, which a ZIP without ZIP64 cannot hold"
            }
        }
    }

    /// 1980-01-01 in DOS date form: (year − 1980) << 9 | month << 5 | day.
    static let dosDate: UInt16 = 1 << 5 | 1
    /// 00:00:00 in DOS time form.
    static let dosTime: UInt16 = 0
    /// Version 2.0 (the first to define stored entries with these fields); "made by" adds Unix (3) in the high byte.
    static let version: UInt16 = 20
    /// Bit 11: names are UTF-8.
    static let utf8Flag: UInt16 = 1 << 11

    /// The archive of `entries`, in path order whatever order they come in.
    public static func archive(_ entries: [Entry]) throws(Failure) -> [UInt8] {
        let sorted = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var previous: String?
        for entry in sorted {
            let parts = entry.path.split(separator: "/", omittingEmptySubsequences: false)
            if entry.path.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) || entry.path == previous {
                throw .invalidPath(entry.path)
            }
            previous = entry.path
        }
        guard sorted.count < 0xFFFF else { throw .tooLarge }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in sorted {
            let name = Array(entry.path.utf8)
            guard out.count < 0xFFFF_FFFF, entry.bytes.count < 0xFFFF_FFFF, name.count < 0xFFFF else { throw .tooLarge }
            let offset = UInt32(out.count)
            let crc = CRC32.checksum(entry.bytes)
            let size = UInt32(entry.bytes.count)
            // Local file header.
            out.le32(0x0403_4B50)
            out.le16(version); out.le16(utf8Flag); out.le16(0)  // stored
            out.le16(dosTime); out.le16(dosDate)
            out.le32(crc); out.le32(size); out.le32(size)
            out.le16(UInt16(name.count)); out.le16(0)
            out += name
            out += entry.bytes
            // Central directory header.
            central.le32(0x0201_4B50)
            central.le16(3 << 8 | version); central.le16(version); central.le16(utf8Flag); central.le16(0)
            central.le16(dosTime); central.le16(dosDate)
            central.le32(crc); central.le32(size); central.le32(size)
            central.le16(UInt16(name.count)); central.le16(0); central.le16(0)  // extra, comment
            central.le16(0); central.le16(0)  // disk, internal attributes
            let mode: UInt32 = 0o100000 | (entry.isExecutable ? 0o755 : 0o644)
            central.le32(mode << 16)
            central.le32(offset)
            central += name
        }
        guard out.count + central.count < 0xFFFF_FFFF else { throw .tooLarge }
        let directoryOffset = UInt32(out.count)
        out += central
        // End of central directory.
        out.le32(0x0605_4B50)
        out.le16(0); out.le16(0)
        out.le16(UInt16(sorted.count)); out.le16(UInt16(sorted.count))
        out.le32(UInt32(central.count)); out.le32(directoryOffset)
        out.le16(0)
        return out
    }
}

extension [UInt8] {
    fileprivate mutating func le16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value)); append(UInt8(truncatingIfNeeded: value >> 8))
    }

    fileprivate mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
