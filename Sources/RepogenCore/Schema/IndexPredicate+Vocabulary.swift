/// The words, functions, types and operators a partial index predicate may use besides the entity's columns.
///
/// PostgreSQL requires every function in an index predicate to be IMMUTABLE, so only immutable functions are
/// listed; `volatile` names the common ones that are not, to explain the refusal.
extension IndexPredicate {
    /// Key words, written back in upper case.
    static let keywords: Set<String> = [
        "and", "or", "not", "is", "null", "true", "false", "in", "like", "ilike", "between", "symmetric",
        "distinct", "from", "any", "all", "some", "case", "when", "then", "else", "end", "similar", "to",
        "escape", "unknown", "isnull", "notnull", "array", "interval", "date", "time", "timestamp", "with",
        "without", "zone", "at", "cast", "as", "for", "precision", "varying",
    ]

    /// Key words that also name a type in a typed literal (`date '2024-01-01'`); a column of that name wins
    /// when no string follows.
    static let typedLiteralKeywords: Set<String> = ["date", "time", "timestamp", "interval"]

    /// Immutable functions (and function-like key words) a predicate may call.
    static let functions: Set<String> = [
        "abs", "ascii", "btrim", "cardinality", "ceil", "ceiling", "char_length", "character_length", "chr",
        "coalesce", "floor", "greatest", "initcap", "json_typeof", "jsonb_array_length", "jsonb_typeof",
        "array_length", "least", "left", "length", "lower", "lpad", "ltrim", "md5", "mod", "nullif",
        "octet_length", "repeat", "replace", "reverse", "right", "round", "rpad", "rtrim", "sign", "split_part",
        "starts_with", "strpos", "substr", "substring", "trunc", "upper",
    ]

    /// Common functions and value key words that are not immutable, so PostgreSQL refuses them in a predicate.
    static let volatile: Set<String> = [
        "now", "random", "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday",
        "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "nextval", "currval",
        "lastval", "setval", "gen_random_uuid", "uuid_generate_v4", "age", "to_char", "to_timestamp", "to_date",
        "date_trunc", "date_part", "extract", "concat", "concat_ws", "format", "current_user", "session_user",
        "user", "current_role", "current_schema", "current_catalog", "pg_backend_pid", "txid_current", "version",
    ]

    /// Words that start a statement or a sub-query, refused with their own message.
    static let statementWords: Set<String> = [
        "select", "insert", "update", "delete", "drop", "create", "alter", "truncate", "grant", "revoke",
        "exists", "table", "values", "copy", "do", "call", "execute", "union", "returning",
    ]

    /// Built-in types a cast (`::type`, `CAST(x AS type)`) may name; the schema's enum types are allowed too.
    static let types: Set<String> = [
        "text", "varchar", "char", "character", "integer", "int", "int2", "int4", "int8", "smallint", "bigint",
        "numeric", "decimal", "real", "double", "float4", "float8", "boolean", "bool", "date", "time",
        "timestamp", "timestamptz", "interval", "uuid", "json", "jsonb", "bytea",
    ]

    /// Operators a predicate may use.
    static let operators: Set<String> = [
        "=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "||", "~", "~*", "!~", "!~*",
        "@>", "<@", "&&", "?", "?|", "?&", "->", "->>", "#>", "#>>",
    ]
}
