import InfraArtifact

/// What an answer that is not an AWS XML error says, in one line: the code and message of a JSON
/// error (`{"__type": …, "message": …}`, as JSON-protocol services and some proxies send), or the
/// start of its text, so a 400 from a gateway is reported by what it says rather than by its size.
enum ErrorBody {
    /// How much of an unrecognised body is kept: enough for a proxy's sentence, not a whole page.
    static let maxExcerpt = 500

    /// The JSON error's code and message, when the body is one.
    static func jsonError(_ body: [UInt8]) -> (code: String?, message: String)? {
        guard let value = try? JSONValue.parse(body, limits: JSONLimits(maxDepth: 16, maxBytes: 1 << 20)) else { return nil }
        let code = first(["__type", "code", "Code"], in: value).map { $0.split(separator: "#").last.map(String.init) ?? $0 }
        let message = first(["message", "Message", "errorMessage"], in: value)
        guard code != nil || message != nil else { return nil }
        return (code, message ?? "")
    }

    /// The first of `keys` that holds a string.
    private static func first(_ keys: [String], in value: JSONValue) -> String? {
        keys.lazy.compactMap { value[$0]?.stringValue }.first
    }

    /// `text` with whitespace runs and control characters collapsed to one space, cut at
    /// ``maxExcerpt`` characters; empty for an empty body.
    static func excerpt(_ text: String) -> String {
        var collapsed = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace { collapsed.append(" ") }
            pendingSpace = false
            collapsed.unicodeScalars.append(scalar)
            if collapsed.unicodeScalars.count > maxExcerpt * 2 { break }
        }
        return collapsed.count > maxExcerpt ? String(collapsed.prefix(maxExcerpt)) + "…" : collapsed
    }
}
