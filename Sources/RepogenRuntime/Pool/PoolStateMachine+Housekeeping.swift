/// Periodic upkeep: expiry, idle timeout, leak reports and the minimum number of connections.
extension PoolStateMachine {
    /// Called regularly by the pool: closes expired idle connections and, above `minimum`, idle ones past
    /// `idleTimeout`; reports leases held past `leakThreshold`; opens connections up to `minimum`.
    mutating func tick(now: Instant) -> [Action] {
        guard !isClosed else {
            return []
        }
        var actions: [Action] = []
        var retired: Set<ConnectionID> = []
        for connection in idle where shouldRetire(connection, now: now, alreadyRetired: retired.count) {
            retired.insert(connection)
            info[connection] = nil
            actions.append(.closeConnection(connection))
        }
        idle.removeAll { retired.contains($0) }
        actions += leakReports(now: now)
        while total < limits.minimum {
            opening += 1
            actions.append(.openConnection)
        }
        return actions + serve(now: now)
    }

    /// Whether an idle connection should close now, given how many others this tick already retires.
    private func shouldRetire(_ connection: ConnectionID, now: Instant, alreadyRetired: Int) -> Bool {
        if isExpired(connection, now: now) {
            return true
        }
        guard let timeout = limits.idleTimeout, let since = info[connection]?.since else {
            return false
        }
        guard offset(of: now) - since >= timeout else {
            return false
        }
        return total - alreadyRetired > limits.minimum
    }

    private mutating func leakReports(now: Instant) -> [Action] {
        guard let threshold = limits.leakThreshold else {
            return []
        }
        let at = offset(of: now)
        var actions: [Action] = []
        for connection in leased.sorted() {
            guard let entry = info[connection], !entry.leakReported, at - entry.since >= threshold else {
                continue
            }
            info[connection]?.leakReported = true
            actions.append(.reportLeak(connection, heldFor: at - entry.since))
        }
        return actions
    }
}
