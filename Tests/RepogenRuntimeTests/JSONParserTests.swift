import Foundation
import Testing

@testable import RepogenRuntime

/// The direct JSON parser gives what `JSONDecoder` gave for every document, and defers to it for the rest.
@Suite struct JSONParserTests {
    /// What `JSONValue(parsing:)` returned before the direct parser: `JSONDecoder` alone.
    func decoderValue(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func parserValue(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { JSONBytesParser.parse(UnsafeRawBufferPointer($0)) }
    }

    @Test(
        "documents parse as JSONDecoder parses them",
        arguments: [
            #"{"source": "bench"}"#, "{}", "[]", "null", "true", "false", "0", "-0", "12", "-3.5", "1e3", "2.5E-3",
            "12345678901234567890", "0.1", #""a\"b\\c\/d\b\f\n\r\t""#, #""\u00e9\u4e2d\ud83d\ude00""#, #""é中😀""#,
            #"{"a": [1, {"b": null, "c": [true, false]}], "d": "x", "e": {}}"#, " \n\t[ 1 , 2 ] \r\n",
            #"{"price": 19.99, "tags": ["roof", 2], "urgent": true, "note": null}"#,
        ])
    func sameAsDecoder(_ text: String) throws {
        let expected = try #require(decoderValue(text))
        #expect(parserValue(text) == expected)
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test(
        "input the parser does not accept is left to JSONDecoder",
        arguments: ["", "{", "[1,]", "01", "1.", "-", "nul", "\"\u{01}\"", #""\ud83d""#, #"{"a":1,"a":2}"#, "1 2", "1e999"])
    func rejected(_ text: String) {
        #expect(parserValue(text) == Optional<JSONValue>.none)
        #expect((try? JSONValue(parsing: text)) == decoderValue(text))
    }

    @Test func binaryJsonbIsParsedFromItsBytes() throws {
        let value: JSONValue = ["source": "bench", "n": [1, 2.5, nil], "ok": true]
        var bytes: [UInt8] = []
        value.encode(into: &bytes)
        let decoded = try bytes.withUnsafeBytes { try JSONValue.decode(from: $0, type: .jsonb) }
        #expect(decoded == value)
    }

    @Test func textIsCompactSortedAndEscaped() throws {
        let value: JSONValue = ["b": ["q\"\\\n\r\t\u{01}é😀", 2.5, 3, nil, false], "a": [:]]
        #expect(value.jsonText == #"{"a":{},"b":["q\"\\\n\r\t\u0001é😀",2.5,3,null,false]}"#)
        #expect(try JSONValue(parsing: value.jsonText) == value)
    }

    @Test func deepNestingIsLeftToJSONDecoder() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(parserValue(text) == Optional<JSONValue>.none)
    }
}
