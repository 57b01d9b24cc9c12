/// A conservative check of a partial index's `where:` text, which reaches the DDL as written: one expression
/// (no `;`, no comments, no parameters or dollar quotes), balanced parentheses and quotes, and every bare
/// identifier a column of the entity, an SQL keyword, a function name (before `(`) or a type (after `::`).
enum IndexPredicate {
    /// Words a predicate may use besides column names.
    static let keywords: Set<String> = [
        "and", "or", "not", "is", "null", "true", "false", "in", "like", "ilike", "between", "symmetric",
        "distinct", "from", "any", "all", "some", "case", "when", "then", "else", "end", "similar", "to",
        "escape", "unknown", "isnull", "notnull", "collate", "array", "interval", "date", "time", "timestamp",
        "with", "without", "zone", "at", "cast", "as", "current_date",
    ]

    /// Why the predicate is refused, or nil when it passes.
    static func problem(in text: String, columns: EntityColumns) -> String? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.run(columns: columns)
    }

    /// Whether a predicate is `deleted_at IS NULL` (any case and spacing, optionally parenthesised).
    static func isLiveRowsFilter(_ text: String) -> Bool {
        var words = text.lowercased().replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        if words.first == "\"deleted_at\"" { words[0] = "deleted_at" }
        return words == ["deleted_at", "is", "null"]
    }

    /// A single pass over the bytes of a predicate.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var depth = 0
        var previousWasCast = false

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Walks the text; the first problem ends the walk.
        mutating func run(columns: EntityColumns) -> String? {
            while position < bytes.count {
                if let problem = step(columns: columns) { return problem }
            }
            return depth == 0 ? nil : "unbalanced parentheses"
        }

        /// Consumes one token.
        private mutating func step(columns: EntityColumns) -> String? {
            let byte = bytes[position]
            let next = position + 1 < bytes.count ? bytes[position + 1] : 0
            switch byte {
            case UInt8(ascii: ";"): return "';' is not allowed (a predicate is a single expression)"
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"): return "comments are not allowed"
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"): return "comments are not allowed"
            case UInt8(ascii: "$"): return "'$' is not allowed (no parameters or dollar quoting)"
            case UInt8(ascii: "\\"): return "'\\' is not allowed outside a string"
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth < 0 { return "unbalanced parentheses" }
            case UInt8(ascii: "'"): return skipQuoted(UInt8(ascii: "'")) ? nil : "unterminated string literal"
            case UInt8(ascii: "\""): return quotedIdentifier(columns: columns)
            case _ where isIdentifierStart(byte): return identifier(columns: columns)
            case _ where byte >= 0x80 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D):
                return "only ASCII text is allowed outside strings"
            case _ where isDigit(byte):
                while position < bytes.count, isIdentifierStart(bytes[position]) || isDigit(bytes[position])
                    || bytes[position] == UInt8(ascii: ".") { position += 1 }
                previousWasCast = false
                return nil
            default: break
            }
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                previousWasCast = byte == UInt8(ascii: ":") && next == UInt8(ascii: ":")
            }
            position += previousWasCast && byte == UInt8(ascii: ":") ? 2 : 1
            return nil
        }

        /// Skips a quoted run (a doubled quote is an escaped one); false when it never closes.
        private mutating func skipQuoted(_ quote: UInt8) -> Bool {
            position += 1
            while position < bytes.count {
                if bytes[position] == quote {
                    if position + 1 < bytes.count && bytes[position + 1] == quote {
                        position += 2
                        continue
                    }
                    position += 1
                    return true
                }
                position += 1
            }
            return false
        }

        /// A `"quoted"` identifier: it must name a column.
        private mutating func quotedIdentifier(columns: EntityColumns) -> String? {
            let start = position + 1
            guard skipQuoted(UInt8(ascii: "\"")) else { return "unterminated quoted identifier" }
            let name = String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
            previousWasCast = false
            return columns.contains(column: name) ? nil : "unknown column \(DefaultValueChecker.quoted(name))"
        }

        /// A bare word: a column, a keyword, a function name or a type name.
        private mutating func identifier(columns: EntityColumns) -> String? {
            let start = position
            while position < bytes.count, isIdentifierStart(bytes[position]) || isDigit(bytes[position]) {
                position += 1
            }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            let wasCast = previousWasCast
            previousWasCast = false
            let folded = word.lowercased()
            if wasCast || IndexPredicate.keywords.contains(folded) { return nil }
            var lookahead = position
            while lookahead < bytes.count, bytes[lookahead] == 0x20 { lookahead += 1 }
            if lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: "(") { return nil }
            if columns.contains(column: folded) { return nil }
            let suggestion = Suggestion.didYouMean(word, in: columns.columnNames)
            return "unknown column \(DefaultValueChecker.quoted(word))\(suggestion)"
        }

        private func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
        }

        private func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }
}
