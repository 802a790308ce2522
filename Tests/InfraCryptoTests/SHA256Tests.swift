import Foundation
import InfraCrypto
import Testing

/// Large (≥ 512 MiB) vectors take minutes in a debug build; the vector file asks to keep them out of
/// default runs. `INFRA_CRYPTO_LARGE=1 swift test -c release --filter InfraCryptoTests` runs them.
private let runsLargeVectors = ProcessInfo.processInfo.environment["INFRA_CRYPTO_LARGE"] == "1"

@Suite struct SHA256VectorTests {
    @Test func everyDigestVectorMatches() throws {
        let vectors = try CryptoVectors.load().sha256
        #expect(vectors.count > 0)
        var checked = 0
        for vector in vectors where runsLargeVectors || vector.large != true {
            let digest = try Self.digest(unit: vector.unit(), repeating: vector.repeat ?? 1)
            #expect(hex(digest) == vector.expectedHex, "\(vector.name)")
            checked += 1
        }
        let large = vectors.filter { $0.large == true }.count
        #expect(checked == vectors.count - (runsLargeVectors ? 0 : large))
    }

    @Test func incrementalFeedingAgreesWithOneShot() throws {
        // Splitting at every offset around the 55/56/64-byte padding edges catches buffer bookkeeping bugs
        // that whole-message vectors cannot see.
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test func hexDigestIsLowercaseHex() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Feeds repeated messages in chunks so a 1.5 GiB vector never sits in memory.
    private static func digest(unit: [UInt8], repeating count: Int) -> [UInt8] {
        var hasher = SHA256()
        guard !unit.isEmpty, count > 1 else {
            hasher.update(unit)
            return hasher.finalize()
        }
        // Doubling builds a ~1 MiB chunk of whole units in a few copies.
        var chunk = unit
        while chunk.count < 1 << 20, chunk.count / unit.count * 2 <= count { chunk += chunk }
        let unitsPerChunk = chunk.count / unit.count
        var remaining = count
        while remaining >= unitsPerChunk {
            hasher.update(chunk)
            remaining -= unitsPerChunk
        }
        hasher.update(chunk[..<(remaining * unit.count)])
        return hasher.finalize()
    }
}

@Suite struct HMACSHA256VectorTests {
    @Test func everyMACVectorMatches() throws {
        let vectors = try CryptoVectors.load().hmacSHA256
        #expect(vectors.count > 0)
        for vector in vectors {
            let tag = try HMACSHA256.authenticationCode(for: vector.message(), key: bytes(fromHex: vector.keyHex))
            let compared = vector.truncateBytes.map { Array(tag.prefix($0)) } ?? tag
            #expect(hex(compared) == vector.expectedHex, "\(vector.name)")
        }
    }

    @Test func truncatedVectorsStillCompareAPrefix() throws {
        // Guards the harness itself: a truncation of 0 bytes would make the comparison vacuous.
        let vectors = try CryptoVectors.load().hmacSHA256
        for vector in vectors {
            if let count = vector.truncateBytes { #expect(count > 0 && vector.expectedHex.count == 2 * count, "\(vector.name)") }
            else { #expect(vector.expectedHex.count == 64, "\(vector.name)") }
        }
    }
}
