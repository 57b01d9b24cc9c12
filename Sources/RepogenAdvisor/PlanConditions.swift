import RepogenSQL

/// The columns a plan's `Filter` or `Index Cond` compares, by the kind of comparison.
///
/// Read with PostgreSQL's lexical rules: a column name, then any closing parentheses and `::type` casts, then the
/// operator. `=` (and `= ANY`) is an equality, `<`, `<=`, `>`, `>=` a range, `IS NULL` a null test; anything else
/// (`LIKE`, functions of columns) is left out, since a plain B-tree on the column would not serve it.
struct PlanConditions: Sendable {
    private(set) var equalities: [String] = []
    private(set) var ranges: [String] = []
    private(set) var nullTests: [String] = []

    init(_ texts: [String?], columns: Set<String>) {
        for text in texts.compactMap({ $0 }) {
            read(text, columns: columns)
        }
    }

    private static let rangeOperators: Set<String> = ["<", "<=", ">", ">="]

    private mutating func read(_ text: String, columns: Set<String>) {
        let tokens = SQLLexer.tokens(of: text).filter { !$0.isTrivia }
        for (position, token) in tokens.enumerated() {
            let name = token.kind == .quotedIdentifier ? token.value ?? token.text : token.text
            guard token.kind == .identifier || token.kind == .quotedIdentifier, columns.contains(name),
                  tokens.indices.contains(position + 1), tokens[position + 1].text != "."
            else { continue }
            let next = Self.afterCasts(tokens, from: position + 1)
            guard tokens.indices.contains(next) else { continue }
            let word = tokens[next].text
            if word == "=" {
                Self.add(name, to: &equalities)
            } else if Self.rangeOperators.contains(word) {
                Self.add(name, to: &ranges)
            } else if word.uppercased() == "IS", tokens.indices.contains(next + 1),
                      tokens[next + 1].text.uppercased() == "NULL" {
                Self.add(name, to: &nullTests)
            }
        }
    }

    /// The position after closing parentheses and `::type` casts (type names may be several words).
    private static func afterCasts(_ tokens: [SQLToken], from start: Int) -> Int {
        var position = start
        while tokens.indices.contains(position) {
            let text = tokens[position].text
            if text == ")" || text == "[" || text == "]" {
                position += 1
            } else if text == "::" {
                position += 1
                while tokens.indices.contains(position), tokens[position].kind == .identifier,
                      tokens[position].text.uppercased() != "IS" {
                    position += 1
                }
            } else {
                break
            }
        }
        return position
    }

    private static func add(_ column: String, to list: inout [String]) {
        if !list.contains(column) { list.append(column) }
    }
}
