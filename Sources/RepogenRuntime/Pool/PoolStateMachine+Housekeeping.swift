/// Time-driven upkeep: acquire deadlines, expiry, idle timeout, leak reports and the minimum number of connections.
///
/// For each `.wakeUp(at:)` action the pool's `run()` sleeps until that instant and then sends `wakeUp(now:)`. The
/// machine asks for a wake-up only when it is earlier than the one pending, so one is always pending at or before
/// the earlier of the next housekeeping tick and the oldest waiter's deadline. A wake-up does only what is due, so
/// one that arrives after it was superseded is harmless.
extension PoolStateMachine {
    /// Schedules the first housekeeping tick, one `housekeepingInterval` after `now`.
    mutating func startHousekeeping(now: Instant) -> [Action] {
        guard !isClosed, nextTick == nil, let interval = limits.housekeepingInterval else {
            return []
        }
        nextTick = now + interval
        return requestWakeUp(at: now + interval).map { [$0] } ?? []
    }

    /// A wake-up asked for with `.wakeUp(at:)`: fails waiters past their deadline, runs housekeeping when due, and
    /// asks for the next wake-up.
    mutating func wakeUp(now: Instant) -> [Action] {
        if let pending = pendingWakeUp, pending <= now {
            pendingWakeUp = nil
        }
        guard !isClosed else {
            return []  // no waiters, no upkeep: nothing to wake up for
        }
        var actions = expireDeadlines(now: now)
        if let tickAt = nextTick, now >= tickAt, let interval = limits.housekeepingInterval {
            nextTick = now + interval
            actions += tick(now: now)
        }
        let earliestDeadline = waiters.lazy.compactMap(\.deadline).min()
        if let next = [nextTick, earliestDeadline].compactMap({ $0 }).min(), let wakeUp = requestWakeUp(at: next) {
            actions.append(wakeUp)
        }
        return actions
    }

    /// Fails, with `.timedOut`, every waiter whose deadline is at or before `now`, oldest first.
    mutating func expireDeadlines(now: Instant) -> [Action] {
        var expired: [Action] = []
        waiters.removeAll { waiter in
            guard let deadline = waiter.deadline, deadline <= now else {
                return false
            }
            expired.append(.fail(waiter.id, .timedOut))
            return true
        }
        return expired
    }

    /// Housekeeping: closes expired idle connections and, above `minimum`, idle ones past `idleTimeout`; reports
    /// leases held past `leakThreshold`; opens connections up to `minimum`.
    mutating func tick(now: Instant) -> [Action] {
        guard !isClosed else {
            return []
        }
        var actions: [Action] = []
        var kept: [ConnectionID] = []
        var retired = 0
        for connection in idle {
            if shouldRetire(connection, now: now, open: total - retired) {
                retired += 1
                info[connection] = nil
                actions.append(.closeConnection(connection))
            } else {
                kept.append(connection)
            }
        }
        idle = kept
        actions += leakReports(now: now)
        while total < limits.minimum {
            opening += 1
            actions.append(.openConnection)
        }
        return actions + serve(now: now)
    }

    /// Whether an idle connection should close now, with `open` connections left before it does.
    private func shouldRetire(_ connection: ConnectionID, now: Instant, open: Int) -> Bool {
        guard let entry = info[connection], !entry.isExpired(at: now) else {
            return true
        }
        return open > limits.minimum && entry.isUntouched(for: limits.idleTimeout, at: now)
    }

    private mutating func leakReports(now: Instant) -> [Action] {
        guard let threshold = limits.leakThreshold else {
            return []
        }
        var actions: [Action] = []
        for connection in leased.sorted() {
            guard let entry = info[connection], !entry.leakReported, now - entry.since >= threshold else {
                continue
            }
            info[connection]?.leakReported = true
            actions.append(.reportLeak(connection, heldFor: now - entry.since))
        }
        return actions
    }
}
