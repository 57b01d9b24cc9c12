/// `///` comment lines for generated declarations, built from a schema's `doc:` text.
///
/// Every line of the text becomes its own `///` line, so no text can end the comment early or break
/// out of it: line breaks of any style split lines, other control characters become spaces, and
/// trailing spaces and leading or trailing blank lines are dropped.
enum DocComment {
    /// One line of a generated comment, `/// text` or `///`.
    struct Line {
        let line: String
    }

    /// The comment of a declaration: the `doc:` text when there is one, then `summary` as its own paragraph.
    ///
    /// ```swift
    /// DocComment.lines("Someone who asks for quotes.", summary: "A row of the `users` table.")
    /// // /// Someone who asks for quotes.
    /// // ///
    /// // /// A row of the `users` table.
    /// ```
    static func lines(_ doc: String?, summary: String) -> [Line] {
        let body = paragraphs(doc)
        let all = body.isEmpty ? [summary] : body + ["", summary]
        return all.map { Line(line: $0.isEmpty ? "///" : "/// " + $0) }
    }

    /// A generated summary as `///` lines wrapped at word boundaries to fit `width` columns after `indent` spaces.
    static func wrapped(_ text: String, indent: Int = 4, width: Int = 120) -> [Line] {
        let room = max(20, width - indent - 4)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { Line(line: "/// " + $0) }
    }

    /// The cleaned lines of `doc`, without leading or trailing blank lines.
    static func paragraphs(_ doc: String?) -> [String] {
        guard let doc else { return [] }
        let normalized = doc.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}"
            || $0 == "\u{2029}" || $0 == "\u{0B}" || $0 == "\u{0C}" || $0 == "\u{85}"
        }.map(clean)
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// A line with control characters replaced by spaces and trailing whitespace removed.
    private static func clean(_ line: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            let isControl = scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
            scalars.append(isControl ? " " : scalar)
        }
        var text = String(scalars)
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
