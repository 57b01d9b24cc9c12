/// The pool's decisions without any I/O: each event updates the state and returns what the pool must do.
///
/// Waiters are served first come, first served; the most recently returned idle connection is reused first.
/// The machine never reads a clock: every event that depends on time carries `now`, an instant of the pool's
/// `PoolClock`, so tests drive it with instants of their own.
struct PoolStateMachine: Sendable {
    typealias ConnectionID = Int
    typealias WaiterID = Int
    /// An instant of the pool's clock: the time since its origin (`PoolClock.now`).
    typealias Instant = Duration

    /// Why a waiter gets an error instead of a connection.
    enum Failure: Sendable, Hashable {
        case timedOut
        case cancelled
        case poolClosed
        case connectFailed
    }

    /// What a waiter queues for.
    enum Want: Sendable, Hashable {
        /// A connection of its own (a transaction, `withConnection`); nothing queued behind it runs before it.
        case connection
        /// One statement for whichever connection comes free; `bindBytes` is the size of its binds.
        case statement(sharesPipeline: Bool, bindBytes: Int)
    }

    /// A caller in the queue.
    struct Waiter: Sendable, Hashable {
        let id: WaiterID
        let want: Want
        /// When the acquire timeout fails it; nil: it waits until served, cancelled or the pool closes.
        let deadline: Instant?
    }

    /// Something the pool must do.
    enum Action: Sendable, Hashable {
        /// Lease a connection; `validate` when it sat idle past `validationInterval` and must be checked first.
        case lease(ConnectionID, to: WaiterID, validate: Bool = false)
        case openConnection
        case closeConnection(ConnectionID)
        case fail(WaiterID, Failure)
        /// A connection has been leased for longer than `leakThreshold` (reported once per lease).
        case reportLeak(ConnectionID, heldFor: Duration)
        /// Send `wakeUp(now:)` at this instant; asked for only when earlier than every wake-up already pending.
        case wakeUp(at: Instant)
    }

    /// The pool's limits; nil switches a limit off.
    struct Limits: Sendable, Hashable {
        var minimum = 0
        var maxLifetime: Duration?
        var idleTimeout: Duration?
        var validationInterval: Duration?
        var leakThreshold: Duration?
        var acquireTimeout: Duration?
        var housekeepingInterval: Duration?
        /// How many queued statements one connection runs as one pipeline (the first and its riders).
        var pipelineDepth = 1
        /// A statement with binds over this many bytes runs alone: the ones behind it would wait for it to be sent.
        var riderByteLimit = 8 * 1024
        /// How many tasks may run single statements at once and each wait for its reply inline (`RecentCallers`).
        var inlineCallers = 1
    }

    /// A connection's own instants.
    struct ConnectionInfo: Sendable, Hashable {
        var expiresAt: Instant?
        /// When it was last leased or returned.
        var since: Instant
        var leakReported = false

        /// Whether the connection has outlived its `maxLifetime` at `now`.
        func isExpired(at now: Instant) -> Bool {
            expiresAt.map { now >= $0 } ?? false
        }

        /// Whether `interval` (nil: never) has passed at `now` since the connection was last leased or returned.
        func isUntouched(for interval: Duration?, at now: Instant) -> Bool {
            interval.map { now - since >= $0 } ?? false
        }
    }

    let maximum: Int
    let limits: Limits
    var idle: [ConnectionID] = []
    private(set) var leased: Set<ConnectionID> = []
    var info: [ConnectionID: ConnectionInfo] = [:]
    var opening = 0
    var waiters: [Waiter] = []
    private(set) var isClosed = false
    /// The earliest `wakeUp(at:)` asked for and not yet received.
    var pendingWakeUp: Instant?
    /// When housekeeping runs next; nil until `startHousekeeping`.
    var nextTick: Instant?
    /// The tasks that ran single statements lately (`leaseInline`).
    var callers: RecentCallers

    init(maximum: Int, limits: Limits = Limits()) {
        self.maximum = maximum
        self.limits = limits
        callers = RecentCallers(capacity: limits.inlineCallers)
    }

    /// Connections open, leased or being opened.
    var total: Int {
        idle.count + leased.count + opening
    }

    /// A caller wants a connection or, with `.statement`, a place for one statement; it waits at most
    /// `acquireTimeout` from `now`.
    mutating func acquire(_ waiter: WaiterID, wants: Want = .connection, now: Instant) -> [Action] {
        guard !isClosed else {
            return [.fail(waiter, .poolClosed)]
        }
        let deadline = limits.acquireTimeout.map { now + $0 }
        waiters.append(Waiter(id: waiter, want: wants, deadline: deadline))
        var actions = serve(now: now)
        if let deadline, waiters.last?.id == waiter, let wakeUp = requestWakeUp(at: deadline) {
            actions.append(wakeUp)  // still waiting: its deadline must be seen even between housekeeping ticks
        }
        return actions
    }

    /// A connection opened outside the pool (e.g. at start) joins it as idle.
    ///
    /// `lifetimeFraction` (e.g. a random value in 0.9...1) shortens `maxLifetime` so connections expire apart.
    mutating func adopt(_ connection: ConnectionID, now: Instant, lifetimeFraction: Double = 1) -> [Action] {
        guard !isClosed else {
            return [.closeConnection(connection)]
        }
        let lifetime = limits.maxLifetime.map { $0 * min(1, max(0, lifetimeFraction)) }
        info[connection] = ConnectionInfo(expiresAt: lifetime.map { now + $0 }, since: now)
        idle.append(connection)
        return serve(now: now)
    }

    /// A connection requested with `.openConnection` is ready.
    mutating func connectionOpened(_ connection: ConnectionID, now: Instant, lifetimeFraction: Double = 1)
        -> [Action]
    {
        opening -= 1
        return adopt(connection, now: now, lifetimeFraction: lifetimeFraction)
    }

    /// A connection requested with `.openConnection` could not be opened; the oldest waiter gets the error.
    mutating func connectionFailedToOpen(now: Instant) -> [Action] {
        opening -= 1
        guard !waiters.isEmpty else {
            return []
        }
        let waiter = waiters.removeFirst()
        return [.fail(waiter.id, .connectFailed)] + serve(now: now)
    }

    /// A leased connection comes back; one that is broken, mid-transaction, failed validation or expired is closed.
    mutating func release(_ connection: ConnectionID, reusable: Bool, now: Instant) -> [Action] {
        guard leased.remove(connection) != nil else {
            return []
        }
        guard reusable, !isClosed, var entry = info[connection], !entry.isExpired(at: now) else {
            info[connection] = nil
            return [.closeConnection(connection)] + serve(now: now)
        }
        entry.since = now
        entry.leakReported = false
        info[connection] = entry
        idle.append(connection)
        return waiters.isEmpty ? [] : serve(now: now)  // nobody to serve: nothing to decide, nothing allocated
    }

    /// Leases the most recently returned idle connection at once when nobody waits, without building actions.
    ///
    /// Nil when the caller must queue through `acquire` (closed, someone waits, nothing idle, or the candidate
    /// expired or is due for validation); otherwise the outcome is the one `acquire` would reach.
    mutating func leaseIdle(now: Instant) -> ConnectionID? {
        guard !isClosed, waiters.isEmpty, let connection = idle.last, var entry = info[connection],
            !entry.isExpired(at: now), !entry.isUntouched(for: limits.validationInterval, at: now)
        else {
            return nil
        }
        idle.removeLast()
        leased.insert(connection)
        entry.since = now
        info[connection] = entry
        return connection
    }

    /// A waiter's task was cancelled; nothing happens if it was already served.
    mutating func cancel(_ waiter: WaiterID) -> [Action] {
        guard let index = waiters.firstIndex(where: { $0.id == waiter }) else {
            return []
        }
        waiters.remove(at: index)
        return [.fail(waiter, .cancelled)]
    }

    /// Fails every waiter and closes every idle connection; leased ones are closed when released.
    mutating func close() -> [Action] {
        isClosed = true
        let actions = waiters.map { Action.fail($0.id, .poolClosed) } + idle.map { Action.closeConnection($0) }
        idle.forEach { info[$0] = nil }
        waiters.removeAll()
        idle.removeAll()
        return actions
    }

    /// Hands idle connections to the oldest waiters, then opens connections for the waiters still unserved.
    mutating func serve(now: Instant) -> [Action] {
        var actions: [Action] = []
        while !waiters.isEmpty, let connection = idle.popLast() {
            guard let entry = info[connection], !entry.isExpired(at: now) else {
                info[connection] = nil
                actions.append(.closeConnection(connection))
                continue
            }
            leased.insert(connection)
            let waiter = waiters.removeFirst().id
            let validate = entry.isUntouched(for: limits.validationInterval, at: now)
            actions.append(.lease(connection, to: waiter, validate: validate))
            info[connection]?.since = now
        }
        while waiters.count > opening, total < maximum {
            opening += 1
            actions.append(.openConnection)
        }
        return actions
    }

    /// Asks for a wake-up at `instant` unless one at or before it is already pending.
    mutating func requestWakeUp(at instant: Instant) -> Action? {
        if let pending = pendingWakeUp, pending <= instant {
            return nil
        }
        pendingWakeUp = instant
        return .wakeUp(at: instant)
    }
}
