// The naming rules of CloudFormation and S3 that both the DSL (at the user's line) and the
// deployer (on a manifest someone may have edited) check. They work on UTF-8 bytes: `Character`
// properties consult Unicode's tables, which costs more when run for every name of a thousand stacks.

/// CloudFormation stack names: a letter, then letters, digits and hyphens, at most 128 characters.
public enum StackName: Sendable {
    /// Whether `name` is a valid stack name.
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= Limits.stackNameLength, ASCII.isLetter(first) else { return false }
        return bytes.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}

/// AWS account IDs: exactly 12 digits.
public enum AccountID: Sendable {
    /// Whether `id` is a 12-digit account ID.
    public static func isValid(_ id: String) -> Bool { id.utf8.count == 12 && id.utf8.allSatisfy(ASCII.isDigit) }
}

/// AWS Organizations targets of a service-managed StackSet: an OU (`ou-` 4 to 32, `-`, 8 to 32
/// lowercase letters or digits) or the root (`r-` 4 to 32).
public enum OrganizationalUnitID: Sendable {
    /// Whether `id` is an OU or root ID.
    public static func isValid(_ id: String) -> Bool {
        func part(_ text: Substring, _ range: ClosedRange<Int>) -> Bool {
            range.contains(text.utf8.count) && text.utf8.allSatisfy { ASCII.isLowercase($0) || ASCII.isDigit($0) }
        }
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0] == "r" { return part(parts[1], 4...32) }
        return parts.count == 3 && parts[0] == "ou" && part(parts[1], 4...32) && part(parts[2], 8...32)
    }

    /// The rule in one phrase, for error messages.
    public static let rule = "ou-xxxx-xxxxxxxx or r-xxxx (lowercase letters and digits)"
}

/// Logical IDs of resources, parameters, outputs, conditions and mappings: 1 to 255 ASCII letters and digits.
public enum LogicalID: Sendable {
    /// Whether `id` is a valid logical ID.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= Limits.logicalIdLength && id.utf8.allSatisfy(ASCII.isAlphanumeric)
    }
}

/// S3 bucket names (general purpose buckets), as a template bucket must follow them.
public enum S3BucketName: Sendable {
    /// Why `name` breaks S3's bucket naming rules, or `nil` when it follows them.
    public static func problem(_ name: String) -> String? {
        guard (3...63).contains(name.utf8.count) else { return "it has \(name.utf8.count) characters" }
        func allowed(_ byte: UInt8) -> Bool {
            ASCII.isLowercase(byte) || ASCII.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        // Bytes first; the Character search only names the culprit.
        if !name.utf8.allSatisfy(allowed), let bad = name.first(where: { !($0.utf8.count == 1 && allowed($0.utf8.first!)) }) {
            return "'\(bad)' is not allowed"
        }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, ASCII.isAlphanumeric(first), ASCII.isAlphanumeric(last) else {
            return "it must start and end with a letter or digit"
        }
        if zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }) {
            return "it has two adjacent dots"
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(ASCII.isDigit) }) { return "it is formatted as an IP address" }
        if let prefix = ["xn--", "sthree-"].first(where: name.hasPrefix) { return "the prefix '\(prefix)' is reserved" }
        if let suffix = ["-s3alias", "--ol-s3", "--x-s3"].first(where: name.hasSuffix) { return "the suffix '\(suffix)' is reserved" }
        return nil
    }

    /// Whether `name` follows S3's bucket naming rules.
    public static func isValid(_ name: String) -> Bool { problem(name) == nil }

    /// The rules in one phrase, for error messages.
    public static let rule = "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"
}

/// ASCII classes of UTF-8 bytes.
enum ASCII {
    static func isUppercase(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
    static func isLowercase(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
    static func isLetter(_ byte: UInt8) -> Bool { isUppercase(byte) || isLowercase(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
}
