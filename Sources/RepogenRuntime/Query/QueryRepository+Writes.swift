/// Bulk writes by predicate; audited entities append one audit row per written row in the same statement.
extension QueryRepository {
    /// Sets `assignments` on every live row matching `predicate` and returns how many rows changed; a string or
    /// decimal its column cannot hold throws `validationFailed` before anything is sent.
    ///
    /// ```swift
    /// let expired = try await db.quotes.updateMany(where: Quote.validUntil < today, set: [Quote.status.set(.expired)])
    /// ```
    @discardableResult
    public func updateMany(where predicate: Predicate<Entity>, set assignments: [Assignment<Entity>]) async throws
        -> Int
    {
        guard !assignments.isEmpty else { return 0 }
        let set = try setList(assignments)
        return try await namingOverflow(assignments) {
            try await write(set: set, where: predicate, action: "update")
        }
    }

    /// Runs `body`; an out-of-range error (SQLSTATE 22003, which names no column) gets the fields of the relative
    /// assignments (`increment`, `multiply`) in `assignments`, the only values the server computed.
    func namingOverflow<T>(_ assignments: [Assignment<Entity>], _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RepogenError where error.violation == .outOfRange && error.fields.isEmpty {
            var named = error
            named.fields = assignments.filter(\.isRelative).compactMap {
                Entity.fieldCatalog.columns[EntityTable.unquoted($0.column)]
            }
            throw named
        }
    }

    /// `column = value, ...` followed by the managed assignments (`updated_at`, `version`); throws before anything
    /// is sent when a column is maintained by the repository or a value does not fit its column.
    func setList(_ assignments: [Assignment<Entity>]) throws -> SQLFragment {
        let table = Entity.entityTable
        if let fixed = assignments.first(where: { !$0.isWritable }) {
            throw RepogenError(
                kind: .invalidConfiguration, message: "\(fixed.column) is maintained by the repository; not settable")
        }
        for assignment in assignments {
            try assignment.validate(against: Entity.fieldCatalog, entity: table.entity)
        }
        let values = assignments.map { SQLFragment($0.column + " = ") + $0.value }
            + table.managedAssignments.map { SQLFragment($0) }
        return SQLFragment.joined(values, separator: ", ")
    }

    /// Deletes every live row matching `predicate` (soft-deletes them when the entity has `soft_delete`).
    @discardableResult
    public func deleteMany(where predicate: Predicate<Entity>) async throws -> Int {
        let table = Entity.entityTable
        guard let deletedAt = table.deletedAt else { return try await hardDeleteMany(where: predicate) }
        let values = ["\(deletedAt) = now()"] + table.managedAssignments
        return try await write(set: SQLFragment(values.joined(separator: ", ")), where: predicate, action: "delete")
    }

    /// Removes every row matching `predicate` for good, soft-deleted or not.
    @discardableResult
    public func hardDeleteMany(where predicate: Predicate<Entity>) async throws -> Int {
        let table = Entity.entityTable
        let condition = try scoped(predicate).fragment
        let statement: SQLFragment
        if let audit = table.audit {
            statement = AuditSQL.delete(table, audit, where: condition)
        } else {
            statement = SQLFragment("DELETE FROM \(table.table) WHERE ") + condition
        }
        var builder = SQLBuilder()
        builder.append(statement)
        let count = try await runWrite(builder.statement, builder.binds).affectedRows
        await invalidateCachedTable(cascade: true)
        return count
    }

    /// Drops every cached row of the table (and, when `cascade`, of the cached tables a delete cascades to);
    /// inside a transaction this is queued for after COMMIT. Nothing for a repository without a cache policy.
    func invalidateCachedTable(cascade: Bool) async {
        guard let policy = (Self.self as? any CacheInvalidating.Type)?.cachePolicy else { return }
        let own = policy.tier == nil ? [] : [policy.table]
        let tags = own + (cascade ? policy.cascades : [])
        guard !tags.isEmpty else { return }
        await executor.cacheContext.invalidate(tags: tags)
    }

    /// `UPDATE table SET set WHERE predicate AND live`, wrapped with its audit rows when audited.
    func write(set: SQLFragment, where predicate: Predicate<Entity>, action: String) async throws -> Int {
        try await runUpdate(set: set, where: predicate, action: action, returningRows: false).affectedRows
    }

    /// Runs the UPDATE of `write(set:where:action:)`; with `returningRows` its result holds the written rows.
    func runUpdate(set: SQLFragment, where predicate: Predicate<Entity>, action: String, returningRows: Bool)
        async throws -> PostgresQueryResult
    {
        let table = Entity.entityTable
        let condition = try scoped(predicate).fragment + DeletedRows.live.condition(table.deletedAt)
        let returning = returningRows ? table.selectList : "1"
        let statement: SQLFragment
        if let audit = table.audit {
            statement = AuditSQL.update(
                table, audit, set: set, where: condition, action: action, output: returning)
        } else {
            statement = SQLFragment("UPDATE \(table.table) SET ") + set + " WHERE " + condition
                + (returningRows ? " RETURNING " + returning : "")
        }
        var builder = SQLBuilder()
        builder.append(statement)
        let result = try await runWrite(builder.statement, builder.binds)
        await invalidateCachedTable(cascade: false)
        return result
    }
}
