extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    ///
    /// `contains("…")` resolves to Foundation's search wherever Foundation is imported, which
    /// bridges through NSString: over a thousand stacks that cost more than rendering them.
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        let text = Array(utf8), needle = Array(needle.utf8)
        guard text.count >= needle.count else { return false }
        return (0...(text.count - needle.count)).contains { start in
            text[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
