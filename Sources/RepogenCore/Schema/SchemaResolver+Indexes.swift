extension SchemaResolver {
    /// Resolves the indexes of an entity: columns by column or field name, sort order, method, predicate and a
    /// unique name. `usedNames` maps every index and table name taken so far to a description of its owner.
    mutating func resolveIndexes(
        of entity: EntityDeclaration, table: String, columns: EntityColumns, usedNames: inout [String: RelationOwner]
    ) -> [Index] {
        entity.indexes.compactMap { index in
            guard index.columns.count <= Self.maximumIndexColumns else {
                error("an index has at most \(Self.maximumIndexColumns) columns in PostgreSQL, not "
                      + "\(index.columns.count)", at: index.location)
                return nil
            }
            guard let indexColumns = resolveSortColumns(index.columns, of: entity, columns: columns, in: "index")
            else { return nil }
            let isUnique = index.isUnique?.value == true
            let method = index.method?.value ?? .btree
            var predicate: String?
            guard checkMethod(of: index, columns: indexColumns, lookup: columns),
                  canonicalPredicate(of: index, columns: columns, into: &predicate) else { return nil }
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
                let derived = Naming.indexName(table: table, columns: indexColumns.map(\.column), isUnique: isUnique)
                name = Located(value: derived, location: index.location, keyLocation: index.location)
            }
            if let owner = usedNames[name.value] {
                error("index name '\(name.value)' is already used by \(owner)", at: name.location)
                return nil
            }
            usedNames[name.value] = .index(ofEntity: entity.name.value)
            return Index(name: name.value, columns: indexColumns, isUnique: isUnique, location: index.location,
                         predicate: predicate, method: method)
        }
    }

    /// Checks `using:` against uniqueness, column count, sort order and column types.
    private mutating func checkMethod(
        of index: IndexDeclaration, columns: [IndexColumn], lookup: EntityColumns
    ) -> Bool {
        guard let method = index.method, method.value != .btree else { return true }
        let name = method.value.rawValue
        if let unique = index.isUnique, unique.value {
            error("only btree indexes can be unique, not \(name) ones", at: unique.location)
            return false
        }
        if method.value == .hash && columns.count > 1 {
            error("a hash index takes exactly one column", at: method.location)
            return false
        }
        if let position = columns.firstIndex(where: \.isDescending) {
            error("'desc' applies only to btree indexes, not \(name) ones", at: index.columns[position].location)
            return false
        }
        if method.value == .brin {
            return checkBRINColumns(of: index, columns: columns, lookup: lookup)
        }
        guard method.value == .gin else { return true }
        for (position, column) in columns.enumerated() {
            guard case .found(let field) = lookup.lookup(column.column), field.type != .json else { continue }
            error("gin indexes apply only to json columns here (PostgreSQL has no default gin operator class "
                  + "for '\(field.column)'); use btree", at: index.columns[position].location)
            return false
        }
        return true
    }

    /// Refuses brin on types PostgreSQL has no default brin operator class for (jsonb, boolean, enums).
    private mutating func checkBRINColumns(
        of index: IndexDeclaration, columns: [IndexColumn], lookup: EntityColumns
    ) -> Bool {
        for (position, column) in columns.enumerated() {
            guard case .found(let field) = lookup.lookup(column.column) else { continue }
            switch field.type {
            case .json, .bool, .enumeration:
                error("brin indexes need an ordered type; PostgreSQL has no default brin operator class for "
                      + "'\(field.column)'; use btree", at: index.columns[position].location)
                return false
            default:
                continue
            }
        }
        return true
    }

    /// Puts the canonical text of `where:` (if any) into `canonical`; false when `IndexPredicate` refuses it.
    private mutating func canonicalPredicate(
        of index: IndexDeclaration, columns: EntityColumns, into canonical: inout String?
    ) -> Bool {
        guard let predicate = index.predicate else { return true }
        let enumTypes = Set(enumsByName.values.map(\.sqlName))
        switch IndexPredicate.canonical(predicate.value, columns: columns, enumTypes: enumTypes) {
        case .success(let text):
            canonical = text
            return true
        case .failure(let refusal):
            error("invalid index predicate: \(refusal.message)", at: predicate.location)
            return false
        }
    }

    /// The columns of an index or a sort order, or nil when any of them is wrong (each problem is reported).
    mutating func resolveSortColumns(
        _ entries: [Located<String>], of entity: EntityDeclaration, columns: EntityColumns, in context: String
    ) -> [IndexColumn]? {
        var resolved: [IndexColumn] = []
        var seen = Set<String>()
        var isComplete = true
        for entry in entries {
            guard let column = resolveSortColumn(entry, of: entity, columns: columns, in: context) else {
                isComplete = false
                continue
            }
            guard seen.insert(column.column).inserted else {
                error("column '\(column.column)' appears twice in \(context)", at: entry.location)
                isComplete = false
                continue
            }
            resolved.append(column)
        }
        return isComplete ? resolved : nil
    }

    /// One sort column: `name` or `name asc|desc`, where name is a column or a field name.
    private mutating func resolveSortColumn(
        _ entry: Located<String>, of entity: EntityDeclaration, columns: EntityColumns, in context: String
    ) -> IndexColumn? {
        let words = entry.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let direction = words.count == 2 ? words[1].lowercased() : "asc"
        guard let name = words.first, words.count <= 2, direction == "asc" || direction == "desc" else {
            error("invalid \(context) column '\(entry.value)' (expected a column name, optionally followed by "
                  + "asc or desc)", at: entry.location)
            return nil
        }
        guard let field = column(named: name, at: entry.location, of: entity, columns: columns, in: context) else {
            return nil
        }
        return IndexColumn(column: field.column, isDescending: direction == "desc")
    }

    /// The field a column or field name refers to; an unknown name is reported with a suggestion.
    mutating func column(
        named name: String, at location: SourceLocation, of entity: EntityDeclaration, columns: EntityColumns,
        in context: String
    ) -> Field? {
        switch columns.lookup(name) {
        case .found(let field):
            return field
        case .unresolved:
            return nil
        case .unknown:
            let suggestion = didYouMean(name, in: columns.columnNames)
            error("\(context) column '\(name)' is not a column of entity '\(entity.name.value)'\(suggestion)",
                  at: location)
            return nil
        }
    }
}
