/// Reading rows: filtering by a predicate's evaluator, soft-delete visibility, and PostgreSQL's ordering.
extension InMemoryState {
    /// The rows of `table` that `condition` holds for (unknown counts as false) and `deleted` lets through.
    func rows(
        of table: InMemoryTable, where condition: InMemoryCondition, _ deleted: DeletedRows
    ) throws -> [InMemoryRow] {
        try (rows[table.table] ?? []).filter { row in
            guard deleted.admits(row, table.managed.deletedAt) else { return false }
            return try condition(row) == true
        }
    }

    /// `rows` in `orderBy` order, then by the primary key (descending when the last key is), as `ORDER BY` with
    /// PostgreSQL's NULL placement: last ascending, first descending, unless the ordering says otherwise.
    static func sorted<Entity>(
        _ rows: [InMemoryRow], by orderBy: [Ordering<Entity>], primaryKey: String
    ) throws -> [InMemoryRow] {
        var keys = orderBy.map { ($0.column, $0.isDescending, $0.nulls) }
        if !orderBy.contains(where: { $0.column == primaryKey }) {
            keys.append((primaryKey, orderBy.last?.isDescending ?? false, nil))
        }
        return try rows.sorted { lhs, rhs in
            for (column, descending, nulls) in keys {
                let order = try orderOf(lhs[column], rhs[column], descending: descending, nulls: nulls)
                if order != 0 { return order < 0 }
            }
            return false
        }
    }

    /// -1, 0 or 1 for two values of one sort key.
    static func orderOf(
        _ lhs: InMemoryValue, _ rhs: InMemoryValue, descending: Bool, nulls: NullsOrder?
    ) throws -> Int {
        let nullsFirst = nulls.map { $0 == .first } ?? descending
        switch (lhs.isNull, rhs.isNull) {
        case (true, true): return 0
        case (true, false): return nullsFirst ? -1 : 1
        case (false, true): return nullsFirst ? 1 : -1
        case (false, false):
            let order = try InMemoryValue.compare(lhs, rhs) ?? 0
            return descending ? -order : order
        }
    }
}

extension DeletedRows {
    /// Whether a row with `deletedAt` (quoted column, nil for an entity without soft delete) is seen.
    func admits(_ row: InMemoryRow, _ deletedAt: String?) -> Bool {
        guard let deletedAt else { return true }
        switch self {
        case .live: return row[deletedAt].isNull
        case .all: return true
        case .deleted: return !row[deletedAt].isNull
        }
    }
}
