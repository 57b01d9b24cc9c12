import Foundation

/// Splits SQL text into statements at semicolons outside quotes, dollar-quoted bodies and comments.
enum SQLStatementSplitter {
    /// The statements of `text`, trimmed, each without its final `;`; fragments holding only comments are dropped.
    static func split(_ text: String) -> [String] {
        let characters = Array(text.unicodeScalars)
        var statements: [String] = []
        var start = 0
        var position = 0
        while position < characters.count {
            let skipped = skipQuotedOrComment(characters, at: position)
            if skipped > position {
                position = skipped
            } else if characters[position] == ";" {
                statements.append(String(String.UnicodeScalarView(characters[start..<position])))
                position += 1
                start = position
            } else {
                position += 1
            }
        }
        statements.append(String(String.UnicodeScalarView(characters[start...])))
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter(hasCode)
    }

    /// The position after a quoted string, identifier, dollar-quoted body or comment starting at `position`,
    /// or `position` itself when none starts there.
    private static func skipQuotedOrComment(_ text: [Unicode.Scalar], at position: Int) -> Int {
        let current = text[position]
        let next = position + 1 < text.count ? text[position + 1] : nil
        switch current {
        case "'", "\"":
            var index = position + 1
            while index < text.count {
                if text[index] == current {
                    if index + 1 < text.count, text[index + 1] == current { index += 2; continue }
                    return index + 1
                }
                index += 1
            }
            return text.count
        case "-" where next == "-":
            return (text[position...].firstIndex(of: "\n") ?? text.count - 1) + 1
        case "/" where next == "*":
            return endOfBlockComment(text, from: position + 2)
        case "$":
            return endOfDollarQuote(text, at: position)
        default:
            return position
        }
    }

    private static func endOfBlockComment(_ text: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index + 1 < text.count {
            if text[index] == "*", text[index + 1] == "/" { return index + 2 }
            index += 1
        }
        return text.count
    }

    /// `$tag$ ... $tag$`; a `$` that does not open a tag (e.g. `$1`) is ordinary text.
    private static func endOfDollarQuote(_ text: [Unicode.Scalar], at position: Int) -> Int {
        var index = position + 1
        while index < text.count, text[index] == "_" || text[index].properties.isAlphabetic {
            index += 1
        }
        guard index < text.count, text[index] == "$" else { return position }
        let tag = Array(text[position...index])
        var search = index + 1
        while search + tag.count <= text.count {
            if Array(text[search..<(search + tag.count)]) == tag { return search + tag.count }
            search += 1
        }
        return text.count
    }

    /// Whether a fragment has anything but whitespace and comments.
    private static func hasCode(_ fragment: String) -> Bool {
        let characters = Array(fragment.unicodeScalars)
        var position = 0
        while position < characters.count {
            let skipped = skipQuotedOrComment(characters, at: position)
            let isComment = skipped > position && (characters[position] == "-" || characters[position] == "/")
            if isComment {
                position = skipped
            } else if characters[position].properties.isWhitespace {
                position += 1
            } else {
                return true
            }
        }
        return false
    }
}
