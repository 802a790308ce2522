import InfraCrypto
import Testing

@Suite struct CRC32Tests {
    /// Published known answers: the check value of CRC-32/ISO-HDLC in the CRC RevEng catalogue
    /// (reveng.sourceforge.io/crc-catalogue, "check=0xcbf43926" for "123456789"), and the values
    /// PKZIP's APPNOTE-compatible implementations (zlib's `crc32`) give for the classic pangram and
    /// for single letters.
    @Test(arguments: [
        ("", UInt32(0x0000_0000)),
        ("a", 0xE8B7_BE43),
        ("abc", 0x3524_41C2),
        ("123456789", 0xCBF4_3926),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ])
    func knownAnswers(input: String, expected: UInt32) {
        #expect(CRC32.checksum(Array(input.utf8)) == expected)
    }

    @Test func feedingInPartsAgreesWithOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let whole = CRC32.checksum(message)
        for split in stride(from: 0, through: message.count, by: 7) {
            var crc = CRC32()
            crc.update(message[..<split])
            crc.update(message[split...])
            #expect(crc.value == whole, "split at \(split)")
        }
    }

    @Test func longInputAgreesWithZlib() {
        // One million 'a's (the NIST SHA long-message input): zlib.crc32 gives 0xDC25BFBC.
        #expect(CRC32.checksum(repeatElement(UInt8(ascii: "a"), count: 1_000_000)) == 0xDC25_BFBC)
    }
}
