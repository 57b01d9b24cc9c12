import CLibPQ
import Foundation

/// One libpq connection; statements are prepared once and then reused.
///
/// Every statement runs through one routine, as a batch (`PostgresConnection+Batch.swift`); the calling task waits
/// up to `inlineWait` for the reply, and longer waits, opening and closing run on the connection's own OS thread.
///
/// Most code uses `Database`, which pools these. Direct use:
/// ```swift
/// let connection = try await PostgresConnection.connect(try DatabaseConfiguration(url: url))
/// let result = try await connection.run(statement, binds)
/// await connection.close()
/// ```
public final class PostgresConnection: DatabaseExecutor, @unchecked Sendable {
    /// The name of the connection's own OS thread (connect, close, slow replies), e.g. `repogen.pg.3`.
    public var threadName: String { worker.name }

    let worker = ConnectionThread()
    /// Admits one task at a time to the libpq handle.
    let gate = ConnectionGate()
    /// How long the calling thread waits for a reply before handing the wait to `worker`, in microseconds.
    let inlineWaitMicroseconds: Int
    /// Named prepared statements, or unnamed ones for a transaction pooler (`DatabaseConfiguration.statements`).
    let statementMode: StatementMode
    /// How many replies were awaited on `worker` because they took longer than the inline wait (for tests).
    let handedOffWaits = Locked(0)
    /// How many batches and scripts were sent, each one round trip (for tests).
    let batchesSent = Locked(0)
    /// How many statements were sent in independent batches of two or more (for tests).
    let pipelinedStatements = Locked(0)
    let sharedCounter: StatementCounter?
    let ownCounter = StatementCounter()
    /// Whether the connection is usable and outside a transaction; updated after every statement.
    let health = Locked(Health())

    /// Touched only by the task holding `gate` (or a job it is awaiting on `worker`).
    var handle: OpaquePointer?
    /// Touched only by the holder of `gate` (or a job it awaits on `worker`): the statements prepared on this
    /// connection, at most `PoolConfiguration.preparedStatementCapacity`.
    var preparedStatements: PreparedStatementCache
    /// Touched only by the holder of `gate` (or a job it awaits on `worker`): whether tasks wait inline for replies.
    var inlineWaits = InlineWaitPolicy()

    struct Health {
        var isBroken = false
        var isInTransaction = false
        var isClosed = false
        /// Set when the server is found to have closed the connection; never cleared.
        var isAbandoned = false
    }

    private init(
        sharedCounter: StatementCounter?, inlineWait: Duration, statementCapacity: Int, statementMode: StatementMode
    ) {
        self.sharedCounter = sharedCounter
        self.statementMode = statementMode
        preparedStatements = PreparedStatementCache(capacity: statementCapacity)
        inlineWaitMicroseconds = Int(max(0, min(inlineWait.seconds * 1_000_000, 60_000_000)).rounded(.up))
    }

    deinit {
        if let handle {
            let owned = UnsafeHandle(pointer: handle)
            worker.submit { PQfinish(owned.pointer) }
        }
        worker.stop()
    }

    /// Opens a connection (`application_name=repogen`, UTF-8), throwing `connectionFailed` with libpq's reason.
    ///
    /// `inlineWait` is how long the calling thread waits for a reply before the wait moves to the connection's own
    /// thread; `.zero` always moves it. At most `preparedStatementCapacity` statements stay prepared (at least 1;
    /// the least recently used are deallocated, as in `PoolConfiguration`).
    public static func connect(
        _ configuration: DatabaseConfiguration, inlineWait: Duration = .microseconds(200),
        preparedStatementCapacity: Int = PoolConfiguration.defaultPreparedStatementCapacity
    ) async throws -> PostgresConnection {
        try PoolConfiguration.validateStatementCapacity(preparedStatementCapacity)
        return try await connect(
            configuration, counter: nil, inlineWait: inlineWait, statementCapacity: preparedStatementCapacity)
    }

    /// Opens a connection; `parameters` are libpq keywords (e.g. `connect_timeout`) that the conninfo may override.
    static func connect(
        _ configuration: DatabaseConfiguration, counter: StatementCounter?, parameters: [(String, String)] = [],
        inlineWait: Duration, statementCapacity: Int
    ) async throws -> PostgresConnection {
        let connection = PostgresConnection(
            sharedCounter: counter, inlineWait: inlineWait, statementCapacity: statementCapacity,
            statementMode: configuration.statements)
        do {
            try await connection.worker.run {
                try connection.openOnThread(configuration.conninfo, parameters: parameters)
            }
        } catch {
            connection.worker.stop()
            throw error
        }
        return connection
    }

    /// The number of statements run through `run` and `runScript` on this connection.
    public var statementsExecuted: Int {
        ownCounter.value
    }

    /// Whether the connection failed in a way that makes it unusable (it is then dropped from the pool).
    public var isBroken: Bool {
        health.withLock { $0.isBroken || $0.isClosed || $0.isAbandoned }
    }

    /// Whether the last batch left the connection inside a transaction (or in an unknown state, once lost).
    var isInTransaction: Bool {
        health.withLock { $0.isInTransaction }
    }

    /// Whether the connection can be handed to the next user: healthy and not inside a transaction.
    var isReusable: Bool {
        health.withLock { !$0.isBroken && !$0.isClosed && !$0.isAbandoned && !$0.isInTransaction }
    }

    /// Runs a prepared statement, preparing it first if this connection has not seen it yet.
    public func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult {
        do {
            return try await execute(statement, binds)
        } catch let stale as StaleConnection {
            throw stale.error
        }
    }

    /// Runs SQL text with the simple protocol (several statements allowed, no binds).
    public func runScript(_ sql: String) async throws {
        do {
            try await executeScript(sql, counted: true)
        } catch let stale as StaleConnection {
            throw stale.error
        }
    }

    /// Closes the connection (PQfinish on its thread) and ends the thread; safe to call twice.
    public func close() async {
        let alreadyClosed = health.withLock { health in
            defer { health.isClosed = true }
            return health.isClosed
        }
        guard !alreadyClosed else {
            return
        }
        await gate.enter()
        _ = try? await worker.run { self.finishOnThread() }
        gate.leave()
        worker.stop()
    }

    /// Runs a statement after `prelude` (a tenant's `set_config`, a unit of work's BEGIN) in one batch, one round
    /// trip; throws `StaleConnection` when the server had already closed the connection, and the first failure of
    /// the batch otherwise.
    func execute(_ statement: PostgresStatement, _ binds: PostgresBindings, prelude: [Execution] = []) async throws
        -> PostgresQueryResult
    {
        countStatement()
        return try await execute(all: prelude + [Execution(statement: statement, binds: binds)])[prelude.count]
    }

    /// Runs SQL text and returns the status tag; `counted` is false for transaction control such as COMMIT.
    @discardableResult
    func executeScript(_ sql: String, counted: Bool) async throws -> String {
        if counted {
            countStatement()
        }
        let outcome = await runAwaiting(.script(sql))[0]
        return try outcome.get().commandStatus
    }

    func countStatement() {
        ownCounter.increment()
        sharedCounter?.increment()
    }
}

/// A connection the server had closed before a statement was sent; the statement can safely go elsewhere.
struct StaleConnection: Error {
    let error: RepogenError
}

/// A libpq connection pointer moved to the connection's own thread.
struct UnsafeHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
