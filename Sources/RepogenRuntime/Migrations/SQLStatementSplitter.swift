import Foundation
import RepogenSQL

/// Splits SQL text into statements at semicolons outside quotes, dollar-quoted bodies and comments, as cut by
/// the shared `SQLLexer` (so `E'\''`, `$a1$ ... $a1$` and nested comments end where PostgreSQL ends them).
enum SQLStatementSplitter {
    /// The statements of `text`, trimmed, each without its final `;`; fragments holding only comments are dropped.
    static func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var statements: [String] = []
        var start = 0
        var hasCode = false
        for token in SQLLexer.tokens(of: text) {
            if token.kind == .punctuation, token.text == ";" {
                if hasCode { statements.append(trimmed(bytes[start..<token.range.lowerBound])) }
                start = token.range.upperBound
                hasCode = false
            } else if !token.isTrivia {
                hasCode = true
            }
        }
        if hasCode { statements.append(trimmed(bytes[start...])) }
        return statements
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
