/// Removing rows, with what each referencing foreign key does: cascade, set NULL, or refuse (23503).
extension InMemoryState {
    /// Removes the rows of `table` at `indices` and applies the foreign keys that refer to them; returns the
    /// removed rows.
    @discardableResult
    mutating func remove(at indices: [Int], from table: InMemoryTable, store: InMemoryStore) throws -> [InMemoryRow] {
        try Self.requireSupported(table)
        let removed = indices.map { rows[table.table, default: []][$0] }
        let doomed = Set(indices)
        rows[table.table] = (rows[table.table] ?? []).enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
        for row in removed {
            try applyReferences(to: row, of: table, store: store)
        }
        return removed
    }

    /// The foreign keys of every table that refer to `table`, applied to the rows referring to `row`.
    mutating func applyReferences(to row: InMemoryRow, of table: InMemoryTable, store: InMemoryStore) throws {
        for child in store.tables.values.sorted(by: { $0.table < $1.table }) {
            for key in child.foreignKeys where key.referencedTable == table.table {
                let value = row[key.referencedColumn]
                let referring = try (rows[child.table] ?? []).indices.filter { index in
                    try InMemoryValue.equals(rows[child.table, default: []][index][key.column], value) == true
                }
                guard !referring.isEmpty else { continue }
                switch key.onDelete {
                case .cascade:
                    try remove(at: referring, from: child, store: store)
                case .setNull:
                    for index in referring {
                        rows[child.table, default: []][index][key.column] = .null
                        try Self.checkNotNull(rows[child.table, default: []][index], child)
                    }
                case .restrict:
                    throw RepogenError(
                        kind: .constraintViolation,
                        message: "update or delete on table \"\(table.unquotedTable)\" violates foreign key "
                            + "constraint \"\(key.name)\" on table \"\(child.unquotedTable)\"",
                        sqlState: "23503", constraint: key.name, table: table.unquotedTable)
                }
            }
        }
    }
}
