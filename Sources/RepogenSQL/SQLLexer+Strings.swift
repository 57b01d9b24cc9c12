/// String constants and quoted identifiers: scanning (with PostgreSQL's continuation across a newline) and decoding.
extension SQLLexerCursor {
    /// How the body of a quoted constant is read.
    enum QuoteStyle {
        /// `'...'` and `N'...'`: `''` is a quote, a backslash is itself.
        case standard
        /// `E'...'`: backslash escapes as well.
        case escaped
        /// `U&'...'`: `\XXXX` and `\+XXXXXX` (or another `UESCAPE` character).
        case unicode
        /// `B'...'`: binary digits.
        case bits
        /// `X'...'`: hexadecimal digits.
        case hex
    }

    /// A quoted constant whose opening quote is `prefix` bytes ahead, with its continuation segments.
    mutating func quoted(from start: Int, prefix: Int, style: QuoteStyle) -> SQLToken {
        position = start + prefix
        var raw: [UInt8] = []
        while true {
            guard let segment = scanQuoted(style: style) else {
                return token(style == .bits || style == .hex ? .bitString : .string, from: start,
                             problem: "unterminated quoted string")
            }
            raw += segment
            guard let next = continuation() else { break }
            position = next
        }
        switch style {
        case .standard:
            return decoded(SQLEscapes.undoubled(raw, quote: UInt8(ascii: "'")), from: start)
        case .escaped:
            let result = SQLEscapes.backslashDecoded(SQLEscapes.undoubled(raw, quote: UInt8(ascii: "'")))
            return decoded(result.bytes, from: start, problem: result.problem)
        case .unicode:
            let escape = unicodeEscapeClause()
            let result = SQLEscapes.unicodeDecoded(
                SQLEscapes.undoubled(raw, quote: UInt8(ascii: "'")), escape: escape.character)
            return decoded(result.bytes, from: start, problem: escape.problem ?? result.problem)
        case .bits, .hex:
            let valid = raw.allSatisfy { style == .bits ? $0 == 0x30 || $0 == 0x31 : SQLBytes.isHexDigit($0) }
            return token(.bitString, from: start, value: String(decoding: raw, as: UTF8.self),
                         problem: valid ? nil : "invalid \(style == .bits ? "binary" : "hexadecimal") digit")
        }
    }

    /// `"..."` or `U&"..."` (with an optional `UESCAPE`): `value` is the name, never empty.
    mutating func quotedIdentifier(from start: Int, prefix: Int, unicode: Bool) -> SQLToken {
        position = start + prefix + 1
        let bodyStart = position
        while position < bytes.count {
            if peek() == UInt8(ascii: "\"") {
                if peek(1) == UInt8(ascii: "\"") {
                    position += 2
                    continue
                }
                let raw = SQLEscapes.undoubled(Array(bytes[bodyStart..<position]), quote: UInt8(ascii: "\""))
                position += 1
                guard !raw.isEmpty else { return token(.quotedIdentifier, from: start, problem: "empty identifier") }
                guard unicode else { return decoded(raw, from: start, kind: .quotedIdentifier) }
                let escape = unicodeEscapeClause()
                let result = SQLEscapes.unicodeDecoded(raw, escape: escape.character)
                return decoded(result.bytes, from: start, kind: .quotedIdentifier,
                               problem: escape.problem ?? result.problem)
            }
            position += 1
        }
        return token(.quotedIdentifier, from: start, problem: "unterminated quoted identifier")
    }

    /// The token with its decoded bytes as `value`, which must be UTF-8 without NUL.
    private func decoded(
        _ bytes: [UInt8], from start: Int, kind: SQLToken.Kind = .string, problem: String? = nil
    ) -> SQLToken {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return token(kind, from: start, problem: problem ?? "invalid UTF-8 after escapes")
        }
        let nul = text.unicodeScalars.contains("\u{0}") ? "a NUL character is not allowed" : nil
        return token(kind, from: start, value: text, problem: problem ?? nul)
    }

    /// The body of one `'...'` segment starting at the quote, the position left after its closing quote.
    private mutating func scanQuoted(style: QuoteStyle) -> [UInt8]? {
        position += 1
        let bodyStart = position
        while position < bytes.count {
            let byte = peek()
            if style == .escaped, byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if byte == UInt8(ascii: "'") {
                if peek(1) == UInt8(ascii: "'") {
                    position += 2
                    continue
                }
                position += 1
                return Array(bytes[bodyStart..<(position - 1)])
            }
            position += 1
        }
        position = bytes.count
        return nil
    }

    /// Where a continuation segment's quote sits: after whitespace holding a newline (and maybe `--` comments),
    /// PostgreSQL reads a following `'...'` as more of the same constant; nil when none follows.
    private func continuation() -> Int? {
        var index = position
        while index < bytes.count, SQLBytes.isHorizontalSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D else { return nil }
        while index < bytes.count {
            if SQLBytes.isWhitespace(bytes[index]) {
                index += 1
            } else if bytes[index] == UInt8(ascii: "-"), index + 1 < bytes.count,
                      bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            } else {
                break
            }
        }
        return index < bytes.count && bytes[index] == UInt8(ascii: "'") ? index : nil
    }

    /// An optional `UESCAPE 'c'` after a `U&` constant: the escape character (`\` by default).
    private mutating func unicodeEscapeClause() -> (character: UInt8, problem: String?) {
        var index = position
        while index < bytes.count, SQLBytes.isWhitespace(bytes[index]) { index += 1 }
        let keyword = Array("uescape".utf8)
        guard index + keyword.count <= bytes.count,
              zip(bytes[index..<(index + keyword.count)], keyword).allSatisfy({ $0 | 0x20 == $1 }),
              index + keyword.count == bytes.count || !SQLBytes.isIdentifierPart(bytes[index + keyword.count])
        else { return (UInt8(ascii: "\\"), nil) }
        index += keyword.count
        while index < bytes.count, SQLBytes.isWhitespace(bytes[index]) { index += 1 }
        guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: "'"), bytes[index + 2] == UInt8(ascii: "'")
        else {
            position = index
            return (UInt8(ascii: "\\"), "UESCAPE must be followed by a one-character string")
        }
        let character = bytes[index + 1]
        position = index + 3
        let invalid = SQLBytes.isHexDigit(character) || SQLBytes.isWhitespace(character) || character >= 0x80
            || [UInt8(ascii: "+"), UInt8(ascii: "'"), UInt8(ascii: "\"")].contains(character)
        return (character, invalid ? "invalid Unicode escape character" : nil)
    }
}
