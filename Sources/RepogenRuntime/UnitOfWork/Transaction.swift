/// A unit of work bound to one leased connection; valid only inside the closure that received it.
///
/// ```swift
/// try await db.transaction { tx in
///     try await tx.run(debit, debitBinds)
///     try? await tx.transaction { savepoint in try await savepoint.run(optionalStep, binds) }  // may roll back alone
///     try await tx.run(credit, creditBinds)
/// }
/// ```
public final class Transaction: DatabaseExecutor {
    let connection: PostgresConnection
    /// 0 for the outer transaction, 1 or more for savepoints.
    let depth: Int
    /// The tenant captured at BEGIN (`TenantContext.current`), which `app.tenant_id` was set to; nil for none.
    let tenantAtStart: String?
    /// The options the outer transaction began with; its savepoints share them.
    public let options: TransactionOptions
    private let isOpen = Locked(true)
    /// The database's cache and this unit of work's pending invalidations; nil when the database has no cache.
    let cacheLink = Locked<TransactionCacheLink?>(nil)
    /// The database's observer, so each statement is counted, timed and logged as on the database; nil for none.
    let observer: QueryObserver?
    /// Whether BEGIN (and a tenant's `set_config`) still waits for the first statement's batch
    /// (`Transaction+Begin.swift`); a savepoint's is always sent.
    let begin: Locked<BeginState>

    init(
        connection: PostgresConnection, depth: Int, tenant: String? = nil, options: TransactionOptions = .default,
        observer: QueryObserver? = nil, begin: [Execution]? = nil
    ) {
        self.connection = connection
        self.depth = depth
        tenantAtStart = tenant
        self.options = options
        self.observer = observer
        self.begin = Locked(begin.map { .pending($0) } ?? .sent)
    }

    /// Runs a prepared statement inside this unit of work, reported like `Database.run` (metrics, logs, statistics).
    public func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult {
        try ensureOpen(statement: statement.name)
        noteCacheEffect(readOnly: statement.isReadOnly)
        guard let observer else {
            return try await execute(statement, binds)
        }
        return try await observer.observe(
            statement.name, statement.labels, sql: statement.sql, binds: binds, rows: { $0.rowCount }
        ) {
            try await execute(statement, binds)
        }
    }

    private func execute(
        _ statement: PostgresStatement, _ binds: PostgresBindings
    ) async throws -> PostgresQueryResult {
        do {
            return try await withBegin { begin in try await connection.execute(statement, binds, prelude: begin) }
        } catch let stale as StaleConnection {
            throw stale.error
        }
    }

    /// Runs SQL text inside this unit of work.
    public func runScript(_ sql: String) async throws {
        try ensureOpen(statement: nil)
        noteCacheEffect(readOnly: false)
        do {
            try await sendBegin()
            try await connection.executeScript(sql, counted: true)
        } catch let stale as StaleConnection {
            throw stale.error
        }
    }

    /// A nested unit of work as a SAVEPOINT: released on return, rolled back to on throw; the outer one continues.
    ///
    /// It runs under the outer transaction's `options` (PostgreSQL fixes them at BEGIN), and `body` runs in the
    /// caller's isolation, like `Database.transaction`'s.
    public func transaction<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (Transaction) async throws -> T
    ) async throws -> T {
        try ensureOpen(statement: nil)
        let savepoint = "repogen_savepoint_\(depth + 1)"
        try await sendBegin()
        try await control("SAVEPOINT \(savepoint)")
        let inner = Transaction(
            connection: connection, depth: depth + 1, tenant: tenantAtStart, options: options, observer: observer)
        inner.cacheLink.withLock { $0 = cacheLink.current }
        let value: T
        do {
            value = try await body(inner)
        } catch {
            inner.end()
            _ = try? await control("ROLLBACK TO SAVEPOINT \(savepoint)")
            _ = try? await control("RELEASE SAVEPOINT \(savepoint)")
            throw error
        }
        inner.end()
        try await control("RELEASE SAVEPOINT \(savepoint)")
        return value
    }

    /// BEGIN with `options` (then, with a tenant, `set_config('app.tenant_id', tenant, true)`), run `body`, then
    /// COMMIT, or ROLLBACK when `body` throws; `observer` reports each statement `body` runs.
    ///
    /// BEGIN goes in the same batch as the first statement (`withBegin`), so it costs no round trip of its own; a
    /// unit of work that sends nothing sends no BEGIN and no COMMIT. A connection the server has already closed is
    /// found before `body` runs (`StaleConnection`, nothing sent), so the caller retries on another at once.
    static func unitOfWork<T>(
        on connection: PostgresConnection, options: TransactionOptions = .default, cache: DatabaseCache? = nil,
        observer: QueryObserver? = nil, isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> T
    ) async throws -> T {
        try await connection.ensureLive()
        let tenant = TenantContext.current
        let transaction = Transaction(
            connection: connection, depth: 0, tenant: tenant, options: options, observer: observer,
            begin: [beginExecution(options)] + TenantContext.setting(tenant))
        transaction.attachCache(cache)
        let value: T
        do {
            value = try await body(transaction)
        } catch {
            transaction.end()
            if !transaction.endUnbegun() {
                _ = try? await transaction.control("ROLLBACK")
            }
            transaction.closeBegin()
            throw error
        }
        transaction.end()
        defer { transaction.closeBegin() }
        let status = try await transaction.commitApplyingCache()
        guard status == "COMMIT" else {
            throw RepogenError(
                kind: .transactionFailed, message: "an earlier statement failed, so COMMIT rolled back instead",
                sqlState: "25P02", statement: "COMMIT")
        }
        return value
    }

    /// Marks the unit of work as ended; later use throws `transactionFailed`.
    func end() {
        isOpen.withLock { $0 = false }
    }

    /// Runs transaction control, reporting any failure with the command as the statement.
    @discardableResult
    private func control(_ command: String) async throws -> String {
        do {
            return try await connection.executeScript(command, counted: false)
        } catch let stale as StaleConnection {
            throw stale.error
        } catch var error as RepogenError {
            error.statement = error.statement ?? command
            throw error
        }
    }

    func ensureOpen(statement: String?) throws {
        guard isOpen.current else {
            throw Self.ended(statement: statement)
        }
    }

    /// The error of a statement run on a unit of work that has ended.
    static func ended(statement: String?) -> RepogenError {
        RepogenError(
            kind: .transactionFailed,
            message: "the unit of work has ended; use a Transaction only inside its closure", statement: statement)
    }
}
