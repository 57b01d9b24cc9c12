import Foundation

/// A JSON document, stored in PostgreSQL as `jsonb`.
///
/// ```swift
/// let metadata: JSONValue = ["source": "web", "tags": ["roof", 2], "urgent": true, "note": nil]
/// ```
public enum JSONValue: Hashable, Sendable, Codable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the matching JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON text with object keys sorted, e.g. `{"a":1,"b":[true,null]}`; NaN and infinities become `null`.
    public var jsonText: String {
        var utf8: [UInt8] = []
        write(into: &utf8)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Parses JSON text, throwing `decodingFailed` when it is not valid JSON.
    public init(parsing text: String) throws {
        var text = text
        self = try text.withUTF8 { try JSONParser.parse(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the compact JSON text as UTF-8 (what `jsonText` returns), without building a `String`.
    func write(into utf8: inout [UInt8]) {
        switch self {
        case .null: utf8.append(contentsOf: "null".utf8)
        case .bool(let value): utf8.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): utf8.append(contentsOf: Self.numberText(value).utf8)
        case .string(let value): Self.writeString(value, into: &utf8)
        case .array(let values):
            utf8.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { utf8.append(UInt8(ascii: ",")) }
                value.write(into: &utf8)
            }
            utf8.append(UInt8(ascii: "]"))
        case .object(let members):
            utf8.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { utf8.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &utf8)
                utf8.append(UInt8(ascii: ":"))
                member.value.write(into: &utf8)
            }
            utf8.append(UInt8(ascii: "}"))
        }
    }

    private static func numberText(_ value: Double) -> String {
        guard value.isFinite else {
            return "null"
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A JSON string literal: quote, backslash and control characters escaped, other UTF-8 bytes as they are.
    private static func writeString(_ value: String, into utf8: inout [UInt8]) {
        utf8.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): utf8.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): utf8.append(contentsOf: #"\\"#.utf8)
            case 0x0A: utf8.append(contentsOf: #"\n"#.utf8)
            case 0x0D: utf8.append(contentsOf: #"\r"#.utf8)
            case 0x09: utf8.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                let hex = String(byte, radix: 16)
                utf8.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: utf8.append(byte)
            }
        }
        utf8.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is `.null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true` is `.bool(true)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `3` is `.number(3)`.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// `2.5` is `.number(2.5)`.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// `"a"` is `.string("a")`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `[1, "a"]` is an `.array`.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// `["a": 1]` is an `.object`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue: PostgresEncodable, PostgresDecodable {
    /// `jsonb`.
    public static var postgresType: PostgresType { .jsonb }

    /// The jsonb version byte 1 followed by the JSON text.
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(1)
        write(into: &buffer)
    }

    /// Decodes `jsonb` (version 1) or `json` and textual types holding JSON text.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> JSONValue {
        guard type == .jsonb else {
            return try JSONParser.parse(bytes)
        }
        guard let version = bytes.first, version == 1 else {
            throw RepogenError.decoding("unsupported jsonb version")
        }
        return try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()))
    }

    /// The JSON text of a binary `jsonb` value.
    static func jsonbText(_ bytes: UnsafeRawBufferPointer) throws -> String {
        guard let version = bytes.first, version == 1 else {
            throw RepogenError.decoding("unsupported jsonb version")
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
    }
}
