/// Writes a `JSONValue` as JSON that is byte-identical for the same value on every run and platform.
///
/// Two-space indentation, keys in the value's own order, slashes not escaped, non-ASCII text kept
/// as UTF-8, numbers in Swift's shortest round-trip form, and a trailing newline. Foundation's
/// `JSONSerialization` is avoided because its key order and number formatting vary by platform.
public enum JSONWriter: Sendable {
    /// The value as pretty-printed JSON text, ending with a newline.
    public static func write(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The value as pretty-printed JSON in UTF-8, ending with a newline: what `write` returns, as
    /// the bytes a file or a hash takes.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var output = ByteOutput()
        output.write(value, indent: 0)
        output.bytes.append(UInt8(ascii: "\n"))
        return output.bytes
    }

    /// The value as JSON on one line, for hashing and messages.
    public static func compact(_ value: JSONValue) -> String {
        var output = ByteOutput()
        output.write(value, indent: nil)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}

/// The renderer behind `JSONWriter`: appends UTF-8 to one growing byte array, because appending
/// many small pieces to a `String` costs several times more.
private struct ByteOutput {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func write(_ value: JSONValue, indent: Int?) {
        switch value {
        case .string(let text): writeString(text)
        case .int(let number): append(String(number))
        case .double(let number): append(number.isFinite ? Self.formatted(number) : "null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .null: append("null")
        case .list(let items):
            guard !items.isEmpty else { return append("[]") }
            bytes.append(UInt8(ascii: "["))
            let inner = indent.map { $0 + 2 }
            for (index, item) in items.enumerated() {
                separate(first: index == 0, indent: inner)
                write(item, indent: inner)
            }
            close(UInt8(ascii: "]"), indent: indent)
        case .object(let members):
            guard !members.isEmpty else { return append("{}") }
            bytes.append(UInt8(ascii: "{"))
            let inner = indent.map { $0 + 2 }
            for (index, member) in members.enumerated() {
                separate(first: index == 0, indent: inner)
                writeString(member.key)
                if inner == nil { bytes.append(UInt8(ascii: ":")) } else { append(": ") }
                write(member.value, indent: inner)
            }
            close(UInt8(ascii: "}"), indent: indent)
        }
    }

    /// The comma before every item but the first, then the item's line and indentation.
    private mutating func separate(first: Bool, indent: Int?) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        if let indent { newline(indent: indent) }
    }

    private mutating func close(_ bracket: UInt8, indent: Int?) {
        if let indent { newline(indent: indent) }
        bytes.append(bracket)
    }

    private mutating func newline(indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        // A slice of ready spaces copies as one block; templates rarely nest deeper than this.
        var remaining = indent
        while remaining > 0 {
            let count = min(remaining, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static func formatted(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most strings need no escaping: append them whole instead of byte by byte.
            guard utf8.contains(where: Self.needsEscape) else { return bytes.append(contentsOf: utf8) }
            for byte in utf8 {
                guard Self.needsEscape(byte) else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hexDigits = String(byte, radix: 16)
                    append("u" + String(repeating: "0", count: 4 - hexDigits.count) + hexDigits)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Control characters (DEL too, so no invisible byte lands in a file), quotes and backslashes;
    /// every byte of a multi-byte UTF-8 sequence is ≥ 0x80.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
