/// A snapshot of the pool's connections and waiters, from `db.poolFigures()` and `db.health()`.
public struct PoolFigures: Sendable, Hashable, CustomStringConvertible {
    /// Connections open or being opened (leased + idle + opening).
    public let open: Int
    /// Connections lent to callers.
    public let leased: Int
    /// Connections ready to lend.
    public let idle: Int
    /// Callers waiting for a connection.
    public let waiting: Int
    /// The configured maximum.
    public let maximum: Int

    /// One line, e.g. `open 3 (leased 1, idle 2), waiting 0, maximum 10`.
    public var description: String {
        "open \(open) (leased \(leased), idle \(idle)), waiting \(waiting), maximum \(maximum)"
    }
}

extension PoolStateMachine {
    /// The figures of this state.
    var figures: PoolFigures {
        PoolFigures(open: total, leased: leased.count, idle: idle.count, waiting: waiters.count, maximum: maximum)
    }
}
