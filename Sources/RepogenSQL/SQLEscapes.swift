/// Decoding of the escapes in PostgreSQL's string constants, over UTF-8 bytes.
enum SQLEscapes {
    /// `bytes` with every doubled `quote` made single.
    static func undoubled(_ bytes: [UInt8], quote: UInt8) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            result.append(bytes[index])
            index += bytes[index] == quote && index + 1 < bytes.count && bytes[index + 1] == quote ? 2 : 1
        }
        return result
    }

    /// An `E'...'` body decoded: `\b \f \n \r \t`, octal `\ooo`, `\xhh`, `\uXXXX`, `\UXXXXXXXX`, else the
    /// character itself (so `\\` and `\'`).
    static func backslashDecoded(_ bytes: [UInt8]) -> (bytes: [UInt8], problem: String?) {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                result.append(bytes[index])
                index += 1
                continue
            }
            let marker = bytes[index + 1]
            index += 2
            switch marker {
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(marker - 0x30)
                var digits = 1
                while digits < 3, index < bytes.count, (0x30...0x37).contains(bytes[index]) {
                    value = value * 8 + Int(bytes[index] - 0x30)
                    index += 1
                    digits += 1
                }
                result.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x") where index < bytes.count && SQLBytes.isHexDigit(bytes[index]):
                let (value, length) = hexValue(bytes, at: index, maximum: 2)
                result.append(UInt8(value))
                index += length
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = marker == UInt8(ascii: "u") ? 4 : 8
                let (value, length) = hexValue(bytes, at: index, maximum: width)
                guard length == width else { return (result, "invalid Unicode escape") }
                index += length
                guard appendScalar(value, to: &result) else { return (result, "invalid Unicode escape value") }
            default:
                result.append(marker)
            }
        }
        return (result, nil)
    }

    /// A `U&'...'` body decoded with `escape`: `eXXXX`, `e+XXXXXX`, and `ee` for the escape character itself.
    static func unicodeDecoded(_ bytes: [UInt8], escape: UInt8) -> (bytes: [UInt8], problem: String?) {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == escape else {
                result.append(bytes[index])
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == escape {
                result.append(escape)
                index += 2
                continue
            }
            let long = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "+")
            let start = index + (long ? 2 : 1)
            let width = long ? 6 : 4
            let (value, length) = hexValue(bytes, at: start, maximum: width)
            guard length == width else { return (result, "invalid Unicode escape") }
            guard appendScalar(value, to: &result) else { return (result, "invalid Unicode escape value") }
            index = start + length
        }
        return (result, nil)
    }

    /// Up to `maximum` hexadecimal digits at `start`: their value and how many there were.
    private static func hexValue(_ bytes: [UInt8], at start: Int, maximum: Int) -> (value: UInt32, length: Int) {
        var value: UInt32 = 0
        var length = 0
        while length < maximum, start + length < bytes.count, SQLBytes.isHexDigit(bytes[start + length]) {
            value = value * 16 + UInt32(SQLBytes.hexDigitValue(bytes[start + length]))
            length += 1
        }
        return (value, length)
    }

    /// Appends a code point as UTF-8; false for surrogates, values past U+10FFFF and NUL.
    private static func appendScalar(_ value: UInt32, to bytes: inout [UInt8]) -> Bool {
        guard value != 0, let scalar = Unicode.Scalar(value) else { return false }
        bytes += Array(String(Character(scalar)).utf8)
        return true
    }
}

/// Byte classes of PostgreSQL's lexer.
enum SQLBytes {
    static let punctuation: Set<UInt8> = Set("()[],;.".utf8)
    static let operatorCharacters: Set<UInt8> = Set("+-*/<>=~!@#%^&|`?".utf8)
    /// Characters that let a multi-character operator end in `+` or `-`.
    static let operatorKeepsSign: Set<UInt8> = Set("~!@#%^&|`?".utf8)

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func isHorizontalSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    static func hexDigitValue(_ byte: UInt8) -> UInt8 {
        isDigit(byte) ? byte - 0x30 : (byte | 0x20) - 0x61 + 10
    }

    /// A letter, `_` or any byte of a multi-byte UTF-8 character.
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == 0x24
    }

    /// A dollar-quote tag continues like an identifier, without `$`.
    static func isDollarTagPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }
}
