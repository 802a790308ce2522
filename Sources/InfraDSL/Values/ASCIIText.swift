// Text checks that validation and lint run for every name, ID and value of every stack. They
// work on UTF-8 bytes: `Character` properties consult Unicode's tables, and Foundation's string
// search, which `contains("…")` resolves to wherever Foundation is imported, bridges through
// NSString — over a thousand stacks either cost more than rendering them.

extension UInt8 {
    /// A–Z.
    var isASCIIUppercase: Bool { (0x41...0x5A).contains(self) }
    /// a–z.
    var isASCIILowercase: Bool { (0x61...0x7A).contains(self) }
    /// A–Z or a–z.
    var isASCIILetter: Bool { isASCIIUppercase || isASCIILowercase }
    /// 0–9.
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
    /// A–Z, a–z or 0–9.
    var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
}

extension Character {
    /// A–Z or a–z.
    var isASCIILetter: Bool { asciiValue?.isASCIILetter ?? false }
    /// 0–9.
    var isASCIIDigit: Bool { asciiValue?.isASCIIDigit ?? false }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        let text = Array(utf8), needle = Array(needle.utf8)
        guard text.count >= needle.count else { return false }
        return (0...(text.count - needle.count)).contains { start in
            text[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
