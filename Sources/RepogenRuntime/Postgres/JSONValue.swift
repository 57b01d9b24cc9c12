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
        var text = ""
        write(into: &text)
        return text
    }

    /// Parses JSON text, throwing `decodingFailed` when it is not valid JSON.
    public init(parsing text: String) throws {
        var text = text
        if let parsed = text.withUTF8({ JSONBytesParser.parse(UnsafeRawBufferPointer($0)) }) {
            self = parsed
            return
        }
        do {
            self = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw RepogenError.decoding("invalid JSON: \(error.localizedDescription)")
        }
    }

    private func write(into text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .number(let value): text += Self.numberText(value)
        case .string(let value): Self.writeString(value, into: &text)
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                text += index == 0 ? "" : ","
                value.write(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                text += index == 0 ? "" : ","
                Self.writeString(key, into: &text)
                text += ":"
                members[key]?.write(into: &text)
            }
            text += "}"
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

    private static func writeString(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
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
        buffer.append(contentsOf: jsonText.utf8)
    }

    /// Decodes `jsonb` (version 1) or `json` and textual types holding JSON text.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> JSONValue {
        if type == .jsonb, bytes.first == 1,
            let parsed = JSONBytesParser.parse(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()))
        {
            return parsed
        }
        let text = type == .jsonb ? try jsonbText(bytes) : String(decoding: bytes, as: UTF8.self)
        return try JSONValue(parsing: text)
    }

    /// The JSON text of a binary `jsonb` value.
    static func jsonbText(_ bytes: UnsafeRawBufferPointer) throws -> String {
        guard let version = bytes.first, version == 1 else {
            throw RepogenError.decoding("unsupported jsonb version")
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
    }
}
