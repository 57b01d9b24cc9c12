/// The DDL of full-text search (`search:`): a stored generated `tsvector` column and its GIN index.
///
/// The index is kept out of `indexes(of:)`: it lives and dies with the generated column (dropping the column drops
/// it), so the diff handles both together instead of matching the index like a declared one.
extension SchemaDDL {
    /// `"search_vector" tsvector GENERATED ALWAYS AS (...) STORED`.
    static func searchColumnDefinition(_ search: EntitySearch) -> String {
        "\(SQL.identifier(EntitySearch.column)) tsvector GENERATED ALWAYS AS (\(search.expression)) STORED"
    }

    /// The GIN index on the search column: `TABLE_search_vector_idx`, within 63 bytes.
    static func searchIndexDefinition(of entity: Entity) -> Index? {
        guard entity.search != nil else { return nil }
        return Index(
            name: Naming.boundedName("\(entity.table)_\(EntitySearch.column)", suffix: "_idx"),
            columns: [IndexColumn(column: EntitySearch.column)], isUnique: false, location: entity.location,
            method: .gin)
    }

    /// `CREATE INDEX ... USING gin ("search_vector");` for a searchable entity, else nothing.
    static func searchIndex(of entity: Entity) -> [String] {
        searchIndexDefinition(of: entity).map { [createIndexSQL($0, table: entity.table, concurrently: false)] } ?? []
    }

    /// Adds the column to an existing table: the server computes it for every row, rewriting the table.
    static func addedSearchColumn(_ entity: Entity) -> [String] {
        guard let search = entity.search else { return [] }
        return ["ALTER TABLE \(SQL.identifier(entity.table)) ADD COLUMN \(searchColumnDefinition(search));"]
    }

    /// Drops the column, and with it its index.
    static func droppedSearch(table: String) -> [String] {
        ["ALTER TABLE \(SQL.identifier(table)) DROP COLUMN \(SQL.identifier(EntitySearch.column));"]
    }
}
