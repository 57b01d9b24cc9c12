extension InvalidFixtureExpectations {
    /// Expectations for `search:` on entities: every error names the file, line and column of what is wrong.
    static let searchDiagnostics: [String: [String]] = [
        "search.yaml": [
            "schema.yaml:4:21: error: unknown search column 'titel' in entity 'Article' (did you mean 'title'?)",
            "schema.yaml:4:28: error: search column 'views' of entity 'Article' is not text; only string and text "
                + "fields can be searched",
            "schema.yaml:11:32: error: search column 'title' is listed twice",
            "schema.yaml:11:50: error: unknown search language 'englsh' (did you mean 'english'?)",
            "schema.yaml:16:42: error: unknown search language 'english'; DROP TABLE notes; --' (expected one of: "
                + EntitySearchLanguages.list + ")",
            "schema.yaml:21:5: error: entity 'Clash' has a column named 'search_vector', which 'search' adds; "
                + "rename that field",
            "schema.yaml:26:13: error: 'search' must be a list of text columns or a mapping (like { columns: "
                + "[title], language: english })",
            "schema.yaml:31:5: error: missing required key 'columns' in the search of entity 'Keyed'",
            "schema.yaml:31:15: error: unknown key 'fields' in the search of entity 'Keyed' (expected one of: "
                + "columns, language)",
        ]
    ]
}

/// The accepted languages as the error lists them, written out so a change to the list shows in this test.
enum EntitySearchLanguages {
    static let list = "arabic, armenian, basque, catalan, danish, dutch, english, finnish, french, german, greek, "
        + "hindi, hungarian, indonesian, irish, italian, lithuanian, nepali, norwegian, portuguese, romanian, "
        + "russian, serbian, simple, spanish, swedish, tamil, turkish, yiddish"
}
