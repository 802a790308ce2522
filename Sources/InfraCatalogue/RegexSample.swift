import Foundation

/// Builds a short string that a JSON Schema `pattern` accepts, for the cfn-lint sweep's
/// placeholder values. Handles the regular-expression subset the registry schemas use: literals,
/// escapes, classes, groups, alternation, anchors and quantifiers; `extra` lengthens every
/// repetition to reach a minimum length. Every result is checked with `NSRegularExpression`.
struct RegexSample {
    private let pattern: [Character]
    private var index = 0
    private let extra: Int

    /// A sample matching `pattern` with `minLength...maxLength` characters, or nil.
    static func sample(_ pattern: String?, minLength: Int = 0, maxLength: Int = Int.max) -> String? {
        guard let pattern else { return nil }
        // Lengthening by about the minimum reaches exact lengths (`^[0-9]*$` with 12...12).
        for extra in Set([0, 1, 2, 4, 8, 16, 32, 64, max(minLength - 1, 0), minLength]).sorted() {
            var sampler = RegexSample(pattern: Array(pattern), extra: extra)
            let text = sampler.alternation()
            let length = text.unicodeScalars.count
            if length >= minLength, length <= maxLength, matches(text, pattern) { return text }
            if length > maxLength { break }
        }
        return nil
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            return false  // A pattern this platform cannot compile has no sample we could vouch for.
        }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
    }

    private init(pattern: [Character], extra: Int) {
        self.pattern = pattern
        self.extra = extra
    }

    private var atEnd: Bool { index >= pattern.count }
    private var current: Character? { atEnd ? nil : pattern[index] }

    private mutating func alternation() -> String {
        let first = sequence()
        while current == "|" {
            index += 1
            _ = sequence()
        }
        return first
    }

    private mutating func sequence() -> String {
        var out = ""
        while let character = current, character != "|", character != ")" {
            let atom = self.atom()
            let (low, high) = quantifier()
            var count = low == 0 ? min(1, high) : low
            if high > count { count = min(high, count + extra) }
            out += String(repeating: atom, count: count)
        }
        return out
    }

    private mutating func quantifier() -> (Int, Int) {
        var result = (1, 1)
        switch current {
        case "*": index += 1; result = (0, 1000)
        case "+": index += 1; result = (1, 1000)
        case "?": index += 1; result = (0, 1)
        case "{":
            let start = index
            index += 1
            var text = ""
            while let character = current, character != "}" { text.append(character); index += 1 }
            index += 1
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 1, let exact = parts[0] { result = (exact, exact) }
            else if parts.count == 2, let low = parts[0] { result = (low, parts[1] ?? 1000) }
            else { index = start + 1; return (1, 1) }
        default: return result
        }
        if current == "?" || current == "+" { index += 1 }  // lazy or possessive
        return result
    }

    private mutating func atom() -> String {
        let character = pattern[index]
        index += 1
        switch character {
        case "^", "$": return ""
        case ".": return "a"
        case "(":
            if current == "?" {
                index += 1
                if current == ":" {
                    index += 1
                } else if current == "=" || current == "!" || current == "<" {
                    // Lookaround: skip it, it consumes nothing.
                    var depth = 1
                    while let next = current, depth > 0 {
                        if next == "\\" { index += 1 } else if next == "(" { depth += 1 } else if next == ")" { depth -= 1 }
                        index += 1
                    }
                    return ""
                }
            }
            let inner = alternation()
            if current == ")" { index += 1 }
            return inner
        case "[": return characterClass()
        case "\\": return escape(inClass: false)
        default: return String(character)
        }
    }

    private mutating func escape(inClass: Bool) -> String {
        guard let character = current else { return "" }
        index += 1
        switch character {
        case "d": return "1"
        case "w": return "a"
        case "s": return " "
        case "D", "W", "S": return "-"
        case "A", "Z", "z", "b", "B", "G": return ""
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "u":
            var hex = ""
            if current == "{" {
                index += 1
                while let next = current, next != "}" { hex.append(next); index += 1 }
                index += 1
            } else {
                for _ in 0..<4 { if let next = current { hex.append(next); index += 1 } }
            }
            return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        case "x":
            var hex = ""
            for _ in 0..<2 { if let next = current { hex.append(next); index += 1 } }
            return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        case "p", "P":
            if current == "{" { while let next = current, next != "}" { index += 1; _ = next }; index += 1 }
            return character == "p" ? "a" : "-"
        default: return String(character)
        }
    }

    /// A character the class accepts, preferring a letter, then a digit.
    private mutating func characterClass() -> String {
        var negated = false
        if current == "^" { negated = true; index += 1 }
        var members: [ClosedRange<UInt32>] = []
        var first = true
        while let character = current, character != "]" || first {
            first = false
            var low: String
            if character == "\\" {
                index += 1
                let escaped = pattern[index]
                low = escape(inClass: true)
                switch escaped {
                case "d": members.append(48...57); continue
                case "w": members += [97...122, 65...90, 48...57, 95...95]; continue
                case "s": members.append(32...32); continue
                case "p": members += [97...122, 65...90]; continue
                default: break
                }
            } else if character == "[" && index + 1 < pattern.count && pattern[index + 1] == ":" {
                while let next = current, next != "]" { index += 1; _ = next }
                index += 1
                members += [97...122]
                continue
            } else {
                low = String(character)
                index += 1
            }
            guard let lowScalar = low.unicodeScalars.first?.value else { continue }
            if current == "-", index + 1 < pattern.count, pattern[index + 1] != "]" {
                index += 1
                var high: String
                if current == "\\" { index += 1; high = escape(inClass: true) } else { high = String(current!); index += 1 }
                let highScalar = high.unicodeScalars.first?.value ?? lowScalar
                members.append(lowScalar...max(lowScalar, highScalar))
            } else {
                members.append(lowScalar...lowScalar)
            }
        }
        index += 1
        let preferred: [UInt32] = Array(97...122) + Array(48...57) + Array(65...90) + [45, 95, 46, 47]
        for candidate in preferred {
            let inside = members.contains { $0.contains(candidate) }
            if inside != negated { return String(Character(Unicode.Scalar(candidate)!)) }
        }
        if !negated, let range = members.first, let scalar = Unicode.Scalar(range.lowerBound) { return String(Character(scalar)) }
        return "a"
    }
}
