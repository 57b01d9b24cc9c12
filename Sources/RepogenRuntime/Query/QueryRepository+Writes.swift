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
        let table = Entity.entityTable
        guard !assignments.isEmpty else { return 0 }
        if let fixed = assignments.first(where: { !$0.isWritable }) {
            throw RepogenError(
                kind: .invalidConfiguration, message: "\(fixed.column) is maintained by the repository; not settable")
        }
        for assignment in assignments {
            try assignment.validate(against: Entity.fieldCatalog, entity: table.entity)
        }
        let values = assignments.map { SQLFragment($0.column + " = ") + $0.value }
            + table.managedAssignments.map { SQLFragment($0) }
        return try await write(set: SQLFragment.joined(values, separator: ", "), where: predicate, action: "update")
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
        let table = Entity.entityTable
        let condition = try scoped(predicate).fragment + DeletedRows.live.condition(table.deletedAt)
        let statement: SQLFragment
        if let audit = table.audit {
            statement = AuditSQL.update(table, audit, set: set, where: condition, action: action)
        } else {
            statement = SQLFragment("UPDATE \(table.table) SET ") + set + " WHERE " + condition
        }
        var builder = SQLBuilder()
        builder.append(statement)
        let count = try await runWrite(builder.statement, builder.binds).affectedRows
        await invalidateCachedTable(cascade: false)
        return count
    }
}
