/// A strict JSON (RFC 8259) parser straight from UTF-8 bytes into `JSONValue`.
///
/// `jsonb` columns are decoded on every row read, and going through `JSONDecoder` and `Codable` cost several
/// microseconds per small document (the enum's decoder tries each case in turn, throwing on every miss).
struct JSONParser {
    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 512

    let bytes: UnsafeRawBufferPointer
    var index = 0
    private var depth = 0

    /// Parses one JSON document, with optional surrounding whitespace, from `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.failure("unexpected text after the JSON value")
        }
        return value
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func parseValue() throws -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw failure("unexpected end of input")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try nested { try $0.parseObject() }
        case UInt8(ascii: "["): return try nested { try $0.parseArray() }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return .number(try parseNumber())
        }
    }

    private mutating func nested(_ parse: (inout JSONParser) throws -> JSONValue) throws -> JSONValue {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure("nesting deeper than \(Self.maximumDepth)")
        }
        defer { depth -= 1 }
        return try parse(&self)
    }

    private mutating func parseObject() throws -> JSONValue {
        index += 1  // {
        var members: [String: JSONValue] = [:]
        if try consume(UInt8(ascii: "}")) {
            return .object(members)
        }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a string key")
            }
            let key = try parseString()
            guard try consume(UInt8(ascii: ":")) else {
                throw failure("expected ':'")
            }
            members[key] = try parseValue()
        } while try consume(UInt8(ascii: ","))
        guard try consume(UInt8(ascii: "}")) else {
            throw failure("expected ',' or '}'")
        }
        return .object(members)
    }

    private mutating func parseArray() throws -> JSONValue {
        index += 1  // [
        var elements: [JSONValue] = []
        if try consume(UInt8(ascii: "]")) {
            return .array(elements)
        }
        repeat {
            elements.append(try parseValue())
        } while try consume(UInt8(ascii: ","))
        guard try consume(UInt8(ascii: "]")) else {
            throw failure("expected ',' or ']'")
        }
        return .array(elements)
    }

    /// Skips whitespace, then takes `byte` if it comes next.
    private mutating func consume(_ byte: UInt8) throws -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            return false
        }
        index += 1
        return true
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              word.withUTF8Buffer({ $0.elementsEqual(bytes[index..<index + count]) })
        else {
            throw failure("invalid literal")
        }
        index += count
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func failure(_ reason: String) -> RepogenError {
        RepogenError.decoding("invalid JSON at byte \(index): \(reason)")
    }
}
