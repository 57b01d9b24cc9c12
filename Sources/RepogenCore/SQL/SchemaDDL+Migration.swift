/// DDL pieces the migration diff reuses: index statements on a named table, constraint clauses.
extension SchemaDDL {
    /// `CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON table [USING method] (columns) [WHERE predicate];`
    public static func createIndexSQL(_ index: Index, table: String, concurrently: Bool) -> String {
        let columns = index.columns.map { SQL.identifier($0.column) + ($0.isDescending ? " DESC" : "") }
        let unique = index.isUnique ? "UNIQUE " : ""
        let concurrent = concurrently ? "CONCURRENTLY " : ""
        let method = index.method == .btree ? "" : "USING \(index.method.rawValue) "
        let predicate = index.predicate.map { " WHERE \($0)" } ?? ""
        return "CREATE \(unique)INDEX \(concurrent)\(SQL.identifier(index.name)) ON \(SQL.identifier(table)) "
            + "\(method)(\(columns.joined(separator: ", ")))\(predicate);"
    }

    /// `CONSTRAINT name UNIQUE (column)` for a unique field of a table without soft delete.
    static func uniqueConstraint(table: String, column: String) -> String {
        let name = constraintName(table, column, suffix: "key")
        return "CONSTRAINT \(SQL.identifier(name)) UNIQUE (\(SQL.identifier(column)))"
    }

    /// The foreign-key constraint clause of a `belongs_to` field, or nil for any other field.
    static func foreignKeyClause(_ field: Field, table: String) -> String? {
        field.reference.map { SchemaDDL(schema: Schema()).foreignKey(field, $0, table: table) }
    }
}
