extension InvalidFixtureExpectations {
    /// Expectations for hostile `where:` predicates and control characters in defaults.
    static let predicateDiagnostics: [String: [String]] = [
        "index_predicates.yaml": [
            "schema.yaml:8:38: error: default holds the control character U+0000 (NUL), which no SQL or Swift "
                + "literal of the schema may carry",
            "schema.yaml:9:38: error: default holds the control character U+0009, which no SQL or Swift literal "
                + "of the schema may carry",
            "schema.yaml:11:36: error: invalid index predicate: ';' is not allowed (a predicate is a single "
                + "expression)",
            "schema.yaml:12:36: error: invalid index predicate: 'now' is not immutable, and an index predicate may "
                + "use only immutable functions",
            "schema.yaml:13:36: error: invalid index predicate: 'random' is not immutable, and an index predicate "
                + "may use only immutable functions",
            "schema.yaml:14:36: error: invalid index predicate: 'SELECT' is not allowed (no statements or "
                + "sub-queries: a predicate is one expression over the entity's columns)",
            "schema.yaml:15:36: error: invalid index predicate: dollar-quoted strings are not allowed",
            "schema.yaml:16:36: error: invalid index predicate: a NUL character is not allowed at 'E'\\000''",
            "schema.yaml:17:36: error: invalid index predicate: comments are not allowed",
            "schema.yaml:18:36: error: invalid index predicate: invalid Unicode escape character at "
                + "'U&'\\0041' UESCAPE '+...'",
            "schema.yaml:19:36: error: invalid index predicate: 'current_date' is not immutable, and an index "
                + "predicate may use only immutable functions",
            "schema.yaml:20:36: error: invalid index predicate: a string literal holds the control character U+0009",
        ],
    ]
}
