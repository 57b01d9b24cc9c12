extension SchemaDecoder {
    static let entityKeys = ["table", "fields", "indexes"]
    static let indexKeys = ["columns", "unique", "name"]
    static let sqlIdentifierRule = "lowercase letters, digits and underscores, at most 63 bytes"

    /// Decodes `enums:`, a mapping of PascalCase names to lists of lowercase labels.
    mutating func decodeEnums(_ node: YAMLNode) -> [EnumType] {
        let entry = MappingEntry(key: "enums", keyLocation: node.location, value: node)
        let expected = "'enums' must be a mapping of enum names to lists of cases"
        guard let entries = mappingEntries(entry, expected: expected, duplicate: { "duplicate enum '\($0)'" }) else {
            return []
        }
        return entries.compactMap { decodeEnum($0) }
    }

    /// Decodes one enum declaration.
    private mutating func decodeEnum(_ entry: MappingEntry) -> EnumType? {
        let name = entry.key
        if !Naming.isValidSwiftTypeName(name) {
            error("enum name '\(name)' must be a PascalCase Swift type name (like QuoteStatus)", at: entry.keyLocation)
        }
        guard let items = entry.value.sequenceItems else {
            error("enum '\(name)' must be a list of cases (like [draft, sent])", at: entry.value.location)
            return nil
        }
        if items.isEmpty {
            error("enum '\(name)' has no cases", at: entry.value.location)
        }
        var cases: [String] = []
        for item in items {
            guard case .scalar(let label, _, let location) = item, Naming.isValidSQLIdentifier(label) else {
                let shown = item.scalarText.map { "'\($0)'" } ?? item.kindDescription
                error("enum case \(shown) must be a lowercase identifier (\(Self.sqlIdentifierRule))",
                      at: item.location)
                continue
            }
            if cases.contains(label) {
                error("duplicate case '\(label)' in enum '\(name)'", at: location)
            } else {
                cases.append(label)
            }
        }
        return EnumType(name: name, sqlName: Naming.snakeCase(name), cases: cases, location: entry.keyLocation)
    }

    /// Decodes `entities:`, a mapping of PascalCase names to entity definitions.
    mutating func decodeEntities(_ node: YAMLNode) -> [EntityDeclaration] {
        let entry = MappingEntry(key: "entities", keyLocation: node.location, value: node)
        let expected = "'entities' must be a mapping of entity names to entity definitions"
        let duplicate = { (name: String) in "duplicate entity '\(name)'" }
        guard let entries = mappingEntries(entry, expected: expected, duplicate: duplicate) else { return [] }
        return entries.compactMap { decodeEntity($0) }
    }

    /// Decodes one entity: its table, fields and indexes.
    private mutating func decodeEntity(_ entry: MappingEntry) -> EntityDeclaration? {
        let name = entry.key
        if !Naming.isValidSwiftTypeName(name) {
            error("entity name '\(name)' must be a PascalCase Swift type name (like QuoteItem)",
                  at: entry.keyLocation)
        }
        guard case .mapping = entry.value else {
            error("entity '\(name)' must be a mapping (expected keys: table, fields, indexes)",
                  at: entry.value.location)
            return nil
        }
        let context = " in entity '\(name)'"
        let entries = knownEntries(of: entry.value, allowed: Self.entityKeys, context: context,
                                   duplicate: { "duplicate key '\($0)'\(context)" })
        var entity = EntityDeclaration(name: entry.located(name))
        entity.name.location = entry.keyLocation
        if !entries.contains(where: { $0.key == "fields" }) {
            error("missing required key 'fields'\(context)", at: entry.keyLocation)
        }
        for item in entries {
            switch item.key {
            case "table": entity.table = string(item)
            case "fields":
                let fields = decodeFields(item, entity: name)
                entity.fields = fields?.declarations ?? []
                entity.hasFieldMapping = fields != nil
                entity.hasMalformedFields = fields?.isComplete == false
            default: entity.indexes = decodeIndexes(item, entity: name)
            }
        }
        return entity
    }

    /// Decodes `indexes:`, a list of index mappings.
    private mutating func decodeIndexes(_ entry: MappingEntry, entity: String) -> [IndexDeclaration] {
        if entry.value.isNull { return [] }
        guard let items = entry.value.sequenceItems else {
            error("'indexes' of entity '\(entity)' must be a list of index definitions", at: entry.value.location)
            return []
        }
        return items.compactMap { decodeIndex($0) }
    }

    /// Decodes one index: `{ columns: [a, b desc], unique: true, name: custom }`.
    private mutating func decodeIndex(_ node: YAMLNode) -> IndexDeclaration? {
        guard case .mapping = node else {
            error("an index must be a mapping (like { columns: [owner_id] })", at: node.location)
            return nil
        }
        let entries = knownEntries(of: node, allowed: Self.indexKeys, context: " in index",
                                   duplicate: { "duplicate key '\($0)' in index" })
        var index = IndexDeclaration(location: node.location)
        guard entries.contains(where: { $0.key == "columns" }) else {
            error("missing required key 'columns' in index", at: node.location)
            return nil
        }
        for entry in entries {
            switch entry.key {
            case "columns": index.columns = decodeIndexColumns(entry)
            case "unique": index.isUnique = bool(entry)
            default: index.name = string(entry)
            }
        }
        return index.columns.isEmpty ? nil : index
    }

    /// Decodes the column list of an index; each item is `column` or `column asc|desc`.
    private mutating func decodeIndexColumns(_ entry: MappingEntry) -> [Located<String>] {
        guard let items = entry.value.sequenceItems, !items.isEmpty else {
            error("'columns' must be a non-empty list of column names", at: entry.value.location)
            return []
        }
        var columns: [Located<String>] = []
        for item in items {
            guard case .scalar(let text, _, let location) = item, !item.isNull else {
                error("an index column must be a name, not \(item.kindDescription)", at: item.location)
                continue
            }
            columns.append(Located(value: text, location: location, keyLocation: location))
        }
        return columns
    }
}
