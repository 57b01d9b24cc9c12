import Logging

/// The pool's mutable state, changed only under `ConnectionPool.core`'s lock.
///
/// Each state-machine action is applied here, under the lock, and whatever must happen outside it (resuming a
/// caller, opening or closing a connection, logging) comes back as an `Effect` for `ConnectionPool.run`.
struct PoolCore {
    var state: PoolStateMachine
    var connections: [Int: PostgresConnection] = [:]
    var waiters: [Int: Waiter] = [:]
    /// When each waiter's `acquireTimeout` runs out; one watcher task serves them all.
    var deadlines: [Int: ContinuousClock.Instant] = [:]
    var isWatchingDeadlines = false
    var leaseSites: [Int: String] = [:]
    var housekeeping: Task<Void, Never>?
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
        case open
        case close(PostgresConnection)
        case reportLeak(site: String, heldFor: Duration)
        case watchDeadlines
    }

    /// A fresh identifier for a connection or a waiter.
    mutating func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// Leases an idle connection to a caller that need not queue (`PoolStateMachine.leaseIdle`), noting its site.
    mutating func leaseIdle(site: String) -> PooledConnection? {
        guard let candidate = state.idle.last, let connection = connections[candidate],
            let id = state.leaseIdle(now: .now)
        else {
            return nil
        }
        assert(id == candidate, "leaseIdle leases the most recently returned idle connection")
        leaseSites[id] = site
        return PooledConnection(id: id, connection: connection)
    }

    /// Applies `actions` to the bookkeeping and returns the effects left to run, figures last.
    mutating func apply(_ actions: [PoolStateMachine.Action], errors: (PoolStateMachine.Failure) -> any Error)
        -> [Effect]
    {
        actions.compactMap { apply($0, errors: errors) }
    }

    private mutating func apply(_ action: PoolStateMachine.Action, errors: (PoolStateMachine.Failure) -> any Error)
        -> Effect?
    {
        switch action {
        case .lease(let id, let waiter), .leaseAfterValidation(let id, let waiter):
            guard let connection = connections[id] else { return nil }
            var pooled = PooledConnection(id: id, connection: connection)
            if case .leaseAfterValidation = action {
                pooled.needsValidation = true
            }
            let taken = takeWaiter(waiter)
            if case .statement(let job) = taken {
                leaseSites[id] = job.site
            }
            return taken.map { .grant($0, .success(pooled)) }
        case .openConnection:
            return .open
        case .closeConnection(let id):
            return connections.removeValue(forKey: id).map { .close($0) }
        case .fail(let waiter, let failure):
            var error = failure == .connectFailed ? lastConnectError ?? errors(failure) : errors(failure)
            if failure == .timedOut, var timeout = error as? RepogenError {
                timeout.message += " (pool: \(state.figures))"
                error = timeout
            }
            return takeWaiter(waiter).map { .grant($0, .failure(error)) }
        case .reportLeak(let id, let heldFor):
            return .reportLeak(site: leaseSites[id] ?? "unknown", heldFor: heldFor)
        }
    }

    private mutating func takeWaiter(_ waiter: Int) -> Waiter? {
        deadlines[waiter] = nil
        return waiters.removeValue(forKey: waiter)
    }

    /// Takes up to `limit` statements from the front of the queue, in order, to run on a connection already leased;
    /// stops at the first waiter that wants a connection of its own, or whose statement may not share a pipeline
    /// (`PostgresStatement.sharesPipeline`) or has binds over `byteLimit`.
    mutating func takeRiders(limit: Int, byteLimit: Int) -> [DispatchedStatement] {
        var riders: [DispatchedStatement] = []
        while riders.count < limit, let oldest = state.waiters.first, case .statement(let job)? = waiters[oldest],
            job.statement.sharesPipeline, job.binds.byteCount <= byteLimit
        {
            _ = state.serveOldestWithoutConnection()
            _ = takeWaiter(oldest)
            riders.append(job)
        }
        return riders
    }

    /// Notes a waiter's deadline; returns `.watchDeadlines` when no watcher runs yet.
    mutating func addDeadline(for waiter: Int, after timeout: Duration) -> Effect? {
        deadlines[waiter] = .now + timeout
        guard !isWatchingDeadlines else {
            return nil
        }
        isWatchingDeadlines = true
        return .watchDeadlines
    }

    /// The earliest deadline still pending, or nil (and the watcher marked stopped) when nobody waits.
    mutating func nextDeadline() -> ContinuousClock.Instant? {
        guard let next = deadlines.values.min() else {
            isWatchingDeadlines = false
            return nil
        }
        return next
    }

    /// Times out every waiter whose deadline has passed.
    mutating func expireDeadlines(now: ContinuousClock.Instant, errors: (PoolStateMachine.Failure) -> any Error)
        -> [Effect]
    {
        var effects: [Effect] = []
        for waiter in deadlines.filter({ $0.value <= now }).keys {
            effects += apply(state.timeOut(waiter), errors: errors)
            deadlines[waiter] = nil  // served or failed now either way; never looked at again
        }
        return effects
    }
}
