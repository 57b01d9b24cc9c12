extension SchemaDecoder {
    static let entityKeys = [
        "table", "fields", "indexes", "finders", "has_many", "has_one", "soft_delete", "versioned", "audited",
        "timestamps", "tenant", "append_only", "doc", "renamed_from", "cache", "search",
    ]
    static let sqlIdentifierRule = "lowercase letters, digits and underscores, at most 63 bytes"

    /// Decodes `entities:`, a mapping of PascalCase names to entity definitions.
    mutating func decodeEntities(_ node: YAMLNode) -> [EntityDeclaration] {
        let entry = MappingEntry(key: "entities", keyLocation: node.location, value: node)
        let expected = "'entities' must be a mapping of entity names to entity definitions"
        let duplicate = { (name: String) in "duplicate entity '\(name)'" }
        guard let entries = mappingEntries(entry, expected: expected, duplicate: duplicate) else { return [] }
        // Sized up front: a declaration is large, and growing the array would copy all of them at each doubling.
        var entities: [EntityDeclaration] = []
        entities.reserveCapacity(entries.count)
        for entry in entries {
            if let entity = decodeEntity(entry) { entities.append(entity) }
        }
        return entities
    }

    /// Decodes one entity: its table, fields, indexes, behaviours, relations and finders.
    private mutating func decodeEntity(_ entry: MappingEntry) -> EntityDeclaration? {
        let name = entry.key
        if !Naming.isValidSwiftTypeName(name) {
            error("entity name '\(name)' must be a PascalCase Swift type name (like QuoteItem)",
                  at: entry.keyLocation)
        }
        guard case .mapping = entry.value else {
            error("entity '\(name)' must be a mapping (expected keys: table, fields, indexes...)",
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
            decodeEntityKey(item, into: &entity)
        }
        return entity
    }

    /// Stores one key of an entity definition.
    private mutating func decodeEntityKey(_ item: MappingEntry, into entity: inout EntityDeclaration) {
        let name = entity.name.value
        switch item.key {
        case "table": entity.table = string(item)
        case "fields":
            let fields = decodeFields(item, entity: name)
            entity.fields = fields?.declarations ?? []
            entity.hasFieldMapping = fields != nil
            entity.hasMalformedFields = fields?.isComplete == false
        case "indexes": entity.indexes = decodeIndexes(item, entity: name)
        case "finders": entity.finders = decodeFinders(item, entity: name)
        case "has_many", "has_one": entity.relations += decodeRelations(item, entity: name)
        case "doc": entity.doc = doc(item)
        case "renamed_from": entity.renamedFrom = sqlIdentifier(item)
        case "soft_delete": entity.behaviours.softDelete = bool(item)
        case "versioned": entity.behaviours.versioned = bool(item)
        case "audited": entity.behaviours.audited = bool(item)
        case "timestamps": entity.behaviours.timestamps = bool(item)
        case "append_only": entity.behaviours.appendOnly = bool(item)
        case "cache": entity.cache = decodeCache(item, entity: name)
        case "search": entity.search = decodeSearch(item, entity: name)
        default: entity.behaviours.tenant = string(item)
        }
    }
}
