import Logging

/// A connection leased from the pool, with the pool's identifier for it.
struct PooledConnection: Sendable {
    let id: Int
    let connection: PostgresConnection
}

/// The pool's I/O: carries out the actions `PoolStateMachine` decides on.
actor ConnectionPool {
    private var state: PoolStateMachine
    private var connections: [Int: PostgresConnection] = [:]
    private var waiters: [Int: CheckedContinuation<PooledConnection, any Error>] = [:]
    private var timeouts: [Int: Task<Void, Never>] = [:]
    private var nextID = 0
    private var lastConnectError: (any Error)?
    private let configuration: DatabaseConfiguration
    private let poolConfiguration: PoolConfiguration
    private let counter: StatementCounter
    private let logger = Logger(label: "repogen.pool")

    init(configuration: DatabaseConfiguration, pool: PoolConfiguration, counter: StatementCounter) {
        self.configuration = configuration
        self.poolConfiguration = pool
        self.counter = counter
        self.state = PoolStateMachine(maximum: pool.maximum)
    }

    /// How many callers are waiting for a connection.
    var waitingCount: Int {
        state.waiters.count
    }

    /// Adds an already open connection as idle.
    func adopt(_ connection: PostgresConnection) {
        let id = makeID()
        connections[id] = connection
        perform(state.adopt(id))
    }

    /// Waits for a connection, first come first served; throws `poolTimeout`, `poolClosed` or a connect error.
    func lease() async throws -> PooledConnection {
        let waiter = makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters[waiter] = continuation
                perform(state.acquire(waiter))
                if waiters[waiter] != nil {
                    scheduleTimeout(for: waiter)
                }
            }
        } onCancel: {
            Task { await self.cancel(waiter) }
        }
    }

    /// Returns a connection; a broken one or one left inside a transaction is closed, not reused.
    func release(_ pooled: PooledConnection) {
        perform(state.release(pooled.id, reusable: pooled.connection.isReusable))
    }

    /// Closes idle connections and fails waiters with `poolClosed`; leased connections close on release.
    func close() async {
        let actions = state.close()
        var closing: [PostgresConnection] = []
        for action in actions {
            if case .closeConnection(let id) = action, let connection = connections.removeValue(forKey: id) {
                closing.append(connection)
            } else {
                perform([action])
            }
        }
        for connection in closing {
            await connection.close()
        }
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
            switch action {
            case .lease(let id, let waiter):
                guard let connection = connections[id] else { continue }
                resume(waiter, with: .success(PooledConnection(id: id, connection: connection)))
            case .openConnection:
                Task { await openConnection() }
            case .closeConnection(let id):
                guard let connection = connections.removeValue(forKey: id) else { continue }
                logger.debug("closing pooled connection", metadata: ["broken": "\(connection.isBroken)"])
                Task { await connection.close() }
            case .fail(let waiter, let failure):
                resume(waiter, with: .failure(error(for: failure)))
            }
        }
    }

    private func openConnection() async {
        do {
            let connection = try await PostgresConnection.connect(configuration, counter: counter)
            let id = makeID()
            connections[id] = connection
            perform(state.connectionOpened(id))
        } catch {
            logger.debug("opening a pooled connection failed")
            lastConnectError = error
            perform(state.connectionFailedToOpen())
        }
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
