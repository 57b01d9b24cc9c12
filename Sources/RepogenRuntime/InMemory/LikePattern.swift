/// `LIKE` and `ILIKE` as PostgreSQL matches them in a `--locale=C` database: `%` any run of characters, `_` one
/// character (a Unicode scalar), `\` makes the next character literal; `ILIKE` folds ASCII letters only.
enum LikePattern {
    /// The condition `column [I]LIKE pattern`: unknown for a NULL column.
    static func condition(_ column: String, _ pattern: String, caseInsensitive: Bool) -> InMemoryCondition {
        { row in
            switch row[column] {
            case .null: return nil
            case .text(let text): return try matches(text, pattern, caseInsensitive: caseInsensitive)
            case let other: throw RepogenError.unsupportedInMemory("LIKE on a \(other.typeName) column")
            }
        }
    }

    /// Whether `text` matches `pattern`; a pattern ending in a lone `\` throws as PostgreSQL does (22025).
    static func matches(_ text: String, _ pattern: String, caseInsensitive: Bool) throws -> Bool {
        let fold = { (scalars: String.UnicodeScalarView) -> [Unicode.Scalar] in
            caseInsensitive ? scalars.map(asciiLowercased) : Array(scalars)
        }
        let tokens = try tokens(fold(pattern.unicodeScalars))
        return match(fold(text.unicodeScalars)[...], tokens[...])
    }

    enum Token: Equatable {
        case literal(Unicode.Scalar)
        case one
        case any
    }

    static func tokens(_ pattern: [Unicode.Scalar]) throws -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            switch pattern[index] {
            case "\\":
                index += 1
                guard index < pattern.count else {
                    throw RepogenError(
                        kind: .queryFailed, message: "LIKE pattern must not end with escape character",
                        sqlState: "22025")
                }
                tokens.append(.literal(pattern[index]))
            case "%":
                if tokens.last != .any { tokens.append(.any) }
            case "_": tokens.append(.one)
            case let scalar: tokens.append(.literal(scalar))
            }
            index += 1
        }
        return tokens
    }

    /// Matching with backtracking only at `%`, the last one seen (linear for patterns without `%`).
    static func match(_ text: ArraySlice<Unicode.Scalar>, _ tokens: ArraySlice<Token>) -> Bool {
        var (t, p) = (text.startIndex, tokens.startIndex)
        var star: (pattern: Int, text: Int)?
        while t < text.endIndex {
            if p < tokens.endIndex, tokens[p] == .any {
                star = (p, t)
                p += 1
            } else if p < tokens.endIndex, tokens[p] == .one || tokens[p] == .literal(text[t]) {
                (t, p) = (t + 1, p + 1)
            } else if let last = star {
                star = (last.pattern, last.text + 1)
                (t, p) = (last.text + 1, last.pattern + 1)
            } else {
                return false
            }
        }
        while p < tokens.endIndex, tokens[p] == .any { p += 1 }
        return p == tokens.endIndex
    }

    static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }
}
