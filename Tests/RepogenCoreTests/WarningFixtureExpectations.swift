/// The exact diagnostics each file in `Tests/Fixtures/schemas/warnings` must produce: warnings only, so the
/// schema is still produced.
enum WarningFixtureExpectations {
    static let diagnostics: [String: [String]] = [
        "finders.yaml": [
            "schema.yaml:18:9: warning: finder 'byNameSorted' is not served by an index; add { columns: "
                + "[account, name, born_on] }",
            "schema.yaml:21:9: warning: finder 'byBirthday' is not served by an index; add { columns: "
                + "[account, born_on] }",
            "schema.yaml:33:9: warning: finder 'byTitle' is not served by an index; add { columns: [title], "
                + "where: \"deleted_at IS NULL\" }",
        ],
        "foreign_keys.yaml": [
            "schema.yaml:10:7: warning: foreign key column 'owner_id' has no index; add { columns: "
                + "[owner_id] }",
            "schema.yaml:11:7: warning: foreign key column 'editor_id' has no index; add { columns: "
                + "[editor_id] }",
            "schema.yaml:12:7: warning: foreign key column 'reviewer_id' has no index; add { columns: "
                + "[reviewer_id] }",
        ],
        "money.yaml": [
            "schema.yaml:6:29: warning: field 'total_amount' looks like money but is a double, which rounds; "
                + "use { type: decimal, precision: 12, scale: 2 }",
            "schema.yaml:7:29: warning: field 'unit_price' looks like money but is a double, which rounds; "
                + "use { type: decimal, precision: 12, scale: 2 }",
            "schema.yaml:8:29: warning: field 'tax' looks like money but is a double, which rounds; use { "
                + "type: decimal, precision: 12, scale: 2 }",
        ],
    ]
}
