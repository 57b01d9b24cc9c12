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
    /// The connection settings this database was opened with.
    public let configuration: DatabaseConfiguration
    /// The pool settings this database was opened with.
    public let poolConfiguration: PoolConfiguration

    private init(configuration: DatabaseConfiguration, poolConfiguration: PoolConfiguration) {
        self.configuration = configuration
        self.poolConfiguration = poolConfiguration
        counter = StatementCounter()
        pool = ConnectionPool(configuration: configuration, pool: poolConfiguration, counter: counter)
    }

    /// Opens `pool.minimum` connections (at least one, so a bad configuration fails here) and returns the pool.
    public static func connect(_ configuration: DatabaseConfiguration, pool: PoolConfiguration = .init())
        async throws -> Database
    {
        try pool.validate()
        let database = Database(configuration: configuration, poolConfiguration: pool)
        do {
            for _ in 0..<max(1, pool.minimum) {
                let connection = try await PostgresConnection.connect(configuration, counter: database.counter)
                await database.pool.adopt(connection)
            }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Opens a database from a `postgres://` URL.
    public static func connect(url: String, pool: PoolConfiguration = .init()) async throws -> Database {
        try await connect(try DatabaseConfiguration(url: url), pool: pool)
    }

    /// The number of statements run through `run` and `runScript` (here or in transactions); BEGIN/COMMIT excluded.
    public var statementsExecuted: Int {
        counter.value
    }

    /// Runs a prepared statement on a pooled connection.
    public func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult {
        try await withConnection { connection in try await connection.execute(statement, binds) }
    }

    /// Runs SQL text (one or more statements, simple protocol, no binds) on a pooled connection.
    public func runScript(_ sql: String) async throws {
        try await withConnection { connection in try await connection.executeScript(sql, counted: true) }
    }

    /// Commits when body returns, rolls back when it throws (rethrowing the body's error).
    ///
    /// ```swift
    /// let quote = try await db.transaction { tx in
    ///     let quote = try await QuoteRepository(tx).create(newQuote)
    ///     try await AnalyticsRepository(tx).create(event(for: quote))
    ///     return quote
    /// }
    /// ```
    public func transaction<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await withConnection { connection in try await Transaction.unitOfWork(on: connection, body) }
    }

    /// Closes every connection; later calls fail with `poolClosed`.
    public func close() async {
        await pool.close()
    }

    /// Leases a connection for `body`, retrying on another one when the server had already closed the first.
    @discardableResult
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var attempts = 0
        while true {
            let pooled = try await pool.lease()
            do {
                let value = try await body(pooled.connection)
                await pool.release(pooled)
                return value
            } catch let stale as StaleConnection {
                await pool.release(pooled)
                attempts += 1
                if attempts > poolConfiguration.maximum {
                    throw stale.error
                }
            } catch {
                await pool.release(pooled)
                throw error
            }
        }
    }
}
