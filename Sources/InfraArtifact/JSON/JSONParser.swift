/// How much JSON a parse accepts. Input from a server or a file someone else wrote is bounded in
/// size and nesting, so a hostile or broken answer fails with an error instead of exhausting memory
/// or the stack.
public struct JSONLimits: Sendable, Equatable {
    /// The deepest nesting of lists and objects.
    public var maxDepth: Int
    /// The most bytes of input.
    public var maxBytes: Int

    /// Limits from their parts.
    public init(maxDepth: Int, maxBytes: Int) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// 512 levels and 64 MiB: far beyond any manifest, template (CloudFormation takes at most
    /// 1,000,000 bytes) or AWS answer, and far below what would hurt.
    public static let standard = JSONLimits(maxDepth: 512, maxBytes: 64 << 20)
}

/// Input that is not JSON, or exceeds the limits: what is wrong and where (line, column, byte).
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public let message: String
    /// The byte offset where it was found (0-based).
    public let offset: Int
    /// The line (1-based).
    public let line: Int
    /// The column in bytes (1-based).
    public let column: Int

    /// `message at line L, column C`.
    public var description: String { "\(message) at line \(line), column \(column)" }
}

extension JSONValue {
    /// Parses JSON text (RFC 8259) within `limits`. Integers without a fraction or exponent that fit
    /// an `Int` become `.int`, other numbers `.double`; object keys keep their order.
    public static func parse(_ bytes: some Collection<UInt8>, limits: JSONLimits = .standard) throws(JSONParseError) -> JSONValue {
        let input = Array(bytes)
        var parser = JSONParser(bytes: input, limits: limits)
        guard input.count <= limits.maxBytes else {
            throw parser.error("the input is \(input.count) bytes, over the limit of \(limits.maxBytes)", at: 0)
        }
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == input.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses JSON text given as a string.
    public static func parse(_ text: String, limits: JSONLimits = .standard) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }
}

/// A recursive-descent parser over bytes; recursion is bounded by `limits.maxDepth`, so the stack
/// (and freeing the tree afterwards) stays shallow whatever the input.
private struct JSONParser {
    let bytes: [UInt8]
    let limits: JSONLimits
    var index = 0

    init(bytes: [UInt8], limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? index, bytes.count)
        var line = 1, lineStart = 0
        for position in 0..<offset where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(message: message, offset: offset, line: line, column: offset - lineStart + 1)
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try list(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character '\(Unicode.Scalar(bytes[index]).escaped(asASCII: true))'")
        }
    }

    mutating func enter(_ depth: Int) throws(JSONParseError) {
        guard depth <= limits.maxDepth else { throw error("nesting deeper than \(limits.maxDepth) levels") }
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        try enter(depth)
        index += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            index += 1
            skipWhitespace()
            members.append(JSONValue.Member(key, try value(depth: depth)))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    mutating func list(depth: Int) throws(JSONParseError) -> JSONValue {
        try enter(depth)
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in a list") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
            throw error("expected ',' or ']' in a list")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            index + count <= bytes.count && bytes[index..<index + count].elementsEqual(expected)
        }
        guard matches else { throw error("invalid literal") }
        index += count
    }

    mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw error("a number needs digits") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw error("a number needs digits")
        }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard digits() > 0 else { throw error("a fraction needs digits") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("an exponent needs digits") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let number = Int(text) { return .int(number) }
        guard let number = Double(text), number.isFinite else { throw error("the number \(text) is out of range", at: start) }
        return .double(number)
    }

    mutating func string() throws(JSONParseError) -> String {
        let start = index
        index += 1
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: utf8, as: UTF8.self) else { throw error("a string is not valid UTF-8", at: start) }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                default: throw error("invalid escape '\\\(Unicode.Scalar(escape).escaped(asASCII: true))'", at: index - 2)
                }
            case 0x00..<0x20:
                throw error("a control character inside a string must be escaped")
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    /// The UTF-8 of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
    mutating func unicodeEscape() throws(JSONParseError) -> [UInt8] {
        let high = try hex4()
        var scalarValue = UInt32(high)
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("a high surrogate must be followed by a low one")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("a high surrogate must be followed by a low one") }
            scalarValue = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        } else if (0xDC00..<0xE000).contains(high) {
            throw error("a low surrogate without a high one")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw error("invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    mutating func hex4() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard index + offset < bytes.count, let digit = Self.hexDigit(bytes[index + offset]) else {
                throw error("\\u needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
        }
        index += 4
        return value
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
