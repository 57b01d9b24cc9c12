extension InvalidFixtureExpectations {
    /// Expectations for names whose Swift or SQL form the generated code, Swift or PostgreSQL already uses.
    static let namingDiagnostics: [String: [String]] = [
        "relation_names.yaml": [
            "schema.yaml:7:7: error: relation 'row' maps to Swift property 'row', which every generated include "
                + "node uses for its own row; rename the relation",
            "schema.yaml:12:7: error: belongs_to field 'row' gives the relation name 'row' (`loadRow(for:)`), which "
                + "is the property every generated include node uses for its row; rename the field",
            "schema.yaml:17:7: error: relation 'author' maps to Swift property 'author', already used by "
                + "belongs_to field 'author'",
        ],
        "swift_names.yaml": [
            "schema.yaml:4:11: error: enum case '_' of enum 'Stage' maps to Swift case '_', which is not a "
                + "name Swift accepts, even between backticks; rename the case",
            "schema.yaml:4:14: error: enum case '_2x' of enum 'Stage' maps to Swift case '2x', which starts "
                + "with a digit; rename the case",
            "schema.yaml:4:30: error: enum case 'in__review' of enum 'Stage' maps to Swift case 'inReview', "
                + "already used by case 'in_review'",
            "schema.yaml:4:42: error: enum case 'raw_value' of enum 'Stage' maps to Swift case 'rawValue', "
                + "which every generated enum already has; rename the case",
            "schema.yaml:4:53: error: enum case 'all_cases' of enum 'Stage' maps to Swift case 'allCases', "
                + "which every generated enum already has; rename the case",
            "schema.yaml:4:64: error: enum case 'self' of enum 'Stage' maps to Swift case 'self', which is not "
                + "a name Swift accepts, even between backticks; rename the case",
            "schema.yaml:4:70: error: enum case 'init' of enum 'Stage' maps to Swift case 'init', which is not "
                + "a name Swift accepts, even between backticks; rename the case",
            "schema.yaml:9:7: error: field '_' maps to Swift property '_', which is not a name Swift accepts, "
                + "even between backticks; rename the field",
            "schema.yaml:10:7: error: field '_1st' maps to Swift property '1st', which starts with a digit; "
                + "rename the field",
            "schema.yaml:12:7: error: field 'a__b' maps to Swift property 'aB', already used by field 'a_b'",
            "schema.yaml:13:7: error: field 'a_b_' maps to Swift property 'aB', already used by field 'a_b'",
            "schema.yaml:14:7: error: field 'self' maps to Swift property 'self', which is not a name Swift "
                + "accepts, even between backticks; rename the field",
            "schema.yaml:15:7: error: field 'entity_table' maps to Swift property 'entityTable', a name the "
                + "generated code already uses (see the reserved names in docs/schema-reference.md); rename the field",
            "schema.yaml:16:7: error: field 'hash_value' maps to Swift property 'hashValue', a name the "
                + "generated code already uses (see the reserved names in docs/schema-reference.md); rename the field",
            "schema.yaml:17:7: error: field 'binds' maps to Swift property 'binds', a name the generated code "
                + "already uses (see the reserved names in docs/schema-reference.md); rename the field",
            "schema.yaml:18:7: error: field 'executor' maps to Swift property 'executor', a name the generated "
                + "code already uses (see the reserved names in docs/schema-reference.md); rename the field",
            "schema.yaml:19:7: error: field 'page' maps to Swift property 'page', a name the generated code "
                + "already uses (see the reserved names in docs/schema-reference.md); rename the field",
            "schema.yaml:20:7: error: field 'decode' maps to Swift property 'decode', a name the generated "
                + "code already uses (see the reserved names in docs/schema-reference.md); rename the field",
        ],
        "reserved_types.yaml": [
            "schema.yaml:4:3: error: type name 'PageRequest' is already used by Swift or the Repogen runtime; "
                + "choose another",
            "schema.yaml:6:3: error: type name 'ColumnRef' is already used by Swift or the Repogen runtime; "
                + "choose another",
            "schema.yaml:9:3: error: type name 'EntityTable' is already used by Swift or the Repogen runtime; "
                + "choose another",
            "schema.yaml:12:3: error: type name 'QueryableEntity' is already used by Swift or the Repogen "
                + "runtime; choose another",
            "schema.yaml:15:3: error: entity 'Query' would generate the type 'QueryRepository', which Swift or "
                + "the Repogen runtime already uses; choose another entity name",
            "schema.yaml:21:3: error: type name 'QuotePatch' clashes with the generated type 'QuotePatch' of "
                + "entity 'Quote'",
            "schema.yaml:24:3: error: type name 'Entity' is already used by Swift or the Repogen runtime; "
                + "choose another",
        ],
        "reserved_tables.yaml": [
            "schema.yaml:12:12: error: table 'notes_pkey' is also the name of the primary key of entity 'Note' "
                + "(tables, indexes, sequences and types share one namespace in PostgreSQL); choose another "
                + "table name",
            "schema.yaml:16:12: error: table 'notes_email_key' is also the name of the unique constraint of "
                + "field 'email' (tables, indexes, sequences and types share one namespace in PostgreSQL); "
                + "choose another table name",
            "schema.yaml:23:12: error: table 'events_id_seq' is also the name of the identity sequence of "
                + "field 'id' (tables, indexes, sequences and types share one namespace in PostgreSQL); choose "
                + "another table name",
            "schema.yaml:27:12: error: table 'mood_repogen_old' is also the name of the type a migration "
                + "renames enum 'Mood' to while it changes (tables, indexes, sequences and types share one "
                + "namespace in PostgreSQL); choose another table name",
            "schema.yaml:31:12: error: table 'schema_migrations' is already used by the migration runner (a "
                + "reserved name)",
            "schema.yaml:35:12: error: table '_1st' gives the repository property '1st', which starts with a "
                + "digit; choose another table name",
            "schema.yaml:43:12: error: table 'a__b' gives the repository property 'aB', already given by the "
                + "table of entity 'First'; choose another table name",
            "schema.yaml:47:12: error: table 'executor' gives the repository property 'executor', a name the "
                + "generated code already uses; choose another table name",
        ],
        "doc_controls.yaml": [
            "schema.yaml:6:10: error: 'doc' contains U+2067, a bidirectional formatting character; remove it",
            "schema.yaml:9:10: error: 'doc' contains U+202E, a bidirectional formatting character; remove it",
            "schema.yaml:12:33: error: 'doc' contains U+0007, a control character; remove it",
            "schema.yaml:13:33: error: 'doc' contains U+200F, a bidirectional formatting character; remove it",
        ],
    ]
}
