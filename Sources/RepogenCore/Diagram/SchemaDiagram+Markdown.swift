/// The diagram as a Markdown page: the Mermaid diagram in a fenced block (GitHub draws it), then the entities
/// behind the tables and the enum labels, which an ER diagram has no place for.
extension SchemaDiagram {
    /// The page for the schema at `schemaFile` (the path as given, shown in the text).
    public func markdown(schemaFile: String) -> String {
        var lines = [
            "# Schema diagram",
            "",
            "<!-- Written by `repogen diagram --format markdown` from \(schemaFile); "
                + "edit the schema, not this file. -->",
            "",
            "The tables of \(MarkdownText.code(schemaFile)) with their columns, SQL types and keys (PK primary, "
                + "FK foreign, UK unique), and one line per foreign key: `||` exactly one and `|o` zero or one at "
                + "the referenced table, `o{` zero or more and `o|` zero or one at the referencing one. "
                + "A dotted line is a many-to-many relation through a join table.",
            "",
            "```mermaid",
        ]
        lines += mermaid().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        lines += ["```", "", "## Entities", "", "| Entity | Table | Description |", "|---|---|---|"]
        lines += tables.map { table in
            "| \(MarkdownText.code(table.entity)) | \(MarkdownText.code(table.name)) | "
                + "\(MarkdownText.cell(table.doc ?? "")) |"
        }
        if !enums.isEmpty {
            lines += ["", "## Enums", "", "| Type | Labels |", "|---|---|"]
            lines += enums.map { values in
                "| \(MarkdownText.code(values.name)) | " + values.cases.map(MarkdownText.code).joined(separator: ", ")
                    + " |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Escapes text for Markdown table cells.
enum MarkdownText {
    /// A code span long enough to hold any backticks in the text, with `|` escaped for the table.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        var fence = "`"
        while flat.contains(fence) { fence += "`" }
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// Plain text in a cell: Markdown's inline punctuation backslash-escaped, `&` and line breaks neutralised.
    static func cell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#": result += "\\" + String(character)
            case "&": result += "&amp;"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
