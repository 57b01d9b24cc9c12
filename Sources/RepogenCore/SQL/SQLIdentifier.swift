import RepogenSQL

/// Renders validated schema identifiers and literals as SQL text; the only place SQL quoting happens.
public enum SQL {
    /// An identifier as it appears in SQL: bare when safe, double-quoted when it is a reserved word.
    ///
    /// ```swift
    /// SQL.identifier("users")  // users
    /// SQL.identifier("user")   // "user"
    /// ```
    public static func identifier(_ name: String) -> String {
        let isPlain = name.utf8.allSatisfy { isLowerIdentifierByte($0) } && !(name.first?.isNumber ?? true)
        if isPlain && !reservedWords.contains(name) {
            return name
        }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string constant meaning `value` under either `standard_conforming_strings` setting (`SQLLiteral.string`).
    public static func stringLiteral(_ value: String) -> String {
        SQLLiteral.string(value)
    }

    private static func isLowerIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    /// PostgreSQL's reserved key words (and those reserved as type or function names) that need quoting.
    static let reservedWords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
        "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
        "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
        "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
        "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
        "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
        "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
        "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
        "verbose", "when", "where", "window", "with",
    ]
}
