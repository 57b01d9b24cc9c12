/// The pool's mutable state, changed only under `ConnectionPool.core`'s lock.
///
/// Each state-machine action is applied here, under the lock, and whatever must happen outside it (resuming a
/// caller, work for the pool's `run()`, logging) comes back as an `Effect` for `ConnectionPool.perform`.
struct PoolCore {
    var state: PoolStateMachine
    var connections: [Int: PostgresConnection] = [:]
    var waiters: [Int: Waiter] = [:]
    var leaseSites: [Int: String] = [:]
    /// The task running `ConnectionPool.run()`, when the pool started one itself.
    var runner: Task<Void, Never>?
    var lastConnectError: (any Error)?
    private var nextID = 0

    init(state: PoolStateMachine) {
        self.state = state
    }

    /// Someone in the queue: a task that wants the connection itself, or one statement to run on whichever
    /// connection comes free, on that connection's own thread (`ConnectionPool.execute`).
    enum Waiter {
        case lease(UnsafeContinuation<PooledConnection, any Error>)
        case statement(DispatchedStatement)
    }

    /// What the pool does outside the lock.
    enum Effect {
        /// Gives a waiter its connection or its error.
        case grant(Waiter, Result<PooledConnection, any Error>)
        case background(ConnectionPool.BackgroundJob)
        case reportLeak(site: String, heldFor: Duration)
    }

    /// A fresh identifier for a connection.
    mutating func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// Leases an idle connection to a caller that need not queue (`PoolStateMachine.leaseIdle`, or `leaseInline`
    /// for one statement of task `inlineCaller`, which counts the task even when nothing is idle), noting its site.
    mutating func leaseIdle(site: String, inlineCaller: Int?, now: PoolStateMachine.Instant) -> PooledConnection? {
        let leased =
            if let inlineCaller { state.leaseInline(for: inlineCaller, now: now) } else { state.leaseIdle(now: now) }
        guard let id = leased else {
            return nil
        }
        guard let connection = connections[id] else {  // never: both change together, under the pool's lock
            assertionFailure("the state machine leased connection \(id), which the pool does not hold")
            return nil
        }
        leaseSites[id] = site
        return PooledConnection(id: id, connection: connection)
    }

    /// Takes the statements queued behind `leader` that join its pipeline (`PoolStateMachine.takeRiders`).
    mutating func takeRiders(joining leader: PoolStateMachine.Want) -> [DispatchedStatement] {
        state.takeRiders(joining: leader).compactMap { id in
            guard case .statement(let job)? = waiters.removeValue(forKey: id) else { return nil }
            return job
        }
    }

    /// Applies `actions` to the bookkeeping and returns the effects left to run.
    mutating func apply(_ actions: [PoolStateMachine.Action], errors: (PoolStateMachine.Failure) -> any Error)
        -> [Effect]
    {
        actions.compactMap { apply($0, errors: errors) }
    }

    private mutating func apply(_ action: PoolStateMachine.Action, errors: (PoolStateMachine.Failure) -> any Error)
        -> Effect?
    {
        switch action {
        case .lease(let id, let waiter, let validate):
            guard let connection = connections[id] else { return nil }
            let pooled = PooledConnection(id: id, connection: connection, needsValidation: validate)
            let taken = waiters.removeValue(forKey: waiter)
            if case .statement(let job) = taken {
                leaseSites[id] = job.site
            }
            return taken.map { .grant($0, .success(pooled)) }
        case .openConnection:
            return .background(.open)
        case .closeConnection(let id):
            return connections.removeValue(forKey: id).map { .background(.close($0)) }
        case .fail(let waiter, let failure):
            var error = failure == .connectFailed ? lastConnectError ?? errors(failure) : errors(failure)
            if failure == .timedOut, var timeout = error as? RepogenError {
                timeout.message += " (pool: \(state.figures))"
                error = timeout
            }
            return waiters.removeValue(forKey: waiter).map { .grant($0, .failure(error)) }
        case .reportLeak(let id, let heldFor):
            return .reportLeak(site: leaseSites[id] ?? "unknown", heldFor: heldFor)
        case .wakeUp(let instant):
            return .background(.wakeUp(at: instant))
        }
    }
}
