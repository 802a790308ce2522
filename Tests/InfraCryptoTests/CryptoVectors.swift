import Foundation

/// The known-answer file (SHA-256 and HMAC-SHA256 vectors), carried by the repository: `Tests/Reference/crypto-vectors.json`.
struct CryptoVectors: Decodable {
    struct Digest: Decodable {
        let name: String
        let inputHex: String?
        let inputUTF8: String?
        let `repeat`: Int?
        let large: Bool?
        let expectedHex: String

        enum CodingKeys: String, CodingKey {
            case name, large, `repeat`
            case inputHex = "input_hex", inputUTF8 = "input_utf8", expectedHex = "expected_hex"
        }

        /// One copy of the message; the full message is this repeated `repeat` times.
        func unit() throws -> [UInt8] { try messageUnit(name: name, hex: inputHex, utf8: inputUTF8) }
    }

    struct MAC: Decodable {
        let name: String
        let keyHex: String
        let inputHex: String?
        let inputUTF8: String?
        let expectedHex: String
        let truncateBytes: Int?

        enum CodingKeys: String, CodingKey {
            case name
            case keyHex = "key_hex", inputHex = "input_hex", inputUTF8 = "input_utf8"
            case expectedHex = "expected_hex", truncateBytes = "truncate_bytes"
        }

        func message() throws -> [UInt8] { try messageUnit(name: name, hex: inputHex, utf8: inputUTF8) }
    }

    let sha256: [Digest]
    let hmacSHA256: [MAC]

    enum CodingKeys: String, CodingKey {
        case sha256
        case hmacSHA256 = "hmac_sha256"
    }

    static var fileURL: URL {
        // Tests/InfraCryptoTests/<this file> → Tests → Tests/Reference.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/crypto-vectors.json")
    }

    /// Throws when the file is missing, so a lost reference fails the run instead of skipping it.
    static func load() throws -> CryptoVectors {
        let data = try Data(contentsOf: fileURL)
        return try JSONDecoder().decode(CryptoVectors.self, from: data)
    }
}

struct VectorFormatError: Error, CustomStringConvertible {
    let description: String
}

private func messageUnit(name: String, hex: String?, utf8: String?) throws -> [UInt8] {
    switch (hex, utf8) {
    case let (hex?, nil): return try bytes(fromHex: hex)
    case let (nil, text?): return Array(text.utf8)
    default: throw VectorFormatError(description: "\(name): needs exactly one of input_hex and input_utf8")
    }
}

func bytes(fromHex text: String) throws -> [UInt8] {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { throw VectorFormatError(description: "odd-length hex '\(text)'") }
    var result: [UInt8] = []
    result.reserveCapacity(digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
        guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
            throw VectorFormatError(description: "not hex: '\(text)'")
        }
        result.append(high << 4 | low)
    }
    return result
}

private func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
}
