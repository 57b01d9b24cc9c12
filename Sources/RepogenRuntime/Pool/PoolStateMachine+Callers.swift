/// The tasks that ran single statements lately, which decide where a statement waits for its reply.
///
/// While no more tasks than `capacity` (one per core, the width of Swift's cooperative pool) ran statements within
/// `window`, each may lease an idle connection and wait for its reply on its own thread, as a libpq client thread
/// would: no hand-off between threads. Once one more does, statements queue for `window`, and the connections'
/// threads run them, the reads behind each other in one pipeline (`takeRiders`): more tasks than threads would
/// otherwise wait for a thread while connections sit idle.
///
/// That holds even for a caller that finds nothing leased: when the cooperative threads are the bottleneck (busy
/// with other work, or fewer than the cores), the other tasks are ready but not running, so every caller finds the
/// pool idle, and waiting inline would run their statements one at a time. A task per request counts as a new task
/// each time, so requests that follow each other quickly queue too, at the cost of a hand-off each.
///
/// Tasks that are ready but not running cannot be seen here; `ConnectionPool.execute` yields now and then so that
/// they run, and so are counted, and when a yield gives the thread back later than an inline wait may hold one,
/// the threads are taken and statements queue for `window` (`crowd`), however few tasks ran statements.
struct RecentCallers: Sendable {
    /// How long a task counts after its last statement, and how long statements queue after one task too many.
    static let window: Duration = .milliseconds(10)
    /// How many tasks may run statements within `window` before statements queue.
    let capacity: Int
    private var callers: [Caller] = []
    /// Statements queue until this instant (the pool's instants start at zero).
    private var crowdedUntil: Duration = .zero

    private struct Caller: Sendable {
        let id: Int
        var lastSeen: Duration
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Notes a statement from task `id` at `now`; true when few enough tasks run statements to wait inline.
    mutating func note(_ id: Int, now: Duration) -> Bool {
        if let index = callers.firstIndex(where: { $0.id == id }) {
            callers[index].lastSeen = now
        } else if let index = callers.firstIndex(where: { now - $0.lastSeen > Self.window }) {
            callers[index] = Caller(id: id, lastSeen: now)
        } else if callers.count < capacity {
            callers.append(Caller(id: id, lastSeen: now))
        } else {
            crowdedUntil = now + Self.window
        }
        return now >= crowdedUntil
    }

    /// Makes statements queue for `window` from `now`: the cooperative threads were seen to be taken.
    mutating func crowd(now: Duration) {
        crowdedUntil = max(crowdedUntil, now + Self.window)
    }
}

extension PoolStateMachine {
    /// Leases an idle connection to task `caller` for one statement it waits for inline, when `leaseIdle` would and
    /// few enough tasks run statements (`RecentCallers`); nil when the statement queues through `acquire`.
    mutating func leaseInline(for caller: Int, now: Instant) -> ConnectionID? {
        callers.note(caller, now: now) ? leaseIdle(now: now) : nil
    }

    /// A task got its cooperative thread back late: other tasks were waiting for one, so statements queue for a
    /// while rather than hold a thread inline (`RecentCallers.crowd`).
    mutating func cooperativeThreadsTaken(now: Instant) {
        callers.crowd(now: now)
    }
}
