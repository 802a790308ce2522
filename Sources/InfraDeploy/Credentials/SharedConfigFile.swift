/// One parsed AWS shared file (`~/.aws/config` or `~/.aws/credentials`): profile name → settings.
///
/// The format is INI as botocore reads it: `#`/`;` full-line comments, keys lower-cased, indented
/// lines are nested settings (`s3 =` blocks) stored as `parent.child`, no inline comments.
struct SharedConfigFile: Sendable, Equatable {
    enum Kind: Sendable { case config, credentials }

    var profiles: [String: [String: String]] = [:]
    /// Sections that are not profiles, keyed `type name` with single spaces (`services local`, `sso-session x`).
    var otherSections: [String: [String: String]] = [:]

    /// Parses `text`; errors give the path and line number but never the line, which may hold a secret.
    static func parse(_ text: String, kind: Kind, path: String) throws -> SharedConfigFile {
        var file = SharedConfigFile()
        var current: (name: String, isProfile: Bool)?
        var lastKey: String?
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            func invalid(_ why: String) -> CredentialError {
                CredentialError(.invalidConfiguration, "\(path) line \(offset + 1): \(why)", source: "profile")
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw invalid("a section header must look like [name]") }
                let inner = String(line.dropFirst().dropLast()).trimmingWhitespace()
                current = sectionName(inner, kind: kind)
                lastKey = nil
                if let current, current.isProfile, file.profiles[current.name] == nil { file.profiles[current.name] = [:] }
                continue
            }
            guard let section = current else { throw invalid("a setting appears before any [section]") }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            guard let equals = line.firstIndex(of: "=") else { throw invalid("expected 'name = value'") }
            var key = String(line[..<equals]).trimmingWhitespace().lowercased()
            let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            guard !key.isEmpty else { throw invalid("a setting has no name") }
            if indented, let parent = lastKey {
                // Only a setting with an empty value opens a nested block; botocore would read any other
                // indented line as a continuation of the value, so refuse rather than disagree with it.
                guard (section.isProfile ? file.profiles[section.name]?[parent] : file.otherSections[section.name]?[parent]) == "" else {
                    throw invalid("an indented line follows '\(parent)', which has a value; remove the indentation")
                }
                key = "\(parent).\(key)"
            } else {
                lastKey = key
            }
            if section.isProfile { file.profiles[section.name, default: [:]][key] = value }
            else { file.otherSections[section.name, default: [:]][key] = value }
        }
        return file
    }

    /// In the config file profiles are `[default]` or `[profile name]`; in the credentials file the
    /// header is the profile name itself.
    private static func sectionName(_ header: String, kind: Kind) -> (name: String, isProfile: Bool) {
        switch kind {
        case .credentials:
            return (header, true)
        case .config:
            if header == "default" { return ("default", true) }
            let words = header.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count == 2, words[0] == "profile" { return (String(words[1]).trimmingWhitespace(), true) }
            return (header.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " "), false)
        }
    }
}

/// The config and credentials files together; for one profile, credentials-file values win.
struct SharedConfiguration: Sendable {
    var config: SharedConfigFile
    var credentials: SharedConfigFile
    var configPath: String
    var credentialsPath: String

    /// Reads both files; a missing file is empty, an unreadable or malformed one throws.
    static func load(from environment: AWSEnvironment) throws -> SharedConfiguration {
        let configPath = environment.expandingTilde(environment.variable("AWS_CONFIG_FILE") ?? "~/.aws/config")
        let credentialsPath = environment.expandingTilde(environment.variable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials")
        func read(_ path: String, _ kind: SharedConfigFile.Kind) throws -> SharedConfigFile {
            let text: String?
            do {
                text = try environment.files.text(atPath: path)
            } catch {
                throw CredentialError(.invalidConfiguration, "cannot read \(path)", source: "profile", underlying: SecretFreeError(error))
            }
            return try text.map { try SharedConfigFile.parse($0, kind: kind, path: path) } ?? SharedConfigFile()
        }
        return SharedConfiguration(
            config: try read(configPath, .config), credentials: try read(credentialsPath, .credentials),
            configPath: configPath, credentialsPath: credentialsPath
        )
    }

    /// The merged settings of `name`, or `nil` when neither file has it.
    func profile(_ name: String) -> [String: String]? {
        let fromConfig = config.profiles[name]
        let fromCredentials = credentials.profiles[name]
        if fromConfig == nil, fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }

    /// `AWS_PROFILE`, then the legacy `AWS_DEFAULT_PROFILE`, then `default`; `explicit` when a variable chose it.
    static func selectedProfile(in environment: AWSEnvironment) -> (name: String, explicit: Bool) {
        if let name = environment.variable("AWS_PROFILE") ?? environment.variable("AWS_DEFAULT_PROFILE") { return (name, true) }
        return ("default", false)
    }
}

/// Wraps a system error by its description only, so a non-Sendable error can be carried as a cause.
struct SecretFreeError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ error: any Error) { description = "\(error)" }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
