import InfraArtifact

// The registry schemas are read with the artifact module's JSONValue, the one JSON implementation
// of the package; these are the views the generator takes of a schema node.

extension JSONValue {
    /// The string, when this is one.
    var string: String? { stringValue }

    /// The items, when this is a list.
    var array: [JSONValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// The members in document order, when this is an object.
    var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The number as JSON text (`3600`, `0.5`), when this is a number: what generated code and the
    /// sweep's literals are written with.
    var number: String? {
        switch self {
        case .int, .double: JSONWriter.compact(self)
        default: nil
        }
    }

    /// The strings of a list of strings; nil when this is not a list.
    var strings: [String]? { array?.compactMap(\.string) }

    /// Compact JSON text, as embedded in generated code: ASCII only, every other character as its
    /// `\\uXXXX` escape, so no invisible or look-alike character (a no-break space, U+3000) hides in
    /// a generated file. Outside strings JSON text is ASCII, so escaping the whole text is safe.
    var compactText: String {
        var text = ""
        for unit in JSONWriter.compact(self).utf16 {
            if unit < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            } else {
                let hex = String(unit, radix: 16, uppercase: true)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return text
    }
}
