import InfraCrypto
import Testing

@Suite struct SHA1Tests {
    /// Published vectors: FIPS 180-2 Appendix A and RFC 3174 §7.3 (one, two and a million-block
    /// messages), the empty message, and the "quick brown fox" pangram from FIPS 180's test listings.
    @Test func publishedVectors() {
        let vectors: [(String, String)] = [
            ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
            ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "a49b2446a02c645bf419f995b67091253a04a259"),
            ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
        ]
        for (message, digest) in vectors { #expect(SHA1.hexDigest(Array(message.utf8)) == digest, "\(message)") }
        #expect(SHA1.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// The padding edges (55, 56 and 64 bytes: one block, a spilled length, an extra block), checked
    /// against Python's hashlib.
    @Test func paddingEdges() {
        #expect(SHA1.hexDigest([UInt8](repeating: 0x61, count: 55)) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(SHA1.hexDigest([UInt8](repeating: 0x61, count: 56)) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
        #expect(SHA1.hexDigest([UInt8](repeating: 0x61, count: 64)) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }

    /// The cache file names the AWS CLI gives a session name and a start URL (botocore: `sha1(name.encode()).hexdigest()`).
    @Test func awsCLICacheNames() {
        #expect(SHA1.hexDigest(Array("my-sso".utf8)) == "0ad374308c5a4e22f723adf10145eafad7c4031c")
        #expect(SHA1.hexDigest(Array("https://my-sso-portal.awsapps.com/start".utf8)) == "c7aaaf71fcc8777ae2475525ed049d39fe16c484")
    }
}
