import Logging

/// A connection leased from the pool, with the pool's identifier for it.
struct PooledConnection: Sendable {
    let id: Int
    let connection: PostgresConnection
    var needsValidation = false
}

/// The pool's I/O: carries out the actions `PoolStateMachine` decides on.
actor ConnectionPool {
    private var state: PoolStateMachine
    private var connections: [Int: PostgresConnection] = [:]
    private var waiters: [Int: CheckedContinuation<PooledConnection, any Error>] = [:]
    private var timeouts: [Int: Task<Void, Never>] = [:]
    private var leaseSites: [Int: String] = [:]
    private var housekeeping: Task<Void, Never>?
    private var nextID = 0
    private var lastConnectError: (any Error)?
    private let configuration: DatabaseConfiguration
    private let poolConfiguration: PoolConfiguration
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
        self.state = PoolStateMachine(maximum: pool.maximum, limits: pool.limits)
    }

    /// How many callers are waiting for a connection.
    var waitingCount: Int {
        state.waiters.count
    }

    /// Connections, leases and waiters now.
    var figures: PoolFigures {
        state.figures
    }

    /// Opens a connection with the pool's connection-level settings.
    func openConnection() async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration, counter: counter, parameters: poolConfiguration.connectionParameters)
    }

    /// Adds an already open connection as idle.
    func adopt(_ connection: PostgresConnection) {
        let id = makeID()
        connections[id] = connection
        perform(state.adopt(id, now: .now, lifetimeFraction: lifetimeFraction()))
    }

    /// Starts the periodic upkeep (expiry, idle timeout, leak detection, refilling the minimum).
    func startHousekeeping() {
        guard housekeeping == nil else {
            return
        }
        let interval = poolConfiguration.housekeepingInterval
        housekeeping = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, await self.tick() else {
                    return
                }
            }
        }
    }

    /// Runs one round of upkeep; false once the pool is closed.
    private func tick() -> Bool {
        guard !state.isClosed else {
            return false
        }
        perform(state.tick(now: .now))
        return true
    }

    /// Waits for a connection, first come first served; throws `poolTimeout`, `poolClosed` or a connect error.
    ///
    /// A connection idle past `validationInterval` is checked first; one that fails is dropped and another leased.
    func lease(site: String = "") async throws -> PooledConnection {
        while true {
            let pooled = try await leaseOnce()
            leaseSites[pooled.id] = site
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

    private func leaseOnce() async throws -> PooledConnection {
        let waiter = makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters[waiter] = continuation
                perform(state.acquire(waiter, now: .now))
                if waiters[waiter] != nil {
                    scheduleTimeout(for: waiter)
                }
            }
        } onCancel: {
            Task { await self.cancel(waiter) }
        }
    }

    /// Returns a connection; a broken, expired one or one left inside a transaction is closed, not reused.
    func release(_ pooled: PooledConnection) {
        leaseSites[pooled.id] = nil
        perform(state.release(pooled.id, reusable: pooled.connection.isReusable, now: .now))
    }

    /// Closes idle connections and fails waiters with `poolClosed`; leased connections close on release.
    func close() async {
        housekeeping?.cancel()
        let actions = state.close()
        var closing: [PostgresConnection] = []
        for action in actions {
            if case .closeConnection(let id) = action, let connection = connections.removeValue(forKey: id) {
                closing.append(connection)
            } else {
                perform([action])
            }
        }
        publishFigures()
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
        while !state.leased.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let stragglers = state.leased.compactMap { connections.removeValue(forKey: $0) }
        for connection in stragglers {
            logger.warning("closing a connection still leased at shutdown")
            Task { await connection.close() }
        }
        return stragglers.isEmpty
    }

    private func cancel(_ waiter: Int) {
        perform(state.cancel(waiter))
    }

    private func timeOut(_ waiter: Int) {
        perform(state.timeOut(waiter))
    }

    private func scheduleTimeout(for waiter: Int) {
        let timeout = poolConfiguration.acquireTimeout
        timeouts[waiter] = Task {
            do {
                try await Task.sleep(for: timeout)
                timeOut(waiter)
            } catch {
                // Cancelled because the waiter was served.
            }
        }
    }

    private func perform(_ actions: [PoolStateMachine.Action]) {
        for action in actions {
            perform(action)
        }
        publishFigures()
    }

    private func perform(_ action: PoolStateMachine.Action) {
        switch action {
        case .lease(let id, let waiter), .leaseAfterValidation(let id, let waiter):
            guard let connection = connections[id] else { return }
            var pooled = PooledConnection(id: id, connection: connection)
            if case .leaseAfterValidation = action {
                pooled.needsValidation = true
            }
            resume(waiter, with: .success(pooled))
        case .openConnection:
            Task { await openPooledConnection() }
        case .closeConnection(let id):
            guard let connection = connections.removeValue(forKey: id) else { return }
            logger.debug("closing pooled connection", metadata: ["broken": "\(connection.isBroken)"])
            Task { await connection.close() }
        case .fail(let waiter, let failure):
            resume(waiter, with: .failure(error(for: failure)))
        case .reportLeak(let id, let heldFor):
            logger.warning(
                "a connection has been leased for longer than the leak detection threshold",
                metadata: [
                    "lease_site": "\(leaseSites[id] ?? "unknown")",
                    "held_ms": "\(QueryObserver.milliseconds(heldFor))",
                ])
        }
    }

    private func publishFigures() {
        metrics?.recordPool(state.figures)
    }

    private func openPooledConnection() async {
        do {
            let connection = try await openConnection()
            let id = makeID()
            connections[id] = connection
            perform(state.connectionOpened(id, now: .now, lifetimeFraction: lifetimeFraction()))
        } catch {
            logger.debug("opening a pooled connection failed", metadata: ["error": "\(error)"])
            lastConnectError = error
            perform(state.connectionFailedToOpen(now: .now))
        }
    }

    private func lifetimeFraction() -> Double {
        1 - Double.random(in: 0...poolConfiguration.lifetimeJitter)
    }

    private func resume(_ waiter: Int, with result: Result<PooledConnection, any Error>) {
        timeouts.removeValue(forKey: waiter)?.cancel()
        waiters.removeValue(forKey: waiter)?.resume(with: result)
    }

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
            lastConnectError ?? RepogenError(kind: .connectionFailed, message: "could not open a connection")
        }
    }

    private func makeID() -> Int {
        nextID += 1
        return nextID
    }
}
