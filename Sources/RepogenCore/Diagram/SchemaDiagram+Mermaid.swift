/// The diagram as Mermaid `erDiagram` text, which GitHub renders inside a ```` ```mermaid ```` block.
///
/// Mermaid's ER grammar is strict about what may appear where, so every name goes through one of two spellings:
/// - Table names, relationship labels and comments are double-quoted. A quoted name may not hold `"`, `%`, `\`
///   or line breaks, and Mermaid turns `#NNN;` into the character NNN before drawing; so those characters, and `#`,
///   `:`, `<`, `>`, `&` and control characters, are written as `#NNN;`. Whitespace after the word `direction` is
///   too: Mermaid's lexer reads any line holding `direction TB` (or BT, LR, RL) as a layout statement.
/// - Column names and types are bare words inside an entity block (`[A-Za-z_][A-Za-z0-9_()[\]-]*`: no comma,
///   no space). A type that is not such a word is shown by its name before the parenthesis (`numeric`) or with
///   `_` for each other character, and a column name by the latter; a word that would start with the key markers
///   PK, FK or UK (which the lexer takes first, case-insensitively) gets a leading `_`. Whatever had to change is
///   written exactly in the attribute's comment (`numeric total_amount "numeric(12,2)"`).
extension SchemaDiagram {
    /// The `erDiagram` text: one block per table (columns, SQL types, PK/FK/UK, "nullable"), then one line per
    /// foreign key (`||` or `|o` at the referenced table, `o{` or `o|` at the referencing one) and a dotted
    /// `}o..o{` line per many-to-many relation.
    public func mermaid() -> String {
        var lines = ["erDiagram"]
        for table in tables {
            lines.append("    \(MermaidText.quoted(table.name)) {")
            lines += table.columns.map { "        " + Self.mermaidAttribute($0) }
            lines.append("    }")
        }
        for link in links {
            let line = link.childColumn == nil ? ".." : "--"
            let ends = Self.mermaidLeft(link.parentCardinality) + line + Self.mermaidRight(link.childCardinality)
            lines.append("    \(MermaidText.quoted(link.parent)) \(ends) \(MermaidText.quoted(link.child)) : "
                         + MermaidText.quoted(link.label))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `type name [PK, FK, UK] ["comment"]`: the comment holds the exact type or name when the word had to
    /// change, and "nullable".
    static func mermaidAttribute(_ column: Column) -> String {
        let name = MermaidText.word(column.name)
        let type = MermaidText.typeWord(column.type)
        var notes: [String] = []
        if type != column.type { notes.append(column.type) }
        if name != column.name { notes.append("named " + column.name) }
        if column.isNullable { notes.append("nullable") }
        var attribute = type + " " + name
        if !column.keys.isEmpty { attribute += " " + column.keys.map(\.rawValue).joined(separator: ", ") }
        if !notes.isEmpty { attribute += " " + MermaidText.quoted(notes.joined(separator: "; ")) }
        return attribute
    }

    /// The cardinality at the left (first-named, referenced) end of a relationship.
    static func mermaidLeft(_ cardinality: Cardinality) -> String {
        switch cardinality {
        case .exactlyOne: "||"
        case .zeroOrOne: "|o"
        case .zeroOrMore: "}o"
        }
    }

    /// The cardinality at the right (second-named, referencing) end of a relationship.
    static func mermaidRight(_ cardinality: Cardinality) -> String {
        switch cardinality {
        case .exactlyOne: "||"
        case .zeroOrOne: "o|"
        case .zeroOrMore: "o{"
        }
    }
}

/// Spells arbitrary text the way Mermaid's ER grammar accepts it (see `SchemaDiagram.mermaid()`).
enum MermaidText {
    /// The text in double quotes, with every character Mermaid would misread written as `#NNN;`.
    static func quoted(_ text: String) -> String {
        guard !text.isEmpty else { return "\"#32;\"" }
        let scalars = Array(text.unicodeScalars)
        var result = "\""
        for (index, scalar) in scalars.enumerated() {
            if needsEntity(scalar) || (scalar.properties.isWhitespace && followsDirection(scalars, at: index)) {
                result += "#\(scalar.value);"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A type as a bare word: itself when it is one, else its name before `(` when that is one
    /// (`numeric(12,2)` is `numeric`), else `word(_:)` of it.
    static func typeWord(_ type: String) -> String {
        if word(type) == type { return type }
        let base = String(type.prefix { $0 != "(" })
        return !base.isEmpty && base != type && word(base) == base ? base : word(type)
    }

    /// A bare attribute word: disallowed characters become `_`, and a leading key marker is prefixed with `_`.
    static func word(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(isWordScalar(scalar) ? scalar : "_")
        }
        let scalars = Array(result.lowercased().unicodeScalars)
        guard let first = scalars.first, isLetterOrUnderscore(first) else { return "_" + result }
        let startsWithKey = ["pk", "fk", "uk"].contains { result.lowercased().hasPrefix($0) }
        if startsWithKey && (scalars.count == 2 || !isIdentifierScalar(scalars[2])) { return "_" + result }
        return result
    }

    private static func needsEntity(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || "\"%\\#:<>&".unicodeScalars.contains(scalar)
    }

    /// Whether the whitespace at `index` follows the word `direction`, ignoring case and whitespace between.
    private static func followsDirection(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var end = index
        while end > 0 && scalars[end - 1].properties.isWhitespace { end -= 1 }
        let word = "direction".unicodeScalars.count
        guard end >= word else { return false }
        return String(String.UnicodeScalarView(scalars[(end - word)..<end])).lowercased() == "direction"
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierScalar(scalar) || "()[]-".unicodeScalars.contains(scalar)
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        isLetterOrUnderscore(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isLetterOrUnderscore(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
