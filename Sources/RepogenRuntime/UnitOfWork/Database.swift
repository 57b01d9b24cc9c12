/// The entry point: a pool of connections that runs statements and units of work.
///
/// ```swift
/// let db = try await Database.connect(url: url, pool: .init(minimum: 2, maximum: 10))
/// try await db.migrate(QuoteMasterSchema.migrations)
/// try await db.transaction { tx in try await tx.run(insertQuote, binds) }
/// await db.close()
/// ```
public final class Database: DatabaseExecutor {
    let pool: ConnectionPool
    let counter: StatementCounter
    let breaker: CircuitBreaker
    let observer: QueryObserver
    /// The connection settings this database was opened with.
    public let configuration: DatabaseConfiguration
    /// The pool settings this database was opened with.
    public let poolConfiguration: PoolConfiguration
    /// The retry, breaker, logging and metrics settings this database was opened with.
    public let options: DatabaseOptions
    /// The cache enabled by `enableCache(_:)`, nil until then.
    let cacheSlot = Locked<DatabaseCache?>(nil)
    /// The read replicas reads outside a transaction may go to (`Database+Replicas.swift`), nil for none.
    let replicaSet: ReplicaSet?

    init(
        configuration: DatabaseConfiguration, poolConfiguration: PoolConfiguration, options: DatabaseOptions,
        replicaSet: ReplicaSet? = nil
    ) {
        self.configuration = configuration
        self.replicaSet = replicaSet
        self.poolConfiguration = poolConfiguration
        self.options = options
        counter = StatementCounter()
        observer = QueryObserver(options: options, configuration: configuration)
        breaker = CircuitBreaker(configuration: options.circuitBreaker)
        pool = ConnectionPool(
            configuration: configuration, pool: poolConfiguration, counter: counter, metrics: observer.metrics,
            logger: options.logger)
    }

    /// A database dropped without `close` stops its pool's background work, so the pool and its connections are
    /// freed, and tells its cache's listener thread to close its connection and end (quietly, as `close` would).
    deinit {
        pool.stopRunning()
        cacheSlot.current?.listener.current?.requestStop()
    }

    /// Opens `pool.minimum` connections (at least one, so a bad configuration fails here) and returns the pool.
    public static func connect(
        _ configuration: DatabaseConfiguration, pool: PoolConfiguration = .init(), options: DatabaseOptions = .init()
    ) async throws -> Database {
        try await connect(configuration, pool: pool, options: options, replicaSet: nil)
    }

    /// Opens `pool.minimum` connections (at least one) of a database with `replicaSet`, and returns it.
    static func connect(
        _ configuration: DatabaseConfiguration, pool: PoolConfiguration, options: DatabaseOptions,
        replicaSet: ReplicaSet?
    ) async throws -> Database {
        try pool.validate()
        let database = Database(
            configuration: configuration, poolConfiguration: pool, options: options, replicaSet: replicaSet)
        do {
            for _ in 0..<max(1, pool.minimum) {
                let connection = try await database.pool.openConnection()
                database.pool.adopt(connection)
            }
        } catch {
            await database.close()
            throw error
        }
        database.pool.startRunning()
        database.observer.metrics.recordBreaker(.closed)
        return database
    }

    /// A database whose pool opens its connections in the background: a replica that is down when the primary
    /// opens is skipped, not fatal.
    static func openLazily(
        _ configuration: DatabaseConfiguration, pool: PoolConfiguration, options: DatabaseOptions
    ) -> Database {
        let database = Database(configuration: configuration, poolConfiguration: pool, options: options)
        database.pool.startRunning()
        database.observer.metrics.recordBreaker(.closed)
        return database
    }

    /// Opens a database from a `postgres://` URL.
    public static func connect(
        url: String, pool: PoolConfiguration = .init(), options: DatabaseOptions = .init()
    ) async throws -> Database {
        try await connect(try DatabaseConfiguration(url: url), pool: pool, options: options)
    }

    /// The number of statements run through `run` and `runScript` (here or in transactions); BEGIN, COMMIT and a
    /// unit of work's tenant setting excluded.
    public var statementsExecuted: Int {
        counter.value
    }

    /// Runs a prepared statement on a pooled connection, retrying transient failures.
    ///
    /// Only a statement declared read-only (`PostgresStatement.isReadOnly`) runs again after its connection is lost
    /// mid-statement; any other throws `commitOutcomeUnknown` instead of being retried.
    /// With a tenant (`TenantContext.current`) the statement goes in one batch after `set_config('app.tenant_id',
    /// tenant, true)`, in the batch's one transaction, so the setting never outlives it on the pooled connection.
    public func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult {
        let readOnly = statement.isReadOnly
        let tenant = TenantContext.current
        defer { if !readOnly { noteWrite() } }
        return try await observer.observe(
            statement.name, statement.labels, sql: statement.sql, binds: binds, rows: { $0.rowCount }
        ) {
            if let routed = try await readOnReplica(statement, binds, tenant: tenant) {
                return routed
            }
            guard let tenant else {
                return try await resilientStatement(
                    statement, binds, retryAfterSending: readOnly, unknownOutcomeOnLoss: !readOnly)
            }
            return try await resilient(
                site: statement.name, retryAfterSending: readOnly, unknownOutcomeOnLoss: !readOnly
            ) {
                try await $0.execute(statement, binds, prelude: TenantContext.setting(tenant))
            }
        }
    }

    /// Runs SQL text (one or more statements, simple protocol, no binds) on a pooled connection.
    public func runScript(_ sql: String) async throws {
        defer { noteWrite() }
        do {
            _ = try await resilient(site: "runScript", retryAfterSending: false, unknownOutcomeOnLoss: false) {
                _ = try await $0.executeScript(sql, counted: true)
            }
        } catch {
            observer.metrics.recordError(error, .script)  // not observed as a statement, but its failure counts
            throw error
        }
    }

    /// Commits when body returns, rolls back when it throws (rethrowing the body's error).
    ///
    /// Each statement inside is reported like `run` (metrics, logs, statistics); the whole unit is also measured
    /// under `operation="transaction"`, `entity="none"`. `options` (isolation level, read-only, deferrable) are
    /// sent with BEGIN; invalid ones throw `invalidConfiguration` before anything is sent.
    ///
    /// `body` runs in the caller's isolation (`isolation`, the main actor or an actor's own), so it may touch that
    /// actor's state and return a non-`Sendable` value. A transient failure before COMMIT (40001, 40P01,
    /// connection loss) rolls back and runs `body` again, whole; a connection lost while COMMIT is in flight
    /// throws `commitOutcomeUnknown` and is never retried.
    /// ```swift
    /// let quote = try await db.transaction { tx in
    ///     let quote = try await QuoteRepository(tx).create(newQuote)
    ///     try await AnalyticsRepository(tx).create(event(for: quote))
    ///     return quote
    /// }
    /// ```
    public func transaction<T>(
        options: TransactionOptions = .default, file: String = #fileID, line: Int = #line,
        isolation: isolated (any Actor)? = #isolation, _ body: (Transaction) async throws -> T
    ) async throws -> T {
        try options.validate()
        defer { noteWrite() }
        return try await observer.observe("transaction", StatementLabels(operation: "transaction", entity: "none")) {
            try await resilient(site: "\(file):\(line)", retryAfterSending: true, unknownOutcomeOnLoss: false) {
                try await Transaction.unitOfWork(
                    on: $0, options: options, cache: cacheSlot.current, observer: observer, body)
            }
        }
    }

    /// Stops the cache's listener, then closes every connection; later calls fail with `poolClosed`.
    public func close() async {
        await disableCache()
        await pool.close()
        await replicaSet?.close()
    }

    /// Stops lending connections, waits up to `gracePeriod` for leases to return, then closes everything.
    ///
    /// The cache keeps serving while leases drain; its listener stops at the end, as in `close()`, so its
    /// connection going away is no warning. Returns whether every lease came back in time.
    @discardableResult
    public func shutdown(gracePeriod: Duration = .seconds(10)) async -> Bool {
        let drained = await pool.shutdown(gracePeriod: gracePeriod)
        await disableCache()
        await replicaSet?.close()
        return drained
    }

    /// Leases a connection for `body`, retrying on another one when the server had already closed the first.
    @discardableResult
    func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        defer { noteWrite() }
        var attempts = 0
        while true {
            do {
                return try await pool.withLease(site: "withConnection", body)
            } catch let stale as StaleConnection {
                attempts += 1
                if attempts > poolConfiguration.maximum {
                    throw stale.error
                }
            }
        }
    }
}
