/// The exact diagnostics each file in `Tests/Fixtures/schemas/invalid` must produce, read as `schema.yaml`.
enum InvalidFixtureExpectations {
    static let diagnostics: [String: [String]] = [
        "belongs_to.yaml": [
            "schema.yaml:8:29: error: 'belongs_to' refers to unknown entity 'Usr' (did you mean 'User'?)",
            "schema.yaml:9:29: error: 'Status' is an enum, not an entity (use 'type: Status')",
            "schema.yaml:10:7: warning: foreign key column 'author_id' has no index; add { columns: [author_id] }",
            "schema.yaml:10:46: error: unknown on_delete action 'nullify' (expected one of: restrict, "
                + "cascade, set_null, no_action)",
            "schema.yaml:11:7: warning: foreign key column 'editor_id' has no index; add { columns: [editor_id] }",
            "schema.yaml:11:46: error: 'on_delete: set_null' requires 'optional: true'",
            "schema.yaml:12:29: error: 'on_delete' applies only to belongs_to fields",
            "schema.yaml:13:29: error: field 'both' has both 'type' and 'belongs_to' (expected exactly one)",
            "schema.yaml:14:7: error: field 'none' needs a 'type' or a 'belongs_to'",
        ],
        "column_clashes.yaml": [
            "schema.yaml:6:7: warning: foreign key column 'owner_id' has no index; add { columns: [owner_id] }",
            "schema.yaml:7:7: error: field 'owner_id' maps to column 'owner_id', already used by field 'owner'",
            "schema.yaml:9:7: error: field 'line__no' maps to Swift property 'lineNo', already used by field 'line_no'",
        ],
        "defaults.yaml": [
            "schema.yaml:8:41: error: default 'maybe' is not a valid bool",
            "schema.yaml:9:40: error: default '2147483648' is not a valid int (32-bit)",
            "schema.yaml:10:43: error: default '9223372036854775808' is not a valid bigint (64-bit)",
            "schema.yaml:11:68: error: default '1234.5' does not fit decimal(5, 2)",
            "schema.yaml:12:58: error: default '1.2.3' is not a valid decimal",
            "schema.yaml:13:43: error: default '0x1p3' is not a valid double",
            "schema.yaml:14:41: error: default '2023-02-29' is not a valid date (expected YYYY-MM-DD)",
            "schema.yaml:15:41: error: default 'not-a-uuid' is not a valid uuid",
            "schema.yaml:16:41: error: default '{oops' is not valid JSON",
            "schema.yaml:17:43: error: default 'archived' is not a case of enum 'Status' "
                + "(expected one of: draft, sent)",
            "schema.yaml:18:46: error: timestamp fields accept only 'now' as default",
            "schema.yaml:19:42: error: bytes fields cannot have a default",
            "schema.yaml:20:51: error: default 'random' applies only to uuid fields (quote it to use the "
                + "text as a literal)",
            "schema.yaml:21:40: error: default 'now' applies only to timestamp and date fields",
            "schema.yaml:22:59: error: an identity column cannot be optional",
            "schema.yaml:23:51: error: default is 3 characters long, more than 'max' (2)",
            "schema.yaml:24:41: error: 'default' cannot be null (leave it out instead)",
            "schema.yaml:25:41: error: 'default' must be a single value, not a mapping (quote JSON, like \"{}\")",
            "schema.yaml:26:40: error: default 'random' applies only to uuid fields",
        ],
        "duplicates.yaml": [
            "schema.yaml:4:3: error: duplicate enum 'Status'",
            "schema.yaml:10:7: error: duplicate field 'title'",
            "schema.yaml:11:28: error: duplicate key 'type' in field 'body'",
            "schema.yaml:12:3: error: duplicate entity 'Quote'",
            "schema.yaml:15:1: error: duplicate key 'version'",
        ],
        "empty.yaml": [
            "schema.yaml:1:1: error: schema file is empty",
        ],
        "empty_document.yaml": [
            "schema.yaml:1:1: error: schema file is empty",
        ],
        "indexes.yaml": [
            "schema.yaml:9:21: error: index column 'emial' is not a column of entity 'User' (did you mean 'email'?)",
            "schema.yaml:10:21: error: invalid index column 'email sideways' (expected a column name, "
                + "optionally followed by asc or desc)",
            "schema.yaml:11:28: error: column 'email' appears twice in index",
            "schema.yaml:12:35: error: index name 'users' is already used by the table of entity 'User'",
            "schema.yaml:13:34: error: index name 'BadName' is not a valid SQL identifier (lowercase "
                + "letters, digits and underscores, at most 63 bytes)",
            "schema.yaml:15:9: error: missing required key 'columns' in index",
            "schema.yaml:16:20: error: 'columns' must be a non-empty list of column names",
            "schema.yaml:18:9: error: an index must be a mapping (like { columns: [owner_id] })",
            "schema.yaml:23:32: error: index name 'shared_name' is already used by an index of entity 'User'",
        ],
        "multiple_documents.yaml": [
            "schema.yaml:2:1: error: a schema file must hold a single YAML document",
        ],
        "multiple_errors.yaml": [
            "schema.yaml:3:30: error: duplicate case 'draft' in enum 'QuoteStatus'",
            "schema.yaml:8:22: error: unknown type 'strng' (did you mean 'string'?)",
            "schema.yaml:12:29: error: 'belongs_to' refers to unknown entity 'Usr' (did you mean 'User'?)",
            "schema.yaml:13:45: error: default 'maybe' is not a case of enum 'QuoteStatus' (expected one "
                + "of: draft, sent)",
            "schema.yaml:14:17: error: unknown key 'tpye' in field 'title' (did you mean 'type'?)",
            "schema.yaml:16:31: error: index column 'created_at' is not a column of entity 'Quote'",
        ],
        "names.yaml": [
            "schema.yaml:3:3: error: enum name 'status' must be a PascalCase Swift type name (like QuoteStatus)",
            "schema.yaml:4:10: error: enum case 'Big' must be a lowercase identifier (lowercase letters, "
                + "digits and underscores, at most 63 bytes)",
            "schema.yaml:4:22: error: duplicate case 'small' in enum 'Kind'",
            "schema.yaml:4:29: error: enum case '2x' must be a lowercase identifier (lowercase letters, "
                + "digits and underscores, at most 63 bytes)",
            "schema.yaml:5:10: error: enum 'Empty' has no cases",
            "schema.yaml:6:11: error: enum 'Scalar' must be a list of cases (like [draft, sent])",
            "schema.yaml:9:3: error: entity name 'quote_item' must be a PascalCase Swift type name (like QuoteItem)",
            "schema.yaml:12:3: error: name 'Quote' is declared both as an enum and as an entity",
            "schema.yaml:13:12: error: table name 'Quotes' is not a valid SQL identifier (lowercase "
                + "letters, digits and underscores, at most 63 bytes)",
            "schema.yaml:16:7: error: field name 'TotalSum' must be a snake_case identifier (lowercase "
                + "letters, digits and underscores, at most 63 bytes)",
            "schema.yaml:22:12: error: table 'kinds' is already used by entity 'Invoice'",
            "schema.yaml:28:7: error: column name "
                + "'this_is_a_very_long_reference_name_that_goes_past_the_limit_ok_id' of field "
                + "'this_is_a_very_long_reference_name_that_goes_past_the_limit_ok' is longer than 63 bytes",
        ],
        "not_a_mapping.yaml": [
            "schema.yaml:1:1: error: the schema must be a mapping (expected keys: version, enums, entities, "
                + "acknowledge)",
        ],
        "primary_keys.yaml": [
            "schema.yaml:3:3: error: entity 'NoKey' has no primary key",
            "schema.yaml:9:38: error: entity 'TwoKeys' already has a primary key, 'id'",
            "schema.yaml:12:50: error: a primary key cannot be optional",
            "schema.yaml:15:20: error: primary key type must be uuid, int, bigint or string, not 'date'",
            "schema.yaml:18:46: error: a belongs_to field cannot be the primary key",
            "schema.yaml:19:3: error: entity 'EmptyFields' has no primary key",
        ],
        "shapes.yaml": [
            "schema.yaml:3:11: error: entity 'Listed' must be a mapping (expected keys: table, fields, indexes...)",
            "schema.yaml:4:3: error: missing required key 'fields' in entity 'NoFields'",
            "schema.yaml:7:13: error: 'fields' of entity 'FieldsList' must be a mapping of field names to "
                + "field definitions",
            "schema.yaml:10:11: error: field 'id' must be a mapping (like { type: string })",
            "schema.yaml:12:5: error: unknown key 'tabel' in entity 'IndexesMap' (did you mean 'table'?)",
            "schema.yaml:15:14: error: 'indexes' of entity 'IndexesMap' must be a list of index definitions",
            "schema.yaml:16:5: error: expected a name as key, found a sequence",
        ],
        "type_options.yaml": [
            "schema.yaml:5:40: error: 'primary' must be true or false",
            "schema.yaml:6:30: error: 'max' applies only to string fields",
            "schema.yaml:7:33: error: 'precision' applies only to decimal fields",
            "schema.yaml:7:47: error: 'scale' applies only to decimal fields",
            "schema.yaml:8:55: error: 'scale' must be an integer between 0 and 4",
            "schema.yaml:9:25: error: decimal field 'price' needs a 'precision'",
            "schema.yaml:10:38: error: 'max' must be an integer between 1 and 10485760",
            "schema.yaml:11:38: error: 'max' must be an integer between 1 and 10485760",
            "schema.yaml:12:38: error: 'max' must be an integer between 1 and 10485760",
            "schema.yaml:13:45: error: 'precision' must be an integer between 1 and 1000",
            "schema.yaml:14:39: error: 'max' applies only to string fields",
            "schema.yaml:14:57: error: 'optional' must be true or false",
        ],
        "undefined_alias.yaml": [
            "schema.yaml:5:11: error: YAML alias '*primary_key' refers to an undefined anchor",
        ],
        "unknown_field_key.yaml": [
            "schema.yaml:6:16: error: unknown key 'tpye' in field 'title' (did you mean 'type'?)",
        ],
        "unknown_top_level_key.yaml": [
            "schema.yaml:1:1: error: missing required key 'version'",
            "schema.yaml:2:1: error: unknown key 'entites' (did you mean 'entities'?)",
        ],
        "unknown_type.yaml": [
            "schema.yaml:8:23: error: unknown type 'strng' (did you mean 'string'?)",
            "schema.yaml:9:23: error: 'User' is an entity, not a type (use 'belongs_to: User' to reference it)",
        ],
        "unsupported_version.yaml": [
            "schema.yaml:1:10: error: unsupported schema version '2' (expected 1)",
        ],
        "yaml_syntax.yaml": [
            "schema.yaml:3:15: error: YAML syntax: mapping values are not allowed in this context",
        ],
        "yaml_syntax_unclosed_flow.yaml": [
            "schema.yaml:6:1: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow "
                + "mapping that starts at line 5, column 11)",
        ],
    ]
}
