import RepogenSQL

/// SQL text reduced to what `pg_stat_statements` keeps of it, so a generated statement and the server's record of
/// it compare equal.
///
/// The server replaces constants with `$n` placeholders when it records a statement, and keeps everything else as
/// sent; so parameters, literals and the key words that are constants (`TRUE`, `FALSE`, `NULL`) all become `?`,
/// comments and runs of white space disappear, and the remaining tokens are joined by single spaces.
struct StatementFingerprint: Hashable, Sendable {
    let text: String

    init(_ sql: String) {
        var parts: [String] = []
        for token in SQLLexer.tokens(of: sql) where !token.isTrivia {
            parts.append(Self.normalised(token))
        }
        text = parts.joined(separator: " ")
    }

    private static let constantWords: Set<String> = ["true", "false", "null"]

    private static func normalised(_ token: SQLToken) -> String {
        switch token.kind {
        case .parameter, .number, .string, .bitString, .dollarString:
            return "?"
        case .identifier where constantWords.contains(token.text.lowercased()):
            return "?"
        default:
            return token.text
        }
    }

    /// The highest `$n` the text refers to: how many parameters a `PREPARE` of it takes.
    static func parameterCount(of sql: String) -> Int {
        SQLLexer.tokens(of: sql).filter { $0.kind == .parameter }.compactMap { Int($0.text.dropFirst()) }.max() ?? 0
    }

    /// The first key word, upper-cased (`SELECT`, `WITH`, `UPDATE`...), or empty.
    static func leadingKeyword(of sql: String) -> String {
        SQLLexer.tokens(of: sql).first { !$0.isTrivia }.map { $0.text.uppercased() } ?? ""
    }
}
