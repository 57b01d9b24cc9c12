extension InvalidFixtureExpectations {
    /// Every invalid fixture's expectations.
    static let all = diagnostics.merging(languageDiagnostics) { first, _ in first }
        .merging(cacheDiagnostics) { first, _ in first }
        .merging(predicateDiagnostics) { first, _ in first }
        .merging(namingDiagnostics) { first, _ in first }
        .merging(searchDiagnostics) { first, _ in first }

    /// Expectations for the fixtures of the full language: behaviours, relations, finders, index options,
    /// docs, renames, acknowledgements, suggestions and YAML safety.
    static let languageDiagnostics: [String: [String]] = [
        "acknowledgements.yaml": [
            "schema.yaml:7:7: error: unknown acknowledgement 'drop_colum' (did you mean 'drop_column'?)",
            "schema.yaml:8:20: error: 'drop_column' must name a column as table.column, not 'notes'",
            "schema.yaml:9:19: error: 'drop_table' must name a table, not 'users.notes'",
            "schema.yaml:10:5: error: an acknowledgement must be a mapping with one key (like { drop_column: "
                + "quotes.notes })",
            "schema.yaml:11:5: error: an acknowledgement must be a mapping with one key (like { drop_column: "
                + "quotes.notes })",
            "schema.yaml:13:7: error: duplicate acknowledgement 'drop_index: old_idx'",
            "schema.yaml:14:21: error: 'set_not_null' must name a column as table.column, not 'Users.Name'",
        ],
        "behaviours.yaml": [
            "schema.yaml:4:5: error: 'append_only' contradicts 'soft_delete': an append-only entity is never "
                + "updated or deleted",
            "schema.yaml:4:5: error: 'append_only' contradicts 'versioned': an append-only entity is never "
                + "updated or deleted",
            "schema.yaml:15:7: error: field 'created_at' cannot be the 'timestamps' column 'created_at': it "
                + "must be a timestamp that is not optional",
            "schema.yaml:16:7: error: field 'deleted_at' cannot be the 'soft_delete' column 'deleted_at': it "
                + "must be an optional timestamp without a default",
            "schema.yaml:17:7: error: field 'version' cannot be the 'versioned' column 'version': it must be "
                + "an int or bigint that is not optional",
            "schema.yaml:19:13: error: tenant column 'acount' is not a column of entity 'Scoped' (did you "
                + "mean 'account'?)",
            "schema.yaml:20:14: error: 'audited' must be true or false",
            "schema.yaml:25:13: error: tenant field 'account' is optional; the tenant must be a required "
                + "column",
            "schema.yaml:30:13: error: tenant field 'id' is the primary key; the tenant must be a required "
                + "column",
        ],
        "docs_and_renames.yaml": [
            "schema.yaml:3:13: error: unknown key 'value' in enum 'Status' (did you mean 'values'?)",
            "schema.yaml:4:38: error: 'doc' must be a text, not a mapping",
            "schema.yaml:7:10: error: 'doc' must not be empty",
            "schema.yaml:8:19: error: 'renamed_from' must be a valid SQL identifier (lowercase letters, "
                + "digits and underscores, at most 63 bytes), not 'Accounts'",
            "schema.yaml:11:48: error: 'renamed_from: name' is the field's current column",
            "schema.yaml:12:48: error: 'renamed_from: name' is the column of field 'name'",
            "schema.yaml:14:48: error: column 'old_name' is already renamed to field 'nickname'",
            "schema.yaml:14:63: error: 'doc' must be a text, not a sequence",
            "schema.yaml:16:19: error: 'renamed_from: teams' is the entity's current table",
            "schema.yaml:20:19: error: 'renamed_from: users' is the table of entity 'User'",
            "schema.yaml:28:19: error: table 'squads' is already renamed to entity 'Crew'",
        ],
        "finders.yaml": [
            "schema.yaml:11:31: error: finder column 'emial' is not a column of entity 'User' (did you mean "
                + "'email'?)",
            "schema.yaml:13:17: error: duplicate finder 'byName' (method 'findByName' is already generated "
                + "by finder 'byName')",
            "schema.yaml:14:17: error: finder 'all' would generate 'findAll', which every repository already "
                + "has",
            "schema.yaml:15:51: error: unique finder 'byNameUnique' needs a unique field or unique index on "
                + "exactly [name] (add { columns: [name], unique: true } or drop 'unique: true')",
            "schema.yaml:16:67: error: 'order' applies only to finders that return a list; finder "
                + "'byEmailSorted' is unique",
            "schema.yaml:17:17: error: finder name 'ByEmail' must be a lowerCamelCase identifier (like "
                + "byEmail)",
            "schema.yaml:18:9: error: missing required key 'by' in finder",
            "schema.yaml:19:35: error: column 'name' appears twice in finder",
            "schema.yaml:20:45: error: invalid order column 'name sideways' (expected a column name, "
                + "optionally followed by asc or desc)",
            "schema.yaml:21:9: error: a finder must be a mapping (like { name: byEmail, by: [email] })",
            "schema.yaml:22:35: error: unknown key 'uniqe' in finder (did you mean 'unique'?)",
        ],
        "index_options.yaml": [
            "schema.yaml:9:36: error: invalid index predicate: ';' is not allowed (a predicate is a single "
                + "expression)",
            "schema.yaml:10:36: error: invalid index predicate: comments are not allowed",
            "schema.yaml:11:36: error: invalid index predicate: unbalanced parentheses",
            "schema.yaml:12:36: error: invalid index predicate: unknown column 'titel' (did you mean "
                + "'title'?) (a predicate may name only the entity's columns, key words such as AND, OR, IS NULL, "
                + "and immutable functions)",
            "schema.yaml:13:36: error: invalid index predicate: unterminated quoted string at ''open'",
            "schema.yaml:14:36: error: invalid index predicate: parameters ('$1') are not allowed",
            "schema.yaml:15:36: error: unknown index method 'btre' (did you mean 'btree'?)",
            "schema.yaml:16:21: error: gin indexes apply only to json columns here (PostgreSQL has no "
                + "default gin operator class for 'title'); use btree",
            "schema.yaml:17:40: error: a hash index takes exactly one column",
            "schema.yaml:18:50: error: only btree indexes can be unique, not brin ones",
            "schema.yaml:19:21: error: 'desc' applies only to btree indexes, not gin ones",
            "schema.yaml:20:47: error: 'where' must not be empty",
        ],
        "invalid_utf8.yaml": [
            "schema.yaml:4:14: error: schema file is not valid UTF-8 (byte 0xE9)",
        ],
        "relations.yaml": [
            "schema.yaml:9:27: error: 'entity' refers to unknown entity 'Qoute' (did you mean 'Quote'?)",
            "schema.yaml:10:27: error: 'Kind' is an enum, not an entity",
            "schema.yaml:11:38: error: entity 'Quote' has no field 'writer'",
            "schema.yaml:12:38: error: field 'title' of entity 'Quote' is not a belongs_to pointing at 'User'",
            "schema.yaml:13:7: error: entity 'Review' has no belongs_to field pointing at 'User'",
            "schema.yaml:14:7: error: relation 'id' maps to Swift property 'id', already used by field 'id'",
            "schema.yaml:15:41: error: join entity 'QuoteTag' has no other belongs_to field pointing at 'Tag'",
            "schema.yaml:17:33: error: 'through' applies only to has_many relations",
            "schema.yaml:18:7: error: missing required key 'entity' in relation 'avatar'",
        ],
        "suggestions.yaml": [
            "schema.yaml:8:23: error: unknown type 'Stauts' (did you mean 'Status'?)",
            "schema.yaml:9:40: error: default 'snet' is not a case of enum 'Status' (did you mean 'sent'?)",
            "schema.yaml:10:47: error: unknown on_delete action 'cascde' (did you mean 'cascade'?)",
            "schema.yaml:11:23: error: unknown type 'txet' (did you mean 'text'?)",
        ],
        "tabs.yaml": [
            "schema.yaml:4:1: error: tab characters are not allowed for indentation; indent with spaces",
        ],
    ]
}
