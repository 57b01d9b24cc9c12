/// Cuts SQL text into tokens by PostgreSQL's lexical rules (with `standard_conforming_strings` on).
///
/// The one lexer both the generator (schema predicates) and the runtime (migration splitting) use, so both agree
/// with the server on where a string, comment or statement ends. It never fails: a malformed token (an
/// unterminated string, a bad escape) carries a `problem` and runs to where PostgreSQL would stop reading it.
/// ```swift
/// let tokens = SQLLexer.tokens(of: "$a1$ ; $a1$ ; x")
/// tokens.filter { $0.kind == .punctuation }.count  // 1: the first ';' is inside the dollar quote
/// ```
public enum SQLLexer {
    /// Every token of `text`, trivia (whitespace, comments) included, in order.
    public static func tokens(of text: String) -> [SQLToken] {
        var cursor = SQLLexerCursor(bytes: Array(text.utf8))
        var tokens: [SQLToken] = []
        while cursor.position < cursor.bytes.count {
            tokens.append(cursor.nextToken())
        }
        return tokens
    }
}

/// The lexer's position in the UTF-8 bytes of the text.
struct SQLLexerCursor {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte `offset` places ahead, or 0 past the end.
    func peek(_ offset: Int = 0) -> UInt8 {
        position + offset < bytes.count ? bytes[position + offset] : 0
    }

    /// A token of `kind` from `start` to the current position.
    func token(_ kind: SQLToken.Kind, from start: Int, value: String? = nil, problem: String? = nil) -> SQLToken {
        SQLToken(kind: kind, range: start..<position, text: String(decoding: bytes[start..<position], as: UTF8.self),
                 value: value, problem: problem)
    }

    /// Reads one token starting at the current position.
    mutating func nextToken() -> SQLToken {
        let start = position
        let byte = peek()
        switch byte {
        case _ where SQLBytes.isWhitespace(byte):
            while position < bytes.count, SQLBytes.isWhitespace(peek()) { position += 1 }
            return token(.whitespace, from: start)
        case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
            while position < bytes.count, peek() != 0x0A, peek() != 0x0D { position += 1 }
            return token(.lineComment, from: start)
        case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
            return blockComment()
        case UInt8(ascii: "'"):
            return quoted(from: start, prefix: 0, style: .standard)
        case UInt8(ascii: "\""):
            return quotedIdentifier(from: start, prefix: 0, unicode: false)
        case UInt8(ascii: "$"):
            return dollar()
        case _ where SQLBytes.isDigit(byte), UInt8(ascii: ".") where SQLBytes.isDigit(peek(1)):
            return number()
        case _ where SQLBytes.isIdentifierStart(byte):
            return prefixedLiteral() ?? identifier()
        case UInt8(ascii: ":"):
            position += peek(1) == UInt8(ascii: ":") ? 2 : 1
            return token(.punctuation, from: start)
        case _ where SQLBytes.punctuation.contains(byte):
            position += 1
            return token(.punctuation, from: start)
        case _ where SQLBytes.operatorCharacters.contains(byte):
            return operatorSymbol()
        default:
            position += 1
            return token(.punctuation, from: start, problem: "unexpected character")
        }
    }

    /// `/* ... */`, where comments nest as in PostgreSQL.
    private mutating func blockComment() -> SQLToken {
        let start = position
        position += 2
        var depth = 1
        while position < bytes.count {
            if peek() == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                depth += 1
                position += 2
            } else if peek() == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                depth -= 1
                position += 2
                if depth == 0 { return token(.blockComment, from: start) }
            } else {
                position += 1
            }
        }
        return token(.blockComment, from: start, problem: "unterminated /* comment")
    }

    /// A bare identifier or key word.
    private mutating func identifier() -> SQLToken {
        let start = position
        while position < bytes.count, SQLBytes.isIdentifierPart(peek()) { position += 1 }
        return token(.identifier, from: start)
    }

    /// `E'...'`, `N'...'`, `B'...'`, `X'...'`, `U&'...'` or `U&"..."` starting here, else nil.
    private mutating func prefixedLiteral() -> SQLToken? {
        let start = position
        let letter = peek() | 0x20
        let quote = UInt8(ascii: "'")
        switch letter {
        case UInt8(ascii: "e") where peek(1) == quote: return quoted(from: start, prefix: 1, style: .escaped)
        case UInt8(ascii: "n") where peek(1) == quote: return quoted(from: start, prefix: 1, style: .standard)
        case UInt8(ascii: "b") where peek(1) == quote: return quoted(from: start, prefix: 1, style: .bits)
        case UInt8(ascii: "x") where peek(1) == quote: return quoted(from: start, prefix: 1, style: .hex)
        case UInt8(ascii: "u") where peek(1) == UInt8(ascii: "&") && peek(2) == quote:
            return quoted(from: start, prefix: 2, style: .unicode)
        case UInt8(ascii: "u") where peek(1) == UInt8(ascii: "&") && peek(2) == UInt8(ascii: "\""):
            return quotedIdentifier(from: start, prefix: 2, unicode: true)
        default: return nil
        }
    }

    /// `$1` (a parameter), `$tag$ ... $tag$` (a dollar-quoted string), or a lone `$` (an error in PostgreSQL).
    private mutating func dollar() -> SQLToken {
        let start = position
        position += 1
        if SQLBytes.isDigit(peek()) {
            while SQLBytes.isDigit(peek()) { position += 1 }
            return token(.parameter, from: start)
        }
        var tagEnd = position
        if SQLBytes.isIdentifierStart(peek()) {
            while tagEnd < bytes.count, SQLBytes.isDollarTagPart(bytes[tagEnd]) { tagEnd += 1 }
        }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else {
            return token(.punctuation, from: start, problem: "'$' starts neither a parameter nor a dollar quote")
        }
        let delimiter = Array(bytes[start...tagEnd])
        let bodyStart = tagEnd + 1
        var search = bodyStart
        while search + delimiter.count <= bytes.count {
            if bytes[search] == UInt8(ascii: "$"), bytes[search..<(search + delimiter.count)].elementsEqual(delimiter) {
                position = search + delimiter.count
                return token(.dollarString, from: start,
                             value: String(decoding: bytes[bodyStart..<search], as: UTF8.self))
            }
            search += 1
        }
        position = bytes.count
        return token(.dollarString, from: start, problem: "unterminated dollar-quoted string")
    }

    /// A numeric constant: decimal (with `_` separators, a fraction, an exponent) or `0x`/`0o`/`0b` integers.
    private mutating func number() -> SQLToken {
        let start = position
        if peek() == UInt8(ascii: "0"), [UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b")]
            .contains(peek(1) | 0x20), SQLBytes.isHexDigit(peek(2)) || peek(2) == UInt8(ascii: "_") {
            position += 2
            while SQLBytes.isHexDigit(peek()) || peek() == UInt8(ascii: "_") { position += 1 }
        } else {
            while SQLBytes.isDigit(peek()) || peek() == UInt8(ascii: "_") { position += 1 }
            if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
                position += 1
                while SQLBytes.isDigit(peek()) || peek() == UInt8(ascii: "_") { position += 1 }
            }
            let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if peek() | 0x20 == UInt8(ascii: "e"), SQLBytes.isDigit(peek(signed ? 2 : 1)) {
                position += signed ? 2 : 1
                while SQLBytes.isDigit(peek()) { position += 1 }
            }
        }
        guard SQLBytes.isIdentifierPart(peek()), peek() != UInt8(ascii: "$") else { return token(.number, from: start) }
        while SQLBytes.isIdentifierPart(peek()) { position += 1 }
        return token(.number, from: start, problem: "trailing junk after numeric literal")
    }

    /// The longest run of operator characters, stopping before `--` or `/*`; a run of more than one character
    /// loses trailing `+` and `-` unless it holds one of `~ ! @ # % ^ & | \` ?` (PostgreSQL's rule).
    private mutating func operatorSymbol() -> SQLToken {
        let start = position
        while position < bytes.count, SQLBytes.operatorCharacters.contains(peek()) {
            if position > start, peek() == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") { break }
            if position > start, peek() == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") { break }
            position += 1
        }
        let run = bytes[start..<position]
        if run.count > 1, !run.contains(where: { SQLBytes.operatorKeepsSign.contains($0) }) {
            while position - start > 1, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[position - 1]) {
                position -= 1
            }
        }
        return token(.operatorSymbol, from: start)
    }
}
