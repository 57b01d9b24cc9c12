extension SchemaDecoder {
    static let indexKeys = ["columns", "unique", "name", "where", "using"]

    /// Decodes `indexes:`, a list of index mappings.
    mutating func decodeIndexes(_ entry: MappingEntry, entity: String) -> [IndexDeclaration] {
        if entry.value.isNull { return [] }
        guard let items = entry.value.sequenceItems else {
            error("'indexes' of entity '\(entity)' must be a list of index definitions", at: entry.value.location)
            return []
        }
        return items.compactMap { decodeIndex($0) }
    }

    /// Decodes one index: `{ columns: [a, b desc], unique: true, name: custom, where: "...", using: gin }`.
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
            case "columns": index.columns = nameList(entry, itemNoun: "an index column")
            case "unique": index.isUnique = bool(entry)
            case "where": index.predicate = text(entry)
            case "using": index.method = indexMethod(entry)
            default: index.name = string(entry)
            }
        }
        return index.columns.isEmpty ? nil : index
    }

    /// Reads `using: btree|gin|brin|hash`.
    private mutating func indexMethod(_ entry: MappingEntry) -> Located<IndexMethod>? {
        guard let text = string(entry) else { return nil }
        guard let method = IndexMethod(rawValue: text.value) else {
            let known = IndexMethod.allCases.map(\.rawValue)
            error("unknown index method '\(text.value)'\(Self.expectation(text.value, in: known))",
                  at: text.location)
            return nil
        }
        return entry.located(method)
    }

    /// A non-empty list of names (index columns, finder columns); each item is a scalar such as `a desc`.
    mutating func nameList(_ entry: MappingEntry, itemNoun: String) -> [Located<String>] {
        guard let items = entry.value.sequenceItems, !items.isEmpty else {
            error("'\(entry.key)' must be a non-empty list of column names", at: entry.value.location)
            return []
        }
        var names: [Located<String>] = []
        for item in items {
            guard case .scalar(let text, _, let location) = item, !item.isNull else {
                error("\(itemNoun) must be a name, not \(item.kindDescription)",
                      at: item.location)
                continue
            }
            names.append(Located(value: text, location: location, keyLocation: location))
        }
        return names
    }
}
