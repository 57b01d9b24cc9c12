/// The declared finders and upserts in memory, as their generated statements behave.
extension InMemoryRepository {
    /// A list finder: live rows whose `equal` columns hold the values, in `orderBy` order (quoted column,
    /// descending) then the primary key ascending, one page of them.
    public func findRows(
        equal: [(String, InMemoryValue)], orderBy: [(String, Bool)], page: PageRequest
    ) async throws -> [Entity] {
        guard page.limit >= 0 else {
            throw RepogenError(kind: .queryFailed, message: "LIMIT must not be negative", sqlState: "2201W")
        }
        guard page.offset >= 0 else {
            throw RepogenError(kind: .queryFailed, message: "OFFSET must not be negative", sqlState: "2201X")
        }
        var ordering = orderBy.map { Ordering<Entity>(quoted: $0.0, sqlType: "", isDescending: $0.1) }
        if !orderBy.contains(where: { $0.0 == table.primaryKey }) {
            ordering.append(Ordering(quoted: table.primaryKey, sqlType: "", isDescending: false))
        }
        return try await context.statement { state, _ in
            let rows = try state.rows(of: table, where: Self.equality(equal), .live)
            let sorted = try InMemoryState.sorted(rows, by: ordering, primaryKey: table.primaryKey)
            return try entities(Array(sorted.dropFirst(page.offset).prefix(page.limit)))
        }
    }

    /// A unique finder: the live row whose `equal` columns hold the values, or nil.
    public func findFirstRow(equal: [(String, InMemoryValue)]) async throws -> Entity? {
        try await context.statement { state, _ in
            let rows = try state.rows(of: table, where: Self.equality(equal), .live)
            return try InMemoryState.sorted(rows, by: [Ordering<Entity>](), primaryKey: table.primaryKey).first
                .map(Self.inMemoryEntity(from:))
        }
    }

    /// `column = value AND ...`.
    static func equality(_ equal: [(String, InMemoryValue)]) -> InMemoryCondition {
        let conditions: [InMemoryCondition] = equal.map { column, value in
            { row in try InMemoryValue.equals(row[column], value) }
        }
        return { row in try InMemoryLogic.combine(conditions, row, decidedBy: false) }
    }

    /// `INSERT ... ON CONFLICT (key) DO UPDATE`: inserts `values`, or overwrites the live row holding the same
    /// `key` columns (every inserted column but the key and the primary key, `updated_at` and `version` maintained);
    /// a soft-deleted holder is left alone and `upsertKeyHeld` names `fields`. A `liveOnly` key (a partial unique
    /// index) is held by live rows only.
    public func upsertRow(
        _ values: [String: InMemoryValue], key: [String], fields: [String], liveOnly: Bool
    ) async throws -> Entity {
        try await write { state, now in
            var row = InMemoryRow([:])
            for column in table.columns {
                let given = values[column.name] ?? .null
                row[column.name] = given.isNull
                    ? try InMemoryState.defaultValue(column, table, context.store, now) : given
            }
            let all = state.rows[table.table] ?? []
            let holder = try all.indices.first { index in
                guard !liveOnly || DeletedRows.live.admits(all[index], table.managed.deletedAt) else { return false }
                return try Self.equality(key.map { ($0, row[$0]) })(all[index]) == true
            }
            guard let holder else {
                // The defaults are drawn once, as the INSERT draws them whether or not it conflicts.
                let inserted = try state.insert([row.values], into: table, store: context.store, now: now)
                return try Self.inMemoryEntity(from: inserted[0])
            }
            guard DeletedRows.live.admits(all[holder], table.managed.deletedAt) else {
                throw RepogenError.upsertKeyHeld(table.entity, fields: fields)
            }
            var updated = all[holder]
            for column in values.keys where !key.contains(column) && column != table.primaryKey {
                updated[column] = row[column]
            }
            return try Self.inMemoryEntity(from: try state.replace(at: holder, with: updated, in: table, now: now))
        }
    }
}
