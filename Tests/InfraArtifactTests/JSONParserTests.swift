import Testing
@testable import InfraArtifact

/// The bounded JSON parser: RFC 8259 in, ordered values out, and clear errors for anything else.
@Suite struct JSONParserTests {
    @Test func valuesKeepTheirOrderAndKind() throws {
        let value = try JSONValue.parse(#" {"b": [1, -2.5, 3e2, true, false, null], "a": {"x": "y"}, "c": -0} "#)
        #expect(value == .object([
            JSONValue.Member("b", [1, -2.5, 300.0, true, false, .null]),
            JSONValue.Member("a", ["x": "y"]),
            JSONValue.Member("c", 0),
        ]))
    }

    @Test func stringEscapesAndSurrogatePairsDecode() throws {
        #expect(try JSONValue.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try JSONValue.parse("\"é😀\"") == .string("é😀"))
    }

    @Test(arguments: [
        ("", "unexpected end of input at line 1, column 1"),
        ("[1,]", "unexpected character ']' at line 1, column 4"),
        ("{\"a\" 1}", "expected ':' after the key at line 1, column 6"),
        ("[1] x", "unexpected text after the JSON value at line 1, column 5"),
        ("\n  01", "unexpected text after the JSON value at line 2, column 4"),
        ("\"\\ud83d\"", "a high surrogate must be followed by a low one at line 1, column 8"),
        ("\"\\u+1ab\"", "\\u needs four hex digits at line 1, column 4"),
        ("\"a\nb\"", "a control character inside a string must be escaped at line 1, column 3"),
        ("1e999", "the number 1e999 is out of range at line 1, column 1"),
        ("tru", "invalid literal at line 1, column 1"),
        ("{\"a\": 1", "unexpected end of input in an object at line 1, column 8"),
    ])
    func malformedInputIsRefusedWithItsPlace(_ text: String, _ message: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func nestingIsBoundedWithoutExhaustingTheStack() throws {
        let limits = JSONLimits(maxDepth: 20, maxBytes: 1 << 20)
        let fine = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(try JSONValue.parse(fine, limits: limits) != .null)
        let deep = String(repeating: "[", count: 21) + String(repeating: "]", count: 21)
        #expect(throws: JSONParseError(message: "nesting deeper than 20 levels", offset: 20, line: 1, column: 21)) {
            try JSONValue.parse(deep, limits: limits)
        }
        // 50,000 levels once crashed a deployer that parsed (and freed) them recursively; now it is an error.
        let hostile = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(hostile) }
    }

    @Test func sizeIsBounded() {
        let limits = JSONLimits(maxDepth: 10, maxBytes: 8)
        #expect(throws: JSONParseError(message: "the input is 9 bytes, over the limit of 8", offset: 0, line: 1, column: 1)) {
            try JSONValue.parse("\"1234567\"", limits: limits)
        }
    }

    @Test func whatTheWriterWritesParsesBackToTheSameValue() throws {
        let value: JSONValue = ["name": "a\"b\u{1}é", "list": [1, 2.5, .null, true], "empty": [:], "none": []]
        #expect(try JSONValue.parse(JSONWriter.write(value)) == value)
        #expect(try JSONValue.parse(JSONWriter.compact(value)) == value)
    }

    @Test func aMissingKeyIsNilNotJSONNull() throws {
        let value = try JSONValue.parse(#"{"present": null}"#)
        // Were JSONValue nil-literal convertible, `!= nil` would compare with JSON null and hold here.
        #expect(value["missing"] == nil)
        #expect(value["present"] == .null)
    }

    @Test func controlCharactersAndDeleteAreEscaped() {
        #expect(JSONWriter.compact(.string("a\u{7F}b\u{1}c")) == #""a\u007fb\u0001c""#)
    }

    @Test func canonicalFormComparesByMeaning() throws {
        let left = try JSONValue.parse(#"{"b": 1.0, "a": [{"y": 2, "x": 1}]}"#)
        let right = try JSONValue.parse(#"{"a": [{"x": 1, "y": 2.0}], "b": 1}"#)
        #expect(left != right)
        #expect(left.canonical == right.canonical)
    }
}
