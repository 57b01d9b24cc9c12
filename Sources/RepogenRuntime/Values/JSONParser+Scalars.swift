/// Strings and numbers, the two JSON tokens with an inner grammar.
extension JSONParser {
    /// Parses a string token; the index is on its opening quote.
    mutating func parseString() throws -> String {
        index += 1
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let text = try validated(start..<index)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                return try parseEscapedString(prefix: validated(start..<index))
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private func validated(_ range: Range<Int>) throws -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        if slice.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: slice, as: UTF8.self)  // ASCII, the usual key: valid as it stands
        }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw failure("invalid UTF-8 in a string")
        }
        return text
    }

    /// The rest of a string with escapes, from the first backslash on.
    private mutating func parseEscapedString(prefix: String) throws -> String {
        var scalars = String.UnicodeScalarView(prefix.unicodeScalars)
        var run = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: try validated(run..<index).unicodeScalars)
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(scalars)
                }
                scalars.append(try parseEscape())
                run = index
            } else if byte < 0x20 {
                throw failure("control character in a string")
            } else {
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    /// One escape sequence; the index is on its backslash.
    private mutating func parseEscape() throws -> Unicode.Scalar {
        guard index + 1 < bytes.count else {
            throw failure("unterminated escape")
        }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try parseUnicodeEscape()
        default: throw failure("invalid escape")
        }
    }

    /// `\uXXXX`, combining a surrogate pair into one scalar; the index is after the `u`.
    private mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
        let first = try hexQuad()
        if (0xD800..<0xDC00).contains(first) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw failure("unpaired surrogate")
            }
            index += 2
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else {
                throw failure("unpaired surrogate")
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw failure("unpaired surrogate")
        }
        return scalar
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw failure("short \\u escape")
        }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexDigit(byte) else {
                throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Parses a number token per the JSON grammar and converts it with correct rounding.
    mutating func parseNumber() throws -> Double {
        let start = index
        let negative = skip(UInt8(ascii: "-"))
        if !skip(UInt8(ascii: "0")) {
            guard skipDigits() else { throw failure("invalid number") }
        }
        if let integer = exactInteger(from: start, negative: negative) {
            return integer
        }
        if skip(UInt8(ascii: ".")) {
            guard skipDigits() else { throw failure("invalid number") }
        }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "+")) || skip(UInt8(ascii: "-"))
            guard skipDigits() else { throw failure("invalid number") }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw failure("number out of range")
        }
        return value
    }

    /// The integer just read as a `Double`, when the token ends here and has at most 15 digits (so it converts
    /// exactly); nil otherwise, and the caller goes on to `Double(String)`, which rounds correctly.
    private func exactInteger(from start: Int, negative: Bool) -> Double? {
        let digitsStart = start + (negative ? 1 : 0)
        guard index - digitsStart <= 15 else {
            return nil
        }
        if index < bytes.count {
            let next = bytes[index]
            guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else {
                return nil  // a fraction or an exponent follows
            }
        }
        var magnitude = 0
        for position in digitsStart..<index {
            magnitude = magnitude * 10 + Int(bytes[position] &- UInt8(ascii: "0"))
        }
        return negative ? -Double(magnitude) : Double(magnitude)  // -Double(0) is -0.0, as Double("-0") is
    }

    private mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else {
            return false
        }
        index += 1
        return true
    }

    /// Skips one or more digits; false when there were none.
    private mutating func skipDigits() -> Bool {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            index += 1
        }
        return index > start
    }
}
