extension SchemaResolver {
    /// Resolves the indexes of an entity: columns by column or field name, sort order, and a unique name.
    /// `usedNames` maps every index and table name taken so far to a description of its owner.
    mutating func resolveIndexes(
        of entity: EntityDeclaration, table: String, fields: [Field], usedNames: inout [String: String]
    ) -> [Index] {
        entity.indexes.compactMap { index in
            guard let columns = resolveIndexColumns(index.columns, of: entity, fields: fields) else { return nil }
            let isUnique = index.isUnique?.value == true
            let name: Located<String>
            if let explicit = index.name {
                guard Naming.isValidSQLIdentifier(explicit.value) else {
                    error("index name '\(explicit.value)' is not a valid SQL identifier "
                          + "(\(SchemaDecoder.sqlIdentifierRule))", at: explicit.location)
                    return nil
                }
                name = explicit
            } else {
                guard !table.isEmpty else { return nil }
                let derived = Naming.indexName(table: table, columns: columns.map(\.column), isUnique: isUnique)
                name = Located(value: derived, location: index.location, keyLocation: index.location)
            }
            if let owner = usedNames[name.value] {
                error("index name '\(name.value)' is already used by \(owner)", at: name.location)
                return nil
            }
            usedNames[name.value] = "an index of entity '\(entity.name.value)'"
            return Index(name: name.value, columns: columns, isUnique: isUnique, location: index.location)
        }
    }

    /// The columns of one index, or nil when any of them is wrong (each problem is reported).
    private mutating func resolveIndexColumns(
        _ entries: [Located<String>], of entity: EntityDeclaration, fields: [Field]
    ) -> [IndexColumn]? {
        var columns: [IndexColumn] = []
        var isComplete = true
        for entry in entries {
            guard let column = resolveIndexColumn(entry, of: entity, fields: fields) else {
                isComplete = false
                continue
            }
            if columns.contains(where: { $0.column == column.column }) {
                error("column '\(column.column)' appears twice in index", at: entry.location)
                isComplete = false
                continue
            }
            columns.append(column)
        }
        return isComplete ? columns : nil
    }

    /// One index column: `name` or `name asc|desc`, where name is a column or a field name.
    private mutating func resolveIndexColumn(
        _ entry: Located<String>, of entity: EntityDeclaration, fields: [Field]
    ) -> IndexColumn? {
        let words = entry.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let direction = words.count == 2 ? words[1].lowercased() : "asc"
        guard let name = words.first, words.count <= 2, direction == "asc" || direction == "desc" else {
            error("invalid index column '\(entry.value)' (expected a column name, optionally followed by asc or desc)",
                  at: entry.location)
            return nil
        }
        let declared = entity.fields.first { $0.column == name } ?? entity.fields.first { $0.name.value == name }
        guard let declared else {
            error("index column '\(name)' is not a column of entity '\(entity.name.value)'", at: entry.location)
            return nil
        }
        guard fields.contains(where: { $0.name == declared.name.value }) else { return nil }
        return IndexColumn(column: declared.column, isDescending: direction == "desc")
    }
}
