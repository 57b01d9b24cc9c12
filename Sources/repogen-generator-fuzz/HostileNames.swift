/// The hostile vocabulary schemas are drawn from: keywords of SQL and Swift, names of generated and runtime
/// declarations, names PostgreSQL derives itself, near-collisions, Unicode and names at the length limits.
enum HostileNames {
    /// SQL key words, reserved (need quoting) and not (`type`, `name`, `key`), all valid snake_case names.
    static let sqlKeywords = [
        "select", "order", "user", "table", "group", "from", "where", "default", "check", "limit", "offset",
        "column", "constraint", "primary", "references", "unique", "end", "desc", "asc", "all", "analyse", "both",
        "case", "cast", "collate", "create", "current_user", "current_date", "do", "else", "for", "foreign",
        "grant", "having", "in", "into", "is", "join", "left", "like", "not", "null", "on", "only", "or",
        "returning", "some", "then", "to", "true", "false", "union", "using", "when", "window", "with", "array",
        "action", "data", "key", "name", "type", "value", "version", "position", "text", "time", "timestamp",
        "zone", "level", "comment", "owner", "role", "schema", "sequence", "option", "cursor", "interval",
        "between", "escape", "collation", "authorization", "binary", "verbose", "natural", "inner", "outer",
    ]

    /// Swift keywords and contextual keywords that are valid snake_case names.
    static let swiftKeywords = [
        "class", "default", "self", "init", "func", "_", "struct", "enum", "protocol", "extension", "let", "var",
        "return", "if", "guard", "while", "repeat", "in", "is", "as", "try", "throw", "throws", "rethrows",
        "inout", "operator", "subscript", "deinit", "import", "internal", "private", "public", "fileprivate",
        "open", "static", "super", "associatedtype", "typealias", "any", "some", "nil", "await", "async",
        "actor", "nonisolated", "isolated", "consuming", "borrowing", "sending", "mutating", "lazy", "weak",
        "unowned", "override", "required", "convenience", "dynamic", "final", "indirect", "optional", "get",
        "set", "willset", "didset", "type", "switch", "fallthrough", "break", "continue", "defer", "do", "catch",
        "where", "precedencegroup", "macro", "package", "copy", "discard", "each", "then", "__", "_x", "x_",
    ]

    /// Names of members and types the generated code and the runtime declare, in snake_case.
    static let generatedMembers = [
        "entity_table", "hash_value", "binds", "executor", "page", "db", "tx", "row", "rows", "id", "ids", "id_",
        "i_d", "columns", "table_name", "description", "debug_description", "raw_value", "all_cases",
        "coding_keys", "input", "patch", "new", "decode", "encode", "sql", "query", "cache", "metrics",
        "transaction", "database", "connection", "count", "exists", "find", "find_all", "create", "create_many",
        "update", "delete", "restore", "upsert", "spec", "specification", "order_by", "cursor", "values",
        "column_ref", "page_request", "statement", "statements", "bindings", "result", "error", "key_path",
        "hash_into", "expected_version", "tenant_id", "deleted_at", "created_at", "updated_at", "version",
    ]

    /// Names PostgreSQL derives or reserves: implicit constraint, sequence and index names, system columns.
    static let postgresNames = [
        "x_pkey", "x_id_seq", "schema_migrations", "pg_class", "pg_temp", "ctid", "xmin", "xmax", "cmin", "cmax",
        "oid", "tableoid", "users_pkey", "users_id_seq", "users_email_key", "information_schema", "public",
    ]

    /// Names that collide once cased or derived: `a_b` / `a__b` / `a_b_` are all `aB` in Swift.
    static let nearCollisions = [
        "a_b", "a__b", "a_b_", "_a_b", "a_b_id", "ab", "a_bid", "owner", "owner_id", "owner_i_d", "x", "xs",
        "e", "u", "b", "n", "id_id", "_id", "a1", "a_1", "a1_", "item", "items", "itemes", "box", "boxes",
    ]

    /// A valid snake_case name of exactly `length` bytes (63 is PostgreSQL's limit; 64 is one too many).
    static func longName(_ length: Int, seed: Int) -> String {
        let stem = "long_\(seed)_"
        return stem + String(repeating: "x", count: max(0, length - stem.utf8.count))
    }

    /// Names the reader must refuse: Unicode, invisible characters, wrong case, bad first characters, empty.
    static let invalidSnake = [
        "café", "名前", "שם", "a\u{200B}b", "e\u{0301}", "Name", "1abc", "a-b", "a b", "", "ﬁeld", "ａｂ",
        "\u{202E}drow", "select;", "a\"b", "ä",
    ]

    /// PascalCase names that clash with Swift, Foundation and runtime types or with generated names.
    static let pascalNames = [
        "Type", "Self", "Protocol", "Any", "Sendable", "Error", "String", "Int", "Optional", "Array", "Never",
        "Void", "Result", "Task", "Actor", "Codable", "Hashable", "ColumnRef", "PageRequest", "Page", "Database",
        "Transaction", "DatabaseExecutor", "PostgresBindings", "PostgresRow", "JSONValue", "CalendarDate",
        "Decimal", "Date", "UUID", "Data", "Migration", "RepogenError", "Specification", "Spec", "Query", "Order",
        "Group", "User", "Select", "Table", "Default", "Class", "Struct", "Init", "Func", "Entity", "Repository",
        "Schema", "AppSchema", "AppRepositories", "App", "New", "Patch", "Key", "Value", "Element", "Index",
        "Sequence", "Identifiable", "ID", "CodingKeys", "Foundation", "Swift", "RepogenRuntime", "Main", "A",
        "AB", "Ab", "HTTPCode", "Xs", "X", "Status", "Box", "Boxe", "Person", "Datum", "Item", "Items", "Audit",
        "Note", "Tag", "Event", "Row", "Rows", "Cache", "Metrics", "Logger", "Never", "Bool", "Double", "Float",
    ]

    /// Type names the reader must refuse.
    static let invalidPascal = ["Café", "名前", "user", "_Foo", "Foo_Bar", "Ab\u{200B}c", "1Up", ""]

    /// Hostile text for string defaults, `where:` literals and docs: quotes, backslashes, escape-string and
    /// dollar-quote syntax, injection aimed at the canary table, comment markers, Swift and Mustache syntax,
    /// NUL, bidi and zero-width characters, line separators and multi-byte characters.
    static let hostileStrings = [
        "'", "''", "\\", "\\\\", "\\'", "E'\\''", "$$", "$tag$", "a\\", "\\x41", "\\0",
        "'); DROP TABLE zz_repogen_canary; --", "\\'); DROP TABLE zz_repogen_canary; --",
        "x' || (SELECT 1) || '", "--", "/*", "*/", "\0", "a\0b", "\u{202E}evil", "\u{2066}iso\u{2069}",
        "zero\u{200B}width", "\u{FEFF}bom", "line\nbreak", "cr\rret", "sep\u{2028}line", "\"", "\"\"\"", "#",
        "\\(x)", "#\"", "\"#", "{{", "}}", "{{{x}}}", "{{! c}}", "%s%n", "😀", "e\u{0301}", "名前", "שלום",
        "ééé", "\t", " ", "  padded  ", "null", "NULL", "true", "default", "now()", ":", "- item", "? q",
        "&anchor", "*alias", "!tag", "|", ">", "@", "`", "%", "\u{7F}", "\u{85}next",
    ]
}
