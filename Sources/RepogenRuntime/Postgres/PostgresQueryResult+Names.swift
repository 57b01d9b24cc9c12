import CLibPQ

/// Decoding by column name: safe for `SELECT *` after a migration added or reordered columns.
extension PostgresQueryResult {
    /// The names of the result's columns, in result order (`PQfname`).
    public var columnNames: [String] {
        (0..<PQnfields(handle.pointer)).map { column in
            PQfname(handle.pointer, column).map { String(cString: $0) } ?? ""
        }
    }

    /// This result seen through `names`: position `i` reads the column named `names[i]`; extra columns are ignored,
    /// and the first of two equally named columns wins. Throws `missingColumn` naming the first absent column.
    ///
    /// ```swift
    /// let rows = try result.remapped(to: ["id", "title"]).decodeRows { ($0.decode(UUID.self, at: 0), ...) }
    /// ```
    public func remapped(to names: [String]) throws -> PostgresQueryResult {
        var positions: [String: Int32] = [:]
        for (column, name) in columnNames.enumerated() where positions[name] == nil {
            positions[name] = Int32(column)
        }
        let physical = try names.map { name in
            guard let column = positions[name] else {
                throw RepogenError(
                    kind: .missingColumn, message: "the result has no column \"\(name)\"", column: name,
                    statement: statementName)
            }
            return column
        }
        return PostgresQueryResult(handle: handle, statementName: statementName, columnMap: physical)
    }

    /// Decodes every row into `type` by column name, through the entity's own decoder.
    ///
    /// ```swift
    /// let quotes = try await db.query("SELECT * FROM quotes WHERE owner_id = \(id)").decodeRows(as: Quote.self)
    /// ```
    public func decodeRows<Entity: QueryableEntity>(as type: Entity.Type) throws -> [Entity] {
        try remapped(to: Entity.entityTable.columnNames).decodeRows(Entity.decode)
    }

    /// Decodes the first row into `type` by column name, or returns nil when there is none.
    public func decodeFirst<Entity: QueryableEntity>(as type: Entity.Type) throws -> Entity? {
        try remapped(to: Entity.entityTable.columnNames).decodeFirst(Entity.decode)
    }
}
