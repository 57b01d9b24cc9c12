import Foundation
@testable import RepogenRuntime
import Testing

@Suite("JSON parser (no database)")
struct JSONParserTests {
    static let documents = [
        #"{}"#, #"[]"#, #"null"#, #"true"#, #"false"#, #"0"#, #"-0"#, #"-12.5e-3"#, #"1E+2"#, #"123456789012345678"#,
        #"0.1"#, #"  {"a" : [1, 2 , {"b": null}], "c": "d"}  "#,
        #""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 end""#, #""ünïcødé 😀""#, #"[[[[[[]]]]]]"#,
        #"{"source":"seed","n":42,"tags":["roof",2,false],"nested":{"x":-1.25e10}}"#, "12345678901234567890",
        #""a\"b\\c\/d\b\f\n\r\t""#, #""\u00e9\u4e2d\ud83d\ude00""#, #""é中😀""#, " \n\t[ 1 , 2 ] \r\n",
        #"{"a": [1, {"b": null, "c": [true, false]}], "d": "x", "e": {}}"#,
        #"{"price": 19.99, "tags": ["roof", 2], "urgent": true, "note": null}"#,
    ]

    @Test("parses every document exactly as Foundation's JSONDecoder does")
    func matchesJSONDecoder() throws {
        for document in Self.documents {
            let expected = try JSONDecoder().decode(JSONValue.self, from: Data(document.utf8))
            #expect(try JSONValue(parsing: document) == expected, "\(document)")
        }
    }

    @Test("integers are converted directly, bit for bit as Double(String) converts them, -0 included")
    func integersMatchDoubleParsing() throws {
        let integers = [
            "0", "-0", "7", "-7", "42", "100000", "999999999999999", "-999999999999999", "1000000000000000",
            "9007199254740993", "-9007199254740993", "123456789012345678901234567890", "12e2", "12.0", "-0.0",
        ]
        for text in integers {
            guard case .number(let value) = try JSONValue(parsing: text) else {
                Issue.record("\(text) did not parse as a number")
                continue
            }
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test("a repeated key keeps its last value, as jsonb does")
    func repeatedKey() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test("refuses what is not JSON, with the byte offset")
    func refusesInvalidJSON() {
        let invalid = [
            "", " ", "{", "[1,]", "{\"a\":}", "{a:1}", "01", "1.", ".5", "1e", "-", "+1", "tru", "nul", "\"open",
            "\"bad \\x escape\"", "\"\\ud800\"", "\"\\u12\"", "[1] 2", "{\"a\" 1}", "\"tab\there\"", "1e999",
            "\"\u{01}\"", "1 2",
        ]
        for text in invalid {
            #expect(throws: RepogenError.self, "\(text)") { try JSONValue(parsing: text) }
        }
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: RepogenError.self) { try JSONValue(parsing: deep) }
    }

    @Test("reads binary jsonb: the version byte, then the text")
    func jsonb() throws {
        let bytes: [UInt8] = [1] + Array(#"{"k":[true]}"#.utf8)
        let value = try bytes.withUnsafeBytes { try JSONValue.decode(from: $0, type: .jsonb) }
        #expect(value == ["k": [true]])
        let wrongVersion: [UInt8] = [2] + Array("{}".utf8)
        #expect(throws: RepogenError.self) {
            try wrongVersion.withUnsafeBytes { try JSONValue.decode(from: $0, type: .jsonb) }
        }
    }
}
