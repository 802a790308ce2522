/// How schema names become Swift names: deterministic, collision-free, keyword-safe.
public enum Naming: Sendable {
    /// Swift keywords that need backticks as identifiers.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "false", "is", "nil", "super", "throws", "true", "try", "_",
    ]

    /// A name used as an identifier: backticked when it is a keyword.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The words of a name: splits at anything but letters and digits.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in name {
            if character.isASCII && (character.isLetter || character.isNumber) {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `RoleName` → `roleName`, `EFSVolumeConfiguration` → `efsVolumeConfiguration`, `IAM` → `iam`,
    /// `FSxWindows…` → `fsxWindows…`, `IPv6Address` → `ipv6Address`, `S3Key` → `s3Key`,
    /// `awslogs-group` → `awslogsGroup`.
    public static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "value" }
        var result = lowerFirstWord(first)
        for part in parts.dropFirst() { result += upperFirst(part) }
        if let leading = result.first, leading.isNumber { result = "_" + result }
        return result
    }

    /// `role-name` → `RoleName`, `Tmpfs` → `Tmpfs`.
    public static func upperCamel(_ name: String) -> String {
        let result = words(name).map(upperFirst).joined()
        guard let leading = result.first else { return "Value" }
        return leading.isNumber ? "_" + result : result
    }

    static func upperFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    /// Lowercases the leading capitals of one word the way Swift API guidelines do for acronyms.
    static func lowerFirstWord(_ word: String) -> String {
        let characters = Array(word)
        var upperRun = 0
        while upperRun < characters.count, characters[upperRun].isUppercase { upperRun += 1 }
        if upperRun == 0 { return word }
        if upperRun == characters.count { return word.lowercased() }
        if upperRun == 1 { return characters[0].lowercased() + String(characters[1...]) }
        // An acronym with one lowercase letter inside it (FSx, IPv6, ARNs) stays one word.
        let next = upperRun + 1
        if characters[upperRun].isLowercase, next == characters.count || !characters[next].isLowercase {
            return String(characters[0...upperRun]).lowercased() + String(characters[next...])
        }
        // `EFSVolume` → `efsVolume`: the last capital starts the next word.
        if characters[upperRun].isLowercase {
            return String(characters[0..<upperRun - 1]).lowercased() + String(characters[(upperRun - 1)...])
        }
        // Digits after capitals (`S3Key`, `EC2`): lowercase the capitals.
        return String(characters[0..<upperRun]).lowercased() + String(characters[upperRun...])
    }

    /// A static member name for an enumeration value: `FARGATE_SPOT` → `fargateSpot`,
    /// `nodejs18.x` → `nodejs18X`, `` → `empty`, `1` → `_1`.
    public static func caseName(_ value: String) -> String {
        let parts = words(value)
        guard !parts.isEmpty else { return value.isEmpty ? "empty" : "value" }
        let normalized = parts.map { part -> String in
            // SCREAMING words read as words: `FARGATE` → `Fargate`.
            part.allSatisfy({ !$0.isLowercase }) ? part.lowercased() : part
        }
        var result = lowerFirstWord(normalized[0])
        for part in normalized.dropFirst() { result += upperFirst(part) }
        if let leading = result.first, leading.isNumber { result = "_" + result }
        return result
    }

    /// The first sentence of a schema description, on one line, Markdown reduced to plain text and
    /// code spans; nil when the description is empty.
    public static func summary(_ description: String?) -> String? {
        guard var text = description else { return nil }
        text = text.replacingAll("\r", with: " ").replacingAll("\n", with: " ").replacingAll("\t", with: " ")
        while text.contains("  ") { text = text.replacingAll("  ", with: " ") }
        text = text.replacingAll("``", with: "`")
        text = stripLinks(text)
        text = text.trimmingSpaces()
        guard !text.isEmpty else { return nil }
        text = firstSentence(text)
        if let last = text.last, !".!?".contains(last) { text += "." }
        return upperFirst(text)
    }

    /// `[text](url)` → `text`.
    static func stripLinks(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]"), rest.index(after: close) < rest.endIndex,
                rest[rest.index(after: close)] == "(", let end = rest[close...].firstIndex(of: ")")
            else {
                result += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += rest[..<open]
            result += rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// Text up to the first full stop that ends a sentence (not `e.g.`, `i.e.`, `etc.`, a version or a code span).
    static func firstSentence(_ text: String) -> String {
        let characters = Array(text)
        var inCode = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "`" { inCode.toggle() }
            if !inCode, character == ".", index + 1 < characters.count, characters[index + 1] == " " {
                let before = String(characters[max(0, index - 4)..<index]).lowercased()
                let abbreviation = before.hasSuffix("e.g") || before.hasSuffix("i.e") || before.hasSuffix("etc")
                    || before.hasSuffix(" vs") || before.hasSuffix("approx")
                if !abbreviation { return String(characters[0...index]) }
            }
            index += 1
        }
        return text
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var index = startIndex
        while let found = self[index...].firstIndex(of: first) {
            if self[found...].hasPrefix(target) {
                return found..<self.index(found, offsetBy: target.count)
            }
            index = self.index(after: found)
        }
        return nil
    }
}
