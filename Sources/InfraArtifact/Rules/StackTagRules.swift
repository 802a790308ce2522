// CloudFormation's rules for stack tags and the app's name, shared by the DSL (at the user's line)
// and the manifest reader.

/// Stack tag limits as CloudFormation enforces them on `CreateStack`/`CreateChangeSet`.
public enum StackTagRules: Sendable {
    /// At most this many tags on one stack (the app's tag included).
    public static let maximumCount = 50
    /// A key has 1 to this many characters.
    public static let maximumKeyLength = 128
    /// A value has 0 to this many characters.
    public static let maximumValueLength = 256

    /// Why `key` = `value` is not a tag CloudFormation accepts, or `nil` when it is.
    public static func problem(key: String, value: String) -> String? {
        if key.isEmpty { return "a tag key must not be empty" }
        if key.count > maximumKeyLength { return "tag key '\(key.prefix(40))…' has \(key.count) characters; at most \(maximumKeyLength)" }
        // AWS reserves the prefix in any case; CloudFormation refuses such tags only at deploy time.
        if key.lowercased().hasPrefix("aws:") { return "tag key '\(key)' starts with 'aws:', which AWS reserves for its own tags" }
        if value.count > maximumValueLength { return "the value of tag '\(key)' has \(value.count) characters; at most \(maximumValueLength)" }
        return nil
    }
}

/// An app's name (`App(name:)`): the value of every stack's `infradsl:app` tag.
public enum AppName: Sendable {
    /// The rule, in words.
    public static let rule = "1 to 128 characters: a letter, then letters, digits, '-', '_' and '.'"

    /// Whether `name` is a valid app name.
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 128, ASCII.isLetter(first) else { return false }
        return bytes.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
