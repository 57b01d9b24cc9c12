import Logging
import Synchronization

/// A connection leased from the pool, with the pool's identifier for it.
struct PooledConnection: Sendable {
    let id: Int
    let connection: PostgresConnection
    var needsValidation = false
}

/// The pool's I/O: carries out the actions `PoolStateMachine` decides on.
///
/// A class with one lock rather than an actor: a lease of an idle connection is then a lock round trip on the
/// caller's thread, where an actor cost a hop onto its executor (and another back) for every lease and release.
final class ConnectionPool: Sendable {
    let core: Locked<PoolCore>
    /// Identifiers of waiters, taken without the lock (connections are numbered by `PoolCore.makeID`).
    private let waiterIDs = Atomic<Int>(0)
    /// Statements run inline so far (`execute` yields after every `inlineRunsBetweenYields`-th).
    let inlineRuns = Atomic<Int>(0)
    /// Statements queued for the connections' threads so far (for tests).
    let queuedStatements = Atomic<Int>(0)
    private let configuration: DatabaseConfiguration
    let poolConfiguration: PoolConfiguration
    /// The state machine's limits, readable without the lock.
    let limits: PoolStateMachine.Limits
    private let counter: StatementCounter
    let metrics: RepositoryMetrics?
    let logger: Logger
    /// The pool's time; the state machine never reads a clock of its own.
    let clock: any PoolClock
    /// Work for `run()`: opening and closing connections, and wake-ups for deadlines and housekeeping.
    let backgroundJobs: AsyncStream<BackgroundJob>
    let backgroundQueue: AsyncStream<BackgroundJob>.Continuation

    init(
        configuration: DatabaseConfiguration, pool: PoolConfiguration, counter: StatementCounter,
        metrics: RepositoryMetrics? = nil, logger: Logger = Logger(label: "repogen.pool"),
        clock: any PoolClock = ContinuousPoolClock()
    ) {
        self.configuration = configuration
        self.poolConfiguration = pool
        self.counter = counter
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        (backgroundJobs, backgroundQueue) = AsyncStream.makeStream(of: BackgroundJob.self)
        limits = pool.limits
        core = Locked(PoolCore(state: PoolStateMachine(maximum: pool.maximum, limits: pool.limits)))
    }

    /// Connections, leases and waiters now.
    var figures: PoolFigures {
        core.withLock { $0.state.figures }
    }

    /// Opens a connection with the pool's connection-level settings.
    func openConnection() async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration, counter: counter, parameters: poolConfiguration.connectionParameters,
            inlineWait: poolConfiguration.inlineWait, statementCapacity: poolConfiguration.preparedStatementCapacity)
    }

    /// Adds an open connection as idle; `opened` when it answers an `.openConnection` action.
    func adopt(_ connection: PostgresConnection, opened: Bool = false) {
        let fraction = lifetimeFraction()
        update { core in
            let id = core.makeID()
            core.connections[id] = connection
            return opened
                ? core.state.connectionOpened(id, now: clock.now, lifetimeFraction: fraction)
                : core.state.adopt(id, now: clock.now, lifetimeFraction: fraction)
        }
    }

    /// Waits for a connection, first come first served; throws `poolTimeout`, `poolClosed` or a connect error.
    ///
    /// A connection idle past `validationInterval` is checked first; one that fails is dropped and another leased.
    /// The common case, an idle connection and nobody waiting, leases in the caller's isolation without a hop.
    func lease(site: String = "", isolation: isolated (any Actor)? = #isolation) async throws -> PooledConnection {
        if let pooled = try leaseAtOnce(site: site) {
            return pooled
        }
        return try await leaseValidated(site: site)
    }

    /// An idle connection that needs no check, when nobody waits (and, for one statement of task `inlineCaller`,
    /// when few enough tasks run statements: `PoolStateMachine.leaseInline`): one lock round trip, no suspension,
    /// nothing allocated. Nil when the caller must queue; `CancellationError` for a cancelled task, as in the queue.
    func leaseAtOnce(site: String, inlineCaller: Int? = nil) throws -> PooledConnection? {
        guard !Task.isCancelled else {
            throw CancellationError()
        }
        return locked { $0.leaseIdle(site: site, inlineCaller: inlineCaller, now: clock.now) }
    }

    /// The queued path of `lease`: waits in line, then checks a connection that needs validation.
    private func leaseValidated(site: String) async throws -> PooledConnection {
        while true {
            let pooled = try await waitInLine(wanting: .connection) { PoolCore.Waiter.lease($0) }
            core.withLock { $0.leaseSites[pooled.id] = site }
            guard pooled.needsValidation else {
                return pooled
            }
            if await pooled.connection.validate() {
                return pooled
            }
            logger.debug("a long-idle connection failed validation and is replaced")
            release(pooled, discard: true)
        }
    }

    /// Joins the queue as the waiter `makeWaiter` builds around the caller's continuation, and suspends until the
    /// pool resumes that continuation (or the acquire timeout, cancellation or closing fails it).
    func waitInLine<T>(
        wanting want: PoolStateMachine.Want, _ makeWaiter: (UnsafeContinuation<T, any Error>) -> PoolCore.Waiter
    ) async throws -> T {
        let id = waiterIDs.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                let waiter = makeWaiter(continuation)
                perform(locked { core in
                    // Cancelled before it could be registered: the handler found no waiter to cancel.
                    guard !Task.isCancelled else {
                        return [.grant(waiter, .failure(CancellationError()))]
                    }
                    core.waiters[id] = waiter
                    return core.apply(core.state.acquire(id, wants: want, now: clock.now), errors: error(for:))
                })
            }
        } onCancel: {
            update { $0.state.cancel(id) }
        }
    }

    /// Leases a connection, runs `body` on it and releases it whether `body` returns or throws.
    func withLease<T>(
        site: String, isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let pooled = try await lease(site: site)
        defer { release(pooled) }
        return try await body(pooled.connection)
    }

    /// Returns a connection; a broken, expired one, one left inside a transaction or one the caller discards (it
    /// failed validation) is closed, not reused.
    func release(_ pooled: PooledConnection, discard: Bool = false) {
        let reusable = !discard && pooled.connection.isReusable
        update { core in  // with nobody waiting, `release` returns no actions: one lock round trip
            core.leaseSites[pooled.id] = nil
            return core.state.release(pooled.id, reusable: reusable, now: clock.now)
        }
    }
}
