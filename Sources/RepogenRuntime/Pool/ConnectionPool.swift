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
    private let core: Locked<PoolCore>
    /// Identifiers of waiters, taken without the lock (connections are numbered by `PoolCore.makeID`).
    private let waiterIDs = Atomic<Int>(0)
    private let configuration: DatabaseConfiguration
    let poolConfiguration: PoolConfiguration
    private let counter: StatementCounter
    private let metrics: RepositoryMetrics?
    private let logger: Logger

    init(
        configuration: DatabaseConfiguration, pool: PoolConfiguration, counter: StatementCounter,
        metrics: RepositoryMetrics? = nil, logger: Logger = Logger(label: "repogen.pool")
    ) {
        self.configuration = configuration
        self.poolConfiguration = pool
        self.counter = counter
        self.metrics = metrics
        self.logger = logger
        core = Locked(PoolCore(state: PoolStateMachine(maximum: pool.maximum, limits: pool.limits)))
    }

    /// How many callers are waiting for a connection.
    var waitingCount: Int {
        core.withLock { $0.state.waiters.count }
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

    /// Adds an already open connection as idle.
    func adopt(_ connection: PostgresConnection) {
        let fraction = lifetimeFraction()
        update { core in
            let id = core.makeID()
            core.connections[id] = connection
            return core.state.adopt(id, now: .now, lifetimeFraction: fraction)
        }
    }

    /// Starts the periodic upkeep (expiry, idle timeout, leak detection, refilling the minimum), which runs until
    /// the pool closes or `stopHousekeeping` is called (the `Database` does so when it goes away).
    ///
    /// The task holds the pool strongly: a weak reference gives the pool a side table, and then every retain and
    /// release of it (a pair per statement) takes the runtime's slow path.
    func startHousekeeping() {
        let interval = poolConfiguration.housekeepingInterval
        core.withLock { core in
            guard core.housekeeping == nil else { return }
            core.housekeeping = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard !Task.isCancelled, self.tick() else { return }
                }
            }
        }
    }

    /// Ends the periodic upkeep, so that its task lets go of the pool.
    func stopHousekeeping() {
        core.withLock { $0.housekeeping?.cancel() }
    }

    /// Runs one round of upkeep; false once the pool is closed.
    private func tick() -> Bool {
        var isOpen = true
        update { core in
            isOpen = !core.state.isClosed
            return isOpen ? core.state.tick(now: .now) : []
        }
        return isOpen
    }

    /// Waits for a connection, first come first served; throws `poolTimeout`, `poolClosed` or a connect error.
    ///
    /// A connection idle past `validationInterval` is checked first; one that fails is dropped and another leased.
    func lease(site: String = "") async throws -> PooledConnection {
        if let pooled = try leaseAtOnce(site: site) {
            return pooled
        }
        return try await leaseValidated(site: site)
    }

    /// An idle connection that needs no check, when nobody waits (and, with `onlyWhenAlone`, no connection is
    /// leased): one lock round trip, no suspension, nothing allocated. Nil when the caller must queue;
    /// `CancellationError` for a cancelled task, as in the queue.
    func leaseAtOnce(site: String, onlyWhenAlone: Bool = false) throws -> PooledConnection? {
        guard !Task.isCancelled else {
            throw CancellationError()
        }
        return locked { core in
            onlyWhenAlone && !core.state.leased.isEmpty ? nil : core.leaseIdle(site: site)
        }
    }

    /// Queues for a connection and checks one that sat idle past `validationInterval` before handing it out.
    private func leaseValidated(site: String) async throws -> PooledConnection {
        while true {
            let pooled = try await leaseInLine(site: site)
            guard pooled.needsValidation else {
                return pooled
            }
            if (try? await pooled.connection.executeScript("SELECT 1", counted: false)) != nil {
                return pooled
            }
            logger.debug("a long-idle connection failed validation and is replaced")
            release(pooled)
        }
    }

    /// Queues for a connection (`PoolStateMachine.acquire`), first come first served, until the acquire timeout.
    private func leaseInLine(site: String) async throws -> PooledConnection {
        let pooled = try await waitInLine { PoolCore.Waiter.lease($0) }
        core.withLock { $0.leaseSites[pooled.id] = site }
        return pooled
    }

    /// Joins the queue as the waiter `makeWaiter` builds around the caller's continuation, and suspends until the
    /// pool resumes that continuation (or the acquire timeout, cancellation or closing fails it).
    func waitInLine<T>(_ makeWaiter: (UnsafeContinuation<T, any Error>) -> PoolCore.Waiter)
        async throws -> T
    {
        let id = waiterIDs.add(1, ordering: .relaxed).newValue
        let timeout = poolConfiguration.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                let waiter = makeWaiter(continuation)
                run(locked { core in
                    // Cancelled before it could be registered: the handler found no waiter to cancel.
                    guard !Task.isCancelled else {
                        return [.grant(waiter, .failure(CancellationError()))]
                    }
                    core.waiters[id] = waiter
                    var effects = core.apply(core.state.acquire(id, now: .now), errors: error(for:))
                    if core.waiters[id] != nil, let watch = core.addDeadline(for: id, after: timeout) {
                        effects.append(watch)
                    }
                    return effects
                })
            }
        } onCancel: {
            update { $0.state.cancel(id) }
        }
    }

    /// Leases a connection, runs `body` on it and releases it whether `body` returns or throws.
    ///
    /// The common case, an idle connection and nobody waiting, leases without an async call (`leaseAtOnce`).
    func withLease<T>(
        site: String, isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let pooled: PooledConnection
        if let idle = try leaseAtOnce(site: site) {
            pooled = idle
        } else {
            pooled = try await leaseValidated(site: site)
        }
        defer { release(pooled) }
        return try await body(pooled.connection)
    }

    /// Returns a connection; a broken, expired one or one left inside a transaction is closed, not reused.
    func release(_ pooled: PooledConnection) {
        let reusable = pooled.connection.isReusable
        update { core in  // with nobody waiting, `release` returns no actions: one lock round trip
            core.leaseSites[pooled.id] = nil
            return core.state.release(pooled.id, reusable: reusable, now: .now)
        }
    }

    /// Closes idle connections and fails waiters with `poolClosed`; leased connections close on release.
    func close() async {
        var closing: [PostgresConnection] = []
        let effects = locked { core in
            core.housekeeping?.cancel()
            return core.apply(core.state.close(), errors: error(for:))
        }
        for effect in effects {
            if case .close(let connection) = effect {
                closing.append(connection)
            } else {
                run([effect])
            }
        }
        for connection in closing {
            await connection.close()
        }
    }

    /// Closes the pool, waits up to `gracePeriod` for leases to come back, then closes what is still leased.
    ///
    /// Returns whether every lease came back in time.
    func shutdown(gracePeriod: Duration) async -> Bool {
        await close()
        let deadline = ContinuousClock.now + gracePeriod
        while !core.withLock({ $0.state.leased.isEmpty }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let stragglers = core.withLock { core in
            core.state.leased.compactMap { core.connections.removeValue(forKey: $0) }
        }
        for connection in stragglers {
            logger.warning("closing a connection still leased at shutdown")
            Task { await connection.close() }
        }
        return stragglers.isEmpty
    }

    /// Runs a state-machine event under the lock, then its effects outside it.
    private func update(_ event: (inout PoolCore) -> [PoolStateMachine.Action]) {
        run(locked { core in core.apply(event(&core), errors: error(for:)) })
    }

    /// Runs `body` under the lock, then publishes the figures it left once the lock is let go: a metrics backend
    /// never runs under the pool's lock (a slow one would stall every lease; one that read the pool would deadlock).
    func locked<T>(_ body: (inout PoolCore) -> T) -> T {
        let (value, figures) = core.withLock { core in
            let value = body(&core)
            return (value, metrics == nil ? nil : core.state.figures)
        }
        if let figures { metrics?.recordPool(figures) }
        return value
    }

    func run(_ effects: [PoolCore.Effect]) {
        for effect in effects {
            switch effect {
            case .grant(.lease(let continuation), let result):
                continuation.resume(with: result)
            case .grant(.statement(let job), let result):
                dispatch(job, to: result)
            case .open:
                Task { await self.openPooledConnection() }
            case .close(let connection):
                logger.debug("closing pooled connection", metadata: ["broken": "\(connection.isBroken)"])
                Task { await connection.close() }
            case .reportLeak(let site, let heldFor):
                logger.warning(
                    "a connection has been leased for longer than the leak detection threshold",
                    metadata: ["lease_site": "\(site)", "held_ms": "\(QueryObserver.milliseconds(heldFor))"])
            case .watchDeadlines:
                Task { await self.watchDeadlines() }
            }
        }
    }

    /// Sleeps until the earliest deadline and times out whoever is still waiting then; ends when nobody waits.
    private func watchDeadlines() async {
        while let next = core.withLock({ $0.nextDeadline() }) {
            try? await Task.sleep(until: next, clock: .continuous)
            run(locked { $0.expireDeadlines(now: .now, errors: error(for:)) })
        }
    }

    private func openPooledConnection() async {
        do {
            let connection = try await openConnection()
            let fraction = lifetimeFraction()
            update { core in
                let id = core.makeID()
                core.connections[id] = connection
                return core.state.connectionOpened(id, now: .now, lifetimeFraction: fraction)
            }
        } catch {
            logger.debug("opening a pooled connection failed", metadata: ["error": "\(error)"])
            update { core in
                core.lastConnectError = error
                return core.state.connectionFailedToOpen(now: .now)
            }
        }
    }

    private func lifetimeFraction() -> Double {
        1 - Double.random(in: 0...poolConfiguration.lifetimeJitter)
    }

    /// The error a waiter gets for `failure` (`PoolCore` substitutes the last connect error when it has one).
    private func error(for failure: PoolStateMachine.Failure) -> any Error {
        switch failure {
        case .timedOut:
            RepogenError(
                kind: .poolTimeout, message: "no connection available within \(poolConfiguration.acquireTimeout)")
        case .cancelled:
            CancellationError()
        case .poolClosed:
            RepogenError(kind: .poolClosed, message: "the database pool is closed")
        case .connectFailed:
            RepogenError(kind: .connectionFailed, message: "could not open a connection")
        }
    }
}
