/// The pool's decisions without any I/O: each event updates the state and returns what the pool must do.
///
/// Waiters are served first come, first served; the most recently returned idle connection is reused first.
/// Every event that depends on time carries `now`, so tests drive the machine with instants of their own.
struct PoolStateMachine: Sendable {
    typealias ConnectionID = Int
    typealias WaiterID = Int
    typealias Instant = ContinuousClock.Instant

    /// Why a waiter gets an error instead of a connection.
    enum Failure: Sendable, Hashable {
        case timedOut
        case cancelled
        case poolClosed
        case connectFailed
    }

    /// Something the pool must do.
    enum Action: Sendable, Hashable {
        case lease(ConnectionID, to: WaiterID)
        /// Lease a connection that sat idle past `validationInterval`: check it before handing it out.
        case leaseAfterValidation(ConnectionID, to: WaiterID)
        case openConnection
        case closeConnection(ConnectionID)
        case fail(WaiterID, Failure)
        /// A connection has been leased for longer than `leakThreshold` (reported once per lease).
        case reportLeak(ConnectionID, heldFor: Duration)
    }

    /// The time-related limits; nil switches a limit off.
    struct Limits: Sendable, Hashable {
        var minimum = 0
        var maxLifetime: Duration?
        var idleTimeout: Duration?
        var validationInterval: Duration?
        var leakThreshold: Duration?
    }

    /// A connection's deadlines, as offsets from the machine's `origin` (see `offset(of:)`).
    struct ConnectionInfo: Sendable, Hashable {
        var expiresAt: Duration?
        var since: Duration
        var leakReported = false

        /// Whether the connection has outlived its `maxLifetime` at `now` (an offset from `origin`).
        func isExpired(at now: Duration) -> Bool {
            expiresAt.map { now >= $0 } ?? false
        }

        /// Whether the connection has been idle for `interval` (nil: never validate) at `now`.
        func isDue(forValidationEvery interval: Duration?, at now: Duration) -> Bool {
            interval.map { now - since >= $0 } ?? false
        }
    }

    let maximum: Int
    let limits: Limits
    var idle: [ConnectionID] = []
    private(set) var leased: Set<ConnectionID> = []
    var info: [ConnectionID: ConnectionInfo] = [:]
    var opening = 0
    private(set) var waiters: [WaiterID] = []
    private(set) var isClosed = false
    /// The instant `ConnectionInfo`'s offsets count from.
    private let origin = ContinuousClock.now

    init(maximum: Int, limits: Limits = Limits()) {
        self.maximum = maximum
        self.limits = limits
    }

    /// `now` as an offset from `origin`. `ContinuousClock.Instant` is resilient, so storing it in `info` made every
    /// read and write of an entry go through value witnesses; a `Duration` is two integers.
    func offset(of now: Instant) -> Duration {
        origin.duration(to: now)
    }

    /// Connections open, leased or being opened.
    var total: Int {
        idle.count + leased.count + opening
    }

    /// A caller wants a connection.
    mutating func acquire(_ waiter: WaiterID, now: Instant = .now) -> [Action] {
        guard !isClosed else {
            return [.fail(waiter, .poolClosed)]
        }
        waiters.append(waiter)
        return serve(now: now)
    }

    /// A connection opened outside the pool (e.g. at start) joins it as idle.
    ///
    /// `lifetimeFraction` (e.g. a random value in 0.9...1) shortens `maxLifetime` so connections expire apart.
    mutating func adopt(_ connection: ConnectionID, now: Instant = .now, lifetimeFraction: Double = 1) -> [Action] {
        guard !isClosed else {
            return [.closeConnection(connection)]
        }
        let lifetime = limits.maxLifetime.map { $0 * min(1, max(0, lifetimeFraction)) }
        let at = offset(of: now)
        info[connection] = ConnectionInfo(expiresAt: lifetime.map { at + $0 }, since: at)
        idle.append(connection)
        return serve(now: now)
    }

    /// A connection requested with `.openConnection` is ready.
    mutating func connectionOpened(
        _ connection: ConnectionID, now: Instant = .now, lifetimeFraction: Double = 1
    ) -> [Action] {
        opening -= 1
        return adopt(connection, now: now, lifetimeFraction: lifetimeFraction)
    }

    /// A connection requested with `.openConnection` could not be opened; the oldest waiter gets the error.
    mutating func connectionFailedToOpen(now: Instant = .now) -> [Action] {
        opening -= 1
        guard !waiters.isEmpty else {
            return []
        }
        let waiter = waiters.removeFirst()
        return [.fail(waiter, .connectFailed)] + serve(now: now)
    }

    /// A leased connection comes back; one that is broken, mid-transaction or expired is closed instead.
    mutating func release(_ connection: ConnectionID, reusable: Bool, now: Instant = .now) -> [Action] {
        guard leased.remove(connection) != nil else {
            return []
        }
        let at = offset(of: now)
        guard reusable, !isClosed, var entry = info[connection], !entry.isExpired(at: at) else {
            info[connection] = nil
            return [.closeConnection(connection)] + serve(now: now)
        }
        entry.since = at
        entry.leakReported = false
        info[connection] = entry
        idle.append(connection)
        return waiters.isEmpty ? [] : serve(now: now)  // nobody to serve: nothing to decide, nothing allocated
    }

    /// Leases the most recently returned idle connection at once when nobody waits, without building actions.
    ///
    /// Returns nil when the caller must queue through `acquire` instead: the pool is closed, someone already waits,
    /// nothing is idle, or the candidate has expired (`acquire` closes it) or is due for validation (`acquire`
    /// leases it with `leaseAfterValidation`). Otherwise the outcome is the one `acquire` would reach.
    mutating func leaseIdle(now: Instant) -> ConnectionID? {
        let at = offset(of: now)
        guard !isClosed, waiters.isEmpty, let connection = idle.last, var entry = info[connection],
            !entry.isExpired(at: at), !entry.isDue(forValidationEvery: limits.validationInterval, at: at)
        else {
            return nil
        }
        idle.removeLast()
        leased.insert(connection)
        entry.since = at
        info[connection] = entry
        return connection
    }

    /// A waiter's acquire timeout elapsed; nothing happens if it was already served.
    mutating func timeOut(_ waiter: WaiterID) -> [Action] {
        removeWaiter(waiter, because: .timedOut)
    }

    /// A waiter's task was cancelled; nothing happens if it was already served.
    mutating func cancel(_ waiter: WaiterID) -> [Action] {
        removeWaiter(waiter, because: .cancelled)
    }

    /// Fails every waiter and closes every idle connection; leased ones are closed when released.
    mutating func close() -> [Action] {
        isClosed = true
        let actions = waiters.map { Action.fail($0, .poolClosed) } + idle.map { Action.closeConnection($0) }
        idle.forEach { info[$0] = nil }
        waiters.removeAll()
        idle.removeAll()
        return actions
    }

    /// The oldest waiter leaves the queue served without a connection of its own: its statement rides on a
    /// connection already leased (`ConnectionPool.execute` pipelines queued statements). Nil when nobody waits.
    mutating func serveOldestWithoutConnection() -> WaiterID? {
        waiters.isEmpty ? nil : waiters.removeFirst()
    }

    private mutating func removeWaiter(_ waiter: WaiterID, because failure: Failure) -> [Action] {
        guard let index = waiters.firstIndex(of: waiter) else {
            return []
        }
        waiters.remove(at: index)
        return [.fail(waiter, failure)]
    }

    /// Whether `connection` has outlived its `maxLifetime` at `now`.
    func isExpired(_ connection: ConnectionID, now: Instant) -> Bool {
        info[connection]?.isExpired(at: offset(of: now)) ?? false
    }

    /// Hands idle connections to the oldest waiters, then opens connections for the waiters still unserved.
    mutating func serve(now: Instant) -> [Action] {
        let at = offset(of: now)
        var actions: [Action] = []
        while !waiters.isEmpty, let connection = idle.popLast() {
            if isExpired(connection, now: now) {
                info[connection] = nil
                actions.append(.closeConnection(connection))
                continue
            }
            leased.insert(connection)
            let waiter = waiters.removeFirst()
            actions.append(needsValidation(connection, now: now) ? .leaseAfterValidation(connection, to: waiter)
                : .lease(connection, to: waiter))
            info[connection]?.since = at
        }
        while waiters.count > opening, total < maximum {
            opening += 1
            actions.append(.openConnection)
        }
        return actions
    }

    private func needsValidation(_ connection: ConnectionID, now: Instant) -> Bool {
        info[connection]?.isDue(forValidationEvery: limits.validationInterval, at: offset(of: now)) ?? false
    }
}
