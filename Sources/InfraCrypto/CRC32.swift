/// CRC-32 as ZIP, gzip and PNG use it (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and
/// final XOR 0xFFFFFFFF): the checksum every entry of a ZIP archive carries.
public struct CRC32: Sendable {
    /// The running remainder, already inverted as the algorithm starts.
    private var remainder: UInt32 = 0xFFFF_FFFF

    /// A checksum over no bytes yet.
    public init() {}

    /// One remainder per byte value, computed once: bitwise CRC is eight times slower per byte.
    private static let table: [UInt32] = (0..<256).map { value in
        var entry = UInt32(value)
        for _ in 0..<8 { entry = entry & 1 == 1 ? (entry >> 1) ^ 0xEDB8_8320 : entry >> 1 }
        return entry
    }

    /// Feeds `bytes`; feeding in parts gives the same checksum as feeding them at once.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let table = Self.table
        var crc = remainder
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        remainder = crc
    }

    /// The checksum of everything fed so far.
    public var value: UInt32 { remainder ^ 0xFFFF_FFFF }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
