extension SchemaDecoder {
    static let fieldKeys = [
        "type", "max", "precision", "scale", "primary", "optional", "unique", "default", "belongs_to", "on_delete",
        "doc", "renamed_from",
    ]
    static let maximumStringLength = 10_485_760
    static let maximumDecimalPrecision = 1000

    /// Decodes `fields:`, a mapping of snake_case names to field definitions, in source order.
    mutating func decodeFields(
        _ entry: MappingEntry, entity: String
    ) -> (declarations: [FieldDeclaration], isComplete: Bool)? {
        let expected = "'fields' of entity '\(entity)' must be a mapping of field names to field definitions"
        let duplicate = { (name: String) in "duplicate field '\(name)'" }
        guard let entries = mappingEntries(entry, expected: expected, duplicate: duplicate) else { return nil }
        let declarations = entries.compactMap { decodeField($0) }
        return (declarations, declarations.count == entries.count)
    }

    /// Decodes one field definition such as `{ type: string, max: 200 }`.
    private mutating func decodeField(_ entry: MappingEntry) -> FieldDeclaration? {
        let name = entry.key
        if !Naming.isValidSQLIdentifier(name) {
            error("field name '\(name)' must be a snake_case identifier (\(Self.sqlIdentifierRule))",
                  at: entry.keyLocation)
        }
        guard case .mapping = entry.value else {
            error("field '\(name)' must be a mapping (like { type: string })", at: entry.value.location)
            return nil
        }
        let context = " in field '\(name)'"
        let errorCount = diagnostics.count
        let entries = knownEntries(of: entry.value, allowed: Self.fieldKeys, context: context,
                                   duplicate: { "duplicate key '\($0)'\(context)" })
        var field = FieldDeclaration(name: entry.located(name))
        field.hasUnknownKeys = diagnostics.count > errorCount
        field.name.location = entry.keyLocation
        for item in entries {
            field.keyLocations[item.key] = item.keyLocation
            decodeFieldKey(item, into: &field)
        }
        checkKindKeys(of: field)
        return field
    }

    /// Stores one key of a field definition.
    private mutating func decodeFieldKey(_ entry: MappingEntry, into field: inout FieldDeclaration) {
        switch entry.key {
        case "type": field.type = string(entry)
        case "belongs_to": field.belongsTo = string(entry)
        case "max": field.maxLength = integer(entry, in: 1...Self.maximumStringLength)
        case "precision": field.precision = integer(entry, in: 1...Self.maximumDecimalPrecision)
        case "scale": field.scale = integer(entry, in: 0...Self.maximumDecimalPrecision)
        case "primary": field.isPrimary = bool(entry)
        case "optional": field.isOptional = bool(entry)
        case "unique": field.isUnique = bool(entry)
        case "on_delete": field.onDelete = referentialAction(entry)
        case "doc": field.doc = doc(entry)
        case "renamed_from": field.renamedFrom = sqlIdentifier(entry)
        default: field.defaultValue = defaultSpelling(entry)
        }
    }

    /// Checks that exactly one of `type` and `belongs_to` is present, and what depends on that choice.
    private mutating func checkKindKeys(of field: FieldDeclaration) {
        let name = field.name.value
        if let belongsTo = field.belongsTo, field.type != nil {
            error("field '\(name)' has both 'type' and 'belongs_to' (expected exactly one)", at: belongsTo.keyLocation)
        }
        if field.type == nil && field.belongsTo == nil && !field.hasUnknownKeys {
            error("field '\(name)' needs a 'type' or a 'belongs_to'", at: field.name.location)
        }
        if let onDelete = field.onDelete, field.belongsTo == nil {
            error("'on_delete' applies only to belongs_to fields", at: onDelete.keyLocation)
        }
        if let onDelete = field.onDelete, onDelete.value == .setNull, field.belongsTo != nil, !field.optional {
            error("'on_delete: set_null' requires 'optional: true'", at: onDelete.location)
        }
        if let optional = field.isOptional, optional.value, field.primary {
            error("a primary key cannot be optional", at: optional.location)
        }
    }

    /// Reads `on_delete: restrict|cascade|set_null|no_action`.
    private mutating func referentialAction(_ entry: MappingEntry) -> Located<ReferentialAction>? {
        guard let text = string(entry) else { return nil }
        guard let action = ReferentialAction(rawValue: text.value) else {
            let known = ReferentialAction.allCases.map(\.rawValue)
            error("unknown on_delete action '\(text.value)'\(Self.expectation(text.value, in: known))",
                  at: text.location)
            return nil
        }
        return entry.located(action)
    }

    /// Reads `default:` as written; it is checked against the field type once types are resolved.
    private mutating func defaultSpelling(_ entry: MappingEntry) -> Located<DefaultSpelling>? {
        guard case .scalar(let text, let style, _) = entry.value else {
            error("'default' must be a single value, not \(entry.value.kindDescription) (quote JSON, like \"{}\")",
                  at: entry.value.location)
            return nil
        }
        if entry.value.isNull {
            error("'default' cannot be null (leave it out instead)", at: entry.value.location)
            return nil
        }
        return entry.located(DefaultSpelling(text: text, isPlain: style.isPlain))
    }
}
