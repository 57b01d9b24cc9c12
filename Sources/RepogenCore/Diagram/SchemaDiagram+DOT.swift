/// The diagram as Graphviz DOT: one HTML-table node per table, one edge per relationship in crow's-foot notation.
///
/// Names reach DOT in two places, each with its own escaping (`DOTText`): node names and edge labels are
/// double-quoted DOT strings, and table cells are HTML-like labels. Edges attach to cell ports named by column
/// position, so a column name never has to be spelled as a port: `cN` is the column's first cell (entered from the
/// west), `cNe` its last (left to the east).
extension SchemaDiagram {
    /// The DOT text: `dot -Tsvg` draws it. A foreign-key edge runs from the referenced column to the referencing one
    /// (so referenced tables rank to the left), the referenced table's cardinality at the tail and the referencing
    /// table's at the head.
    public func dot() -> String {
        var lines = [
            "digraph schema {",
            "    graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.5, ranksep=1.2];",
            "    node [shape=plaintext, margin=0, fontname=\"Helvetica\", fontsize=10];",
            "    edge [dir=both, fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];",
        ]
        for table in tables {
            lines.append("")
            lines += dotNode(table)
        }
        if !links.isEmpty { lines.append("") }
        lines += links.map(dotEdge)
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    /// A table node: a header row (table, entity) and a row per column (name, type, keys, nullability).
    func dotNode(_ table: Table) -> [String] {
        var rows = [
            "    \(DOTText.quoted(table.name)) [label=<",
            "        <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">",
            "        <tr><td colspan=\"4\" bgcolor=\"#dde4ee\"><b>\(DOTText.html(table.name))</b> "
                + "<font point-size=\"9\">\(DOTText.html(table.entity))</font></td></tr>",
        ]
        for (index, column) in table.columns.enumerated() {
            let keys = column.keys.map(\.rawValue).joined(separator: ", ")
            rows.append("        <tr><td port=\"c\(index)\" align=\"left\">\(DOTText.html(column.name))</td>"
                + "<td align=\"left\">\(DOTText.html(column.type))</td><td>\(keys)</td>"
                + "<td port=\"c\(index)e\">\(column.isNullable ? "nullable" : "")</td></tr>")
        }
        rows.append("        </table>>];")
        return rows
    }

    /// A foreign key from the referenced column's east side to the referencing column's west side; a many-to-many
    /// relation as a dashed edge between the two tables.
    func dotEdge(_ link: Link) -> String {
        let label = "label=\(DOTText.quoted(link.label))"
        let ends = "arrowtail=\(Self.dotArrow(link.parentCardinality)), "
            + "arrowhead=\(Self.dotArrow(link.childCardinality))"
        guard let childColumn = link.childColumn, let parentColumn = link.parentColumn else {
            let tables = DOTText.quoted(link.parent) + " -> " + DOTText.quoted(link.child)
            return "    \(tables) [\(ends), style=dashed, \(label)];"
        }
        let from = DOTText.quoted(link.parent) + port(of: parentColumn, in: link.parent, side: "e")
        let to = DOTText.quoted(link.child) + port(of: childColumn, in: link.child, side: "w")
        return "    \(from) -> \(to) [\(ends), \(label)];"
    }

    /// `:"cN":w` (the first cell) or `:"cNe":e` (the last) for the column's row, or nothing when the table or
    /// column is not drawn (the edge then meets the table's border).
    func port(of column: String, in tableName: String, side: String) -> String {
        guard let table = tables.first(where: { $0.name == tableName }),
              let index = table.columns.firstIndex(where: { $0.name == column }) else { return "" }
        return side == "e" ? ":\"c\(index)e\":e" : ":\"c\(index)\":w"
    }

    /// Crow's-foot arrow shapes, nearest the node first: the bar or crow is the maximum, the circle a minimum
    /// of zero.
    static func dotArrow(_ cardinality: Cardinality) -> String {
        switch cardinality {
        case .exactlyOne: "teetee"
        case .zeroOrOne: "teeodot"
        case .zeroOrMore: "crowodot"
        }
    }
}

/// Escapes text for the two places DOT holds names.
enum DOTText {
    /// A double-quoted DOT string: `\` and `"` are backslash-escaped (so an edge label shows them as written),
    /// control characters other than tab and newline become U+FFFD (SVG output, being XML, cannot hold them).
    static func quoted(_ text: String) -> String {
        "\"" + escaped(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\"": "\\\""
            case "\n": "\\n"
            default: nil
            }
        } + "\""
    }

    /// Text inside an HTML-like label: the XML special characters as entities, control characters as U+FFFD.
    static func html(_ text: String) -> String {
        escaped(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "\n", "\t": " "
            default: nil
            }
        }
    }

    /// The text with each scalar `replacement` names replaced, after control characters other than tab and
    /// newline became U+FFFD.
    private static func escaped(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for original in text.unicodeScalars {
            let isControl = (original.value < 0x20 && original != "\n" && original != "\t") || original.value == 0x7F
            let scalar: Unicode.Scalar = isControl ? "\u{FFFD}" : original
            if let replaced = replacement(scalar) {
                result += replaced
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
