#if canImport(RepogenSQL)
import RepogenSQL
#endif

/// One pass over a predicate's significant tokens: each is checked, then written back in canonical form.
struct PredicateWalk {
    typealias Refusal = IndexPredicate.Refusal

    let tokens: [SQLToken]
    let columns: EntityColumns
    let enumTypes: Set<String>
    private var output = ""
    private var brackets: [String] = []
    /// Whether the last written token leaves no room for a space after it (`(`, `[`, `::`).
    private var glueNext = true
    /// Whether the last written token is a function or type name, so a `(` after it is glued to it.
    private var lastIsCallable = false

    init(tokens: [SQLToken], columns: EntityColumns, enumTypes: Set<String>) {
        self.tokens = tokens
        self.columns = columns
        self.enumTypes = enumTypes
    }

    /// Checks every token and returns the canonical text.
    mutating func run() throws(Refusal) -> String {
        guard !tokens.isEmpty else { throw Refusal(message: "the predicate is empty") }
        for index in tokens.indices {
            try visit(index)
        }
        guard brackets.isEmpty else { throw Refusal(message: "unbalanced parentheses") }
        return output
    }

    private mutating func visit(_ index: Int) throws(Refusal) {
        let token = tokens[index]
        if let problem = token.problem {
            throw Refusal(message: "\(problem) at '\(IndexPredicate.excerpt(token.text))'")
        }
        if token.kind == .string || token.kind == .number, let before = previous(before: index),
           before.kind == .string || before.kind == .number {
            throw Refusal(message: "two constants in a row at '\(IndexPredicate.excerpt(token.text))' (PostgreSQL joins "
                          + "string constants only across a line break; write one constant)")
        }
        switch token.kind {
        case .identifier: try identifier(at: index)
        case .quotedIdentifier: try quotedIdentifier(at: index)
        case .string: try string(token)
        case .bitString:
            throw Refusal(message: "bit-string constants ('\(IndexPredicate.excerpt(token.text))') are not allowed: no "
                          + "column of a schema has a bit type")
        case .number: write(token.text)
        case .operatorSymbol:
            guard IndexPredicate.operators.contains(token.text) else {
                throw Refusal(message: "operator '\(token.text)' is not allowed")
            }
            write(token.text)
        case .punctuation: try punctuation(token.text)
        case .parameter: throw Refusal(message: "parameters ('\(token.text)') are not allowed")
        case .dollarString: throw Refusal(message: "dollar-quoted strings are not allowed")
        case .lineComment, .blockComment: throw Refusal(message: "comments are not allowed")
        case .whitespace: break
        }
    }

    private mutating func punctuation(_ text: String) throws(Refusal) {
        switch text {
        case ";": throw Refusal(message: "';' is not allowed (a predicate is a single expression)")
        case "(", "[":
            brackets.append(text)
            write(text, glued: text == "[" || lastIsCallable)
            glueNext = true
        case ")", "]":
            guard brackets.popLast() == (text == ")" ? "(" : "[") else {
                throw Refusal(message: "unbalanced parentheses")
            }
            write(text, glued: true)
        case ",": write(text, glued: true)
        case "::":
            write(text, glued: true)
            glueNext = true
        default: throw Refusal(message: "'\(text)' is not allowed (only the entity's own columns, unqualified)")
        }
    }

    private mutating func string(_ token: SQLToken) throws(Refusal) {
        let value = token.value ?? ""
        if let control = SQLLiteral.controlCharacter(in: value) {
            throw Refusal(message: "a string literal holds the control character \(SQLLiteral.describe(control))")
        }
        write(SQLLiteral.string(value))
    }

    private mutating func quotedIdentifier(at index: Int) throws(Refusal) {
        let name = tokens[index].value ?? ""
        if let control = SQLLiteral.controlCharacter(in: name) {
            throw Refusal(message: "an identifier holds the control character \(SQLLiteral.describe(control))")
        }
        if isTypePosition(index) {
            guard enumTypes.contains(name) else { throw Refusal(message: "unknown type \(quoted(name))") }
        } else if !columns.contains(column: name) {
            throw Refusal(message: "unknown column \(quoted(name))")
        }
        write(SQLLiteral.identifier(name))
    }

    /// A bare word: a type after `::` or `AS`, a key word, a function, or a column.
    private mutating func identifier(at index: Int) throws(Refusal) {
        let word = tokens[index].text
        let folded = Self.asciiLowercased(word)
        if isTypePosition(index) {
            if IndexPredicate.types.contains(folded) { return write(folded, callable: true) }
            guard enumTypes.contains(folded) else { throw Refusal(message: "unknown type \(quoted(word))") }
            return write(SQLLiteral.identifier(folded))
        }
        if IndexPredicate.keywords.contains(folded), !isColumnNotKeyword(folded, at: index) {
            // PostgreSQL reads a bare key word as the key word; one standing alone as an operand was meant as the
            // column of that name, and would not parse.
            guard !columns.contains(column: folded) || !isLoneOperand(at: index) else {
                throw Refusal(message: "\(quoted(word)) is both an SQL key word and a column; write \"\(folded)\" "
                              + "to mean the column")
            }
            return write(folded.uppercased())
        }
        if next(after: index)?.text == "(" { return try function(word, folded: folded) }
        if columns.contains(column: folded) { return write(SQLLiteral.identifier(folded)) }
        if IndexPredicate.volatile.contains(folded) { throw notImmutable(word) }
        if IndexPredicate.statementWords.contains(folded) {
            throw Refusal(message: "\(quoted(word)) is not allowed (no statements or sub-queries: a predicate is "
                          + "one expression over the entity's columns)")
        }
        let suggestion = Suggestion.didYouMean(word, in: columns.columnNames)
        throw Refusal(message: "unknown column \(quoted(word))\(suggestion) (a predicate may name only the "
                      + "entity's columns, key words such as AND, OR, IS NULL, and immutable functions)")
    }

    private mutating func function(_ word: String, folded: String) throws(Refusal) {
        if IndexPredicate.functions.contains(folded) { return write(folded, callable: true) }
        if IndexPredicate.volatile.contains(folded) { throw notImmutable(word) }
        throw Refusal(message: "function \(quoted(word)) is not allowed (allowed: "
                      + IndexPredicate.functions.sorted().joined(separator: ", ") + ")")
    }

    private func notImmutable(_ word: String) -> Refusal {
        Refusal(message: "\(quoted(word)) is not immutable, and an index predicate may use only immutable functions")
    }

    /// Whether a typed-literal key word (`date`, `time`, ...) is meant as the entity's column of that name.
    private func isColumnNotKeyword(_ folded: String, at index: Int) -> Bool {
        guard IndexPredicate.typedLiteralKeywords.contains(folded), columns.contains(column: folded) else {
            return false
        }
        let before = index > 0 ? Self.asciiLowercased(tokens[index - 1].text) : ""
        let after = next(after: index)
        let afterWord = after.map { Self.asciiLowercased($0.text) } ?? ""
        return after?.kind != .string && !["at", "with", "without"].contains(before) && afterWord != "zone"
    }

    /// Whether the token follows `::` or the `AS` of a `CAST`.
    private func isTypePosition(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        let before = tokens[index - 1]
        return before.text == "::" || (before.kind == .identifier && Self.asciiLowercased(before.text) == "as")
    }

    /// Whether the word at `index` starts an operand and ends it at once (`like IS NULL`, `(array)`).
    private func isLoneOperand(at index: Int) -> Bool {
        let before = previous(before: index)
        let beforeWord = before.map { Self.asciiLowercased($0.text) } ?? ""
        let startsOperand = before == nil || before?.kind == .operatorSymbol || ["(", ",", "and", "or", "not"]
            .contains(beforeWord)
        guard startsOperand, let after = next(after: index) else { return startsOperand }
        let afterWord = Self.asciiLowercased(after.text)
        return after.kind == .operatorSymbol || [")", ",", "is", "isnull", "notnull", "and", "or"].contains(afterWord)
    }

    /// The token before `index`, whitespace skipped.
    private func previous(before index: Int) -> SQLToken? {
        tokens[..<index].last { $0.kind != .whitespace }
    }

    private func next(after index: Int) -> SQLToken? {
        index + 1 < tokens.count ? tokens[index + 1] : nil
    }

    private mutating func write(_ text: String, glued: Bool = false, callable: Bool = false) {
        if !output.isEmpty, !glued, !glueNext { output += " " }
        output += text
        glueNext = false
        lastIsCallable = callable
    }

    private func quoted(_ text: String) -> String {
        DefaultValueChecker.quoted(text)
    }

    /// PostgreSQL folds only ASCII letters of an unquoted identifier.
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
