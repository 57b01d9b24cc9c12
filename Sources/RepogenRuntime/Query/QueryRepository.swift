/// A generated repository whose rows can be queried with typed predicates; every generated repository conforms.
///
/// ```swift
/// let sent = try await db.quotes.find(where: Quote.status == .sent, orderBy: [Quote.createdAt.descending], limit: 20)
/// let total = try await db.quotes.count(where: Quote.ownerID == user.id)
/// ```
public protocol QueryRepository: QueryOperations {
    /// Where statements run: a `Database` or a `Transaction`.
    var executor: any DatabaseExecutor { get }
}

/// A row lock taken by a query (`SELECT ... FOR UPDATE`); only valid inside a transaction.
public enum RowLock: String, Sendable, Hashable {
    /// `FOR UPDATE`: other writers and lockers wait until the transaction ends.
    case forUpdate = "FOR UPDATE"
    /// `FOR SHARE`: other writers wait; other sharers proceed.
    case forShare = "FOR SHARE"
    /// `FOR UPDATE SKIP LOCKED`: rows locked by others are left out (job queues).
    case forUpdateSkipLocked = "FOR UPDATE SKIP LOCKED"
}

extension QueryRepository {
    /// The rows matching `predicate`, sorted by `orderBy` then the primary key, at most `limit` after `offset`.
    ///
    /// `limit` and `offset` travel as binds, so every page of one query shape shares one prepared statement; a
    /// negative one throws `invalidArgument` before anything is sent (any non-negative `Int` is accepted).
    ///
    /// Soft-deleted rows are left out unless `includeDeleted` (all rows) or `onlyDeleted` (deleted rows only).
    /// `cache` reads through the query cache (docs/caching.md); a locking read never does.
    public func find(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [], limit: Int? = nil, offset: Int = 0,
        includeDeleted: Bool = false, onlyDeleted: Bool = false, lock: RowLock? = nil, cache: QueryCaching = .schema
    ) async throws -> [Entity] {
        let rows = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        var builder = try select(where: predicate, rows)
        builder.append(orderClause(orderBy))
        try builder.appendPaging(limit: limit, offset: offset)
        if let lock {
            try requireTransaction(for: lock)
            builder.append(" " + lock.rawValue)
        }
        return try await run(builder, .find, caching: lock == nil ? cache : .off, readOnly: lock == nil) {
            try $0.decodeRows(Entity.decode)
        }
    }

    /// The number of rows matching `predicate`.
    public func count(
        where predicate: Predicate<Entity>, includeDeleted: Bool = false, onlyDeleted: Bool = false,
        cache: QueryCaching = .schema
    ) async throws -> Int {
        var builder = SQLBuilder()
        builder.append("SELECT count(*) FROM \(Entity.entityTable.table) WHERE ")
        builder.append(try scoped(predicate))
        builder.append(DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
            .condition(Entity.entityTable.deletedAt))
        return try await run(builder, .count, caching: cache) { result in
            Int(try result.decodeFirst { try $0.decode(Int64.self, at: 0) } ?? 0)
        }
    }

    /// Whether any row matches `predicate`.
    public func exists(
        where predicate: Predicate<Entity>, includeDeleted: Bool = false, onlyDeleted: Bool = false,
        cache: QueryCaching = .schema
    ) async throws -> Bool {
        var builder = SQLBuilder()
        builder.append("SELECT EXISTS (SELECT 1 FROM \(Entity.entityTable.table) WHERE ")
        builder.append(try scoped(predicate))
        builder.append(DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
            .condition(Entity.entityTable.deletedAt) + ")")
        return try await run(builder, .exists, caching: cache) { result in
            try result.decodeFirst { try $0.decode(Bool.self, at: 0) } ?? false
        }
    }

    /// `SELECT columns FROM table WHERE [tenant AND] predicate [AND deleted_at ...]`.
    func select(where predicate: Predicate<Entity>, _ rows: DeletedRows, extra: String = "") throws -> SQLBuilder {
        let table = Entity.entityTable
        var builder = SQLBuilder()
        builder.append("SELECT \(table.selectList)\(extra) FROM \(table.table) WHERE ")
        builder.append(try scoped(predicate))
        builder.append(rows.condition(table.deletedAt))
        return builder
    }

    /// `predicate`, and for a tenant-scoped entity `tenant = $n` (the executor's tenant) before it; throws
    /// `tenantRequired` when such an entity is queried without a tenant.
    func scoped(_ predicate: Predicate<Entity>) throws -> Predicate<Entity> {
        guard let tenant = Entity.entityTable.tenant else { return predicate }
        let value = try executor.requireTenant(for: Entity.entityTable.entity)
        let condition = SQLFragment(tenant.column + " = ") + SQLFragment.bind(value, cast: "text")
            + "::\(tenant.sqlType)"
        return Predicate(condition) && predicate
    }

    /// ` ORDER BY keys..., primary key` (the key breaks ties, so pages never overlap), each column after
    /// `qualifier` (`rows.`) when one is given.
    func orderClause(_ orderBy: [Ordering<Entity>], qualifier: String = "") -> String {
        let key = Entity.entityTable.primaryKey
        var keys = orderBy.map { qualifier + $0.sql }
        if !orderBy.contains(where: { $0.column == key }) {
            keys.append(qualifier + key + (orderBy.last?.isDescending == true ? " DESC" : ""))
        }
        return " ORDER BY " + keys.joined(separator: ", ")
    }

    func requireTransaction(for lock: RowLock) throws {
        guard !(executor is Database) else {
            throw RepogenError(
                kind: .transactionFailed,
                message: "\(lock.rawValue) needs a transaction: run it on the Transaction of db.transaction { ... }")
        }
    }
}
