extension SchemaDecoder {
    static let relationKeys = ["entity", "by", "through"]
    static let finderKeys = ["name", "by", "order", "unique"]

    /// Decodes `has_many:` or `has_one:`, a mapping of relation names to `{ entity:, by:, through: }`.
    mutating func decodeRelations(_ entry: MappingEntry, entity: String) -> [RelationDeclaration] {
        let expected = "'\(entry.key)' of entity '\(entity)' must be a mapping of relation names to "
            + "relations (like { quotes: { entity: Quote } })"
        let duplicate = { (name: String) in "duplicate relation '\(name)'" }
        guard let entries = mappingEntries(entry, expected: expected, duplicate: duplicate) else { return [] }
        return entries.compactMap { decodeRelation($0, isMany: entry.key == "has_many") }
    }

    /// Decodes one relation such as `quotes: { entity: Quote, by: owner }`.
    private mutating func decodeRelation(_ entry: MappingEntry, isMany: Bool) -> RelationDeclaration? {
        let name = entry.key
        if !Naming.isValidSQLIdentifier(name) {
            error("relation name '\(name)' must be a snake_case identifier (\(Self.sqlIdentifierRule))",
                  at: entry.keyLocation)
        }
        guard case .mapping = entry.value else {
            error("relation '\(name)' must be a mapping (like { entity: Quote, by: owner })",
                  at: entry.value.location)
            return nil
        }
        let context = " in relation '\(name)'"
        let entries = knownEntries(of: entry.value, allowed: Self.relationKeys, context: context,
                                   duplicate: { "duplicate key '\($0)'\(context)" })
        var relation = RelationDeclaration(name: entry.located(name), isMany: isMany)
        relation.name.location = entry.keyLocation
        for item in entries {
            switch item.key {
            case "entity": relation.entity = string(item)
            case "by": relation.by = string(item)
            default: relation.through = string(item)
            }
        }
        if !entries.contains(where: { $0.key == "entity" }) {
            error("missing required key 'entity'\(context)", at: entry.keyLocation)
            return nil
        }
        if let through = relation.through, !isMany {
            error("'through' applies only to has_many relations", at: through.keyLocation)
            return nil
        }
        return relation.entity == nil ? nil : relation
    }

    /// Decodes `finders:`, a list of `{ name:, by:, order:, unique: }`.
    mutating func decodeFinders(_ entry: MappingEntry, entity: String) -> [FinderDeclaration] {
        if entry.value.isNull { return [] }
        guard let items = entry.value.sequenceItems else {
            error("'finders' of entity '\(entity)' must be a list of finder definitions", at: entry.value.location)
            return []
        }
        return items.compactMap { decodeFinder($0) }
    }

    /// Decodes one finder: `{ name: byOwner, by: [owner], order: [created_at desc] }`.
    private mutating func decodeFinder(_ node: YAMLNode) -> FinderDeclaration? {
        guard case .mapping = node else {
            error("a finder must be a mapping (like { name: byEmail, by: [email] })", at: node.location)
            return nil
        }
        let entries = knownEntries(of: node, allowed: Self.finderKeys, context: " in finder",
                                   duplicate: { "duplicate key '\($0)' in finder" })
        var finder = FinderDeclaration(location: node.location)
        for required in ["name", "by"] where !entries.contains(where: { $0.key == required }) {
            error("missing required key '\(required)' in finder", at: node.location)
        }
        for entry in entries {
            switch entry.key {
            case "name": finder.name = finderName(entry)
            case "by": finder.by = nameList(entry, itemNoun: "a finder column")
            case "order": finder.order = nameList(entry, itemNoun: "an order column")
            default: finder.isUnique = bool(entry)
            }
        }
        return finder.name == nil || finder.by.isEmpty ? nil : finder
    }

    /// A finder name: a lowerCamelCase Swift identifier such as `byEmail`.
    private mutating func finderName(_ entry: MappingEntry) -> Located<String>? {
        guard let name = string(entry) else { return nil }
        let bytes = Array(name.value.utf8)
        let isValid = bytes.count <= Naming.maximumSQLIdentifierLength
            && bytes.first.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } == true
            && Naming.isValidSwiftTypeName("X" + name.value)
        guard isValid else {
            error("finder name '\(name.value)' must be a lowerCamelCase identifier (like byEmail)",
                  at: name.location)
            return nil
        }
        return name
    }
}
