/// Who is acting in the current task, written to the audit trail by every audited write.
///
/// ```swift
/// try await db.transaction(actor: user.id) { tx in try await tx.quotes.update(id: id, patch) }
/// ```
public enum AuditContext {
    /// The actor's key as text (cast to the audit table's actor type in SQL), or nil for none.
    @TaskLocal public static var actor: String?

    /// Runs `body` with `actor` as the current actor, in the caller's isolation.
    public static func withActor<T>(
        _ actor: (any CustomStringConvertible & Sendable)?, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> T
    ) async throws -> T {
        try await $actor.withValue(actor.map { String(describing: $0) }, operation: body)
    }
}

extension Database {
    /// A unit of work whose audited writes record `actor` (a user's key) as who made them; `body` runs in the
    /// caller's isolation and `options` are those of `transaction(options:_:)`.
    public func transaction<T>(
        actor: (any CustomStringConvertible & Sendable)?, options: TransactionOptions = .default,
        isolation: isolated (any Actor)? = #isolation, _ body: (Transaction) async throws -> T
    ) async throws -> T {
        try await AuditContext.withActor(actor) { try await transaction(options: options, body) }
    }
}

/// The SQL that appends one audit row per written row, in the same statement as the write.
enum AuditSQL {
    /// `jsonb` of the keys whose value in `image` differs from `other`.
    static func changed(_ image: String, from other: String) -> String {
        "(SELECT jsonb_object_agg(d.key, d.value) FROM jsonb_each(\(image)) AS d "
            + "WHERE d.value IS DISTINCT FROM (\(other) -> d.key))"
    }

    /// `WITH old AS (...), written AS (UPDATE ...), audit AS (INSERT ...) SELECT output FROM written`.
    static func update(_ table: EntityTable, _ audit: AuditTable, set: SQLFragment, where condition: SQLFragment,
                       action: String, output: String = "1") -> SQLFragment {
        let key = table.primaryKey
        let old = "WITH old AS (SELECT \(key), \(table.image("x")) AS image FROM \(table.table) AS x WHERE "
        let written = " FOR UPDATE), written AS (UPDATE \(table.table) SET "
        let returning = " WHERE \(key) IN (SELECT \(key) FROM old) RETURNING *), "
        let image = table.image("w")
        let insert = insertAudit(table, audit, action: action, before: changed("old.image", from: image),
                                 after: changed(image, from: "old.image"))
        return SQLFragment(old) + condition + written + set + returning + insert
            + " FROM written AS w JOIN old ON old.\(key) = w.\(key)) SELECT \(output) FROM written"
    }

    /// `WITH written AS (DELETE ...), audit AS (INSERT ...) SELECT 1 FROM written`.
    static func delete(_ table: EntityTable, _ audit: AuditTable, where condition: SQLFragment) -> SQLFragment {
        let insert = insertAudit(table, audit, action: "delete", before: table.image("w"), after: "NULL")
        return SQLFragment("WITH written AS (DELETE FROM \(table.table) WHERE ") + condition + " RETURNING *), "
            + insert + " FROM written AS w) SELECT 1 FROM written"
    }

    /// `audit AS (INSERT INTO audit (...) SELECT actor, action, entity, w.key::text, before, after`, with the
    /// actor bound.
    static func insertAudit(_ table: EntityTable, _ audit: AuditTable, action: String, before: String, after: String)
        -> SQLFragment
    {
        var columns = [audit.action, audit.entity, audit.entityID, audit.before, audit.after]
        var values = "'\(action)'::\(audit.actionType), '\(table.entity.replacingOccurrences(of: "'", with: "''"))', "
            + "w.\(table.primaryKey)::text, \(before), \(after)"
        if let tenant = audit.tenant {
            columns.append(tenant.column)
            values += ", " + (table.tenant.map { "w.\($0.column)::text::\(tenant.sqlType)" } ?? "NULL")
        }
        guard let actor = audit.actor else {
            return SQLFragment("audit AS (INSERT INTO \(audit.table) (\(columns.joined(separator: ", "))) SELECT ")
                + values
        }
        columns.insert(actor.column, at: 0)
        let head = "audit AS (INSERT INTO \(audit.table) (\(columns.joined(separator: ", "))) SELECT "
        return SQLFragment(head) + SQLFragment.bindOptional(AuditContext.actor, cast: "text") + "::\(actor.sqlType), "
            + values
    }
}
