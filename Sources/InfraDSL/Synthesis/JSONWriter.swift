/// Writes `CFValue` as JSON that is byte-identical for the same value on every run and platform.
///
/// Two-space indentation, keys in the value's own order, slashes not escaped, non-ASCII text kept
/// as UTF-8, numbers in Swift's shortest round-trip form, and a trailing newline. Foundation's
/// `JSONSerialization` is avoided because its key order and number formatting vary by platform.
public enum JSONWriter: Sendable {
    /// The value as pretty-printed JSON text, ending with a newline.
    public static func write(_ value: CFValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output += "\n"
        return output
    }

    /// The value as JSON on one line, for hashing and messages.
    public static func compact(_ value: CFValue) -> String {
        var output = ""
        write(value, indent: nil, into: &output)
        return output
    }

    private static func write(_ value: CFValue, indent: Int?, into output: inout String) {
        switch value {
        case .string(let text): writeString(text, into: &output)
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? formatted(number) : "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .list(let items):
            writeContainer(open: "[", close: "]", count: items.count, indent: indent, into: &output) { index, inner, out in
                write(items[index], indent: inner, into: &out)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, indent: indent, into: &output) { index, inner, out in
                writeString(members[index].key, into: &out)
                out += inner == nil ? ":" : ": "
                write(members[index].value, indent: inner, into: &out)
            }
        }
    }

    private static func writeContainer(
        open: String, close: String, count: Int, indent: Int?, into output: inout String,
        item: (Int, Int?, inout String) -> Void
    ) {
        guard count > 0 else {
            output += open + close
            return
        }
        output += open
        let inner = indent.map { $0 + 2 }
        for index in 0..<count {
            if index > 0 { output += "," }
            if let inner { output += "\n" + String(repeating: " ", count: inner) }
            item(index, inner, &output)
        }
        if let indent { output += "\n" + String(repeating: " ", count: indent) }
        output += close
    }

    private static func formatted(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }

    private static func writeString(_ text: String, into output: inout String) {
        // Most strings need no escaping: append them whole instead of scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hexDigits = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hexDigits.count) + hexDigits
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
