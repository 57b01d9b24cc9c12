import CoreMetrics
import Metrics

/// The replicas of a `Database`: what each has replayed, how far behind it is, whether reads may go to it, the
/// choice of one for a read, and the monitor that keeps all of that current.
///
/// Invariant: a read is sent to a replica only when the replica's last known replayed position is at or past the
/// position the read must see (every write of its scope), so it never misses one.
final class ReplicaSet: Sendable {
    /// One replica: its own pool (and breaker), and the name its metrics carry.
    struct Replica: Sendable {
        let index: Int
        let name: String
        let database: Database
    }

    struct State: Sendable {
        var replayed: LogSequenceNumber?
        var lag: Duration = .zero
        var healthy = false
    }

    let replicas: [Replica]
    let configuration: ReplicaConfiguration
    let metrics: ReplicaMetrics
    /// The writes of the whole `Database`, for reads outside any `ReadYourWrites.scope`.
    let writes = ConsistencyToken()
    private let states: Locked<[State]>
    /// Recent primary positions with when they were read, oldest first: how lag in time is measured.
    private let history = Locked<[(at: ContinuousClock.Instant, position: LogSequenceNumber)]>([])
    private let nextReplica = Locked(0)
    private let monitor = Locked<Task<Void, Never>?>(nil)

    /// Opens a pool per replica without waiting for any connection: a replica that is down starts skipped.
    init(_ configuration: ReplicaConfiguration, options: DatabaseOptions) {
        var replicaOptions = options
        replicaOptions.retry = .never  // a failed read goes to the primary instead of trying the replica again
        replicas = configuration.replicas.enumerated().map { index, replica in
            let identity = replica.serverIdentity
            let name = "\(identity.address ?? "local"):\(identity.port ?? 5432)/\(identity.database ?? "")"
            let database = Database.openLazily(replica, pool: configuration.pool, options: replicaOptions)
            return Replica(index: index, name: name, database: database)
        }
        self.configuration = configuration
        metrics = ReplicaMetrics(
            replicaNames: replicas.map(\.name), factory: options.metricsFactory ?? MetricsSystem.factory)
        states = Locked(Array(repeating: State(), count: replicas.count))
    }

    /// A replica that has replayed `position` (any healthy one when nil), taking turns; nil with the reason.
    func choose(requiring position: LogSequenceNumber?) async -> (Replica?, ReadRoute) {
        let (replica, route) = pick(requiring: position)
        guard route == .notReplayed, case .waitThenPrimary(let patience) = configuration.readYourWrites,
            let position
        else {
            return (replica, route)
        }
        let deadline = ContinuousClock.now + patience
        while ContinuousClock.now < deadline {
            for candidate in replicas where states.current[candidate.index].healthy {
                if let replayed = try? await candidate.database.replayedPosition() {
                    states.withLock { $0[candidate.index].replayed = replayed }
                    if replayed >= position { return (candidate, .replayed) }
                }
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return (nil, .notReplayed)
    }

    private func pick(requiring position: LogSequenceNumber?) -> (Replica?, ReadRoute) {
        let states = states.current
        let healthy = replicas.filter { states[$0.index].healthy }
        guard !healthy.isEmpty else { return (nil, .noReplica) }
        let fresh = healthy.filter { replica in
            position.map { needed in states[replica.index].replayed.map { $0 >= needed } ?? false } ?? true
        }
        guard !fresh.isEmpty else { return (nil, .notReplayed) }
        let turn = nextReplica.withLock { turn in
            defer { turn &+= 1 }
            return turn
        }
        return (fresh[turn % fresh.count], .replayed)
    }

    /// Skips `replica` until the monitor finds it healthy again.
    func markFailed(_ replica: Replica) {
        states.withLock { $0[replica.index].healthy = false }
        metrics.recordState(replica: replica.index, lag: states.current[replica.index].lag.seconds, healthy: false)
    }

    /// Whether a replica's failure means the read should go to the primary: the replica is unreachable, refusing,
    /// shutting down, or cancelled the read for a conflict with recovery (40001 on a standby).
    static func isReplicaFault(_ error: RepogenError) -> Bool {
        if error.isConnectionLoss { return true }
        switch error.kind {
        case .connectionFailed, .poolTimeout, .poolClosed, .circuitOpen: return true
        default: break
        }
        let state = error.sqlState ?? ""
        return state == "40001" || state.hasPrefix("57") || state.hasPrefix("08")
    }

    // MARK: Monitor

    /// Starts reading the positions every `monitorInterval`, until `close`.
    func startMonitor(primary: Database) {
        let interval = configuration.monitorInterval
        let task = Task { [weak self, weak primary] in
            while !Task.isCancelled {
                guard let self, let primary else { return }
                await self.poll(primary: primary)
                try? await Task.sleep(for: interval)
            }
        }
        monitor.withLock { $0 = task }
    }

    /// Reads the primary's position, then every replica's, and updates lag, health and the gauges.
    func poll(primary: Database) async {
        let now = ContinuousClock.now
        if let position = try? await primary.walInsertPosition() {
            let keep = configuration.maximumLag * 2 + .seconds(1)
            history.withLock { history in
                history.append((now, position))
                history.removeFirst(max(0, history.firstIndex { now - $0.at < keep } ?? history.count - 1))
            }
        }
        await withTaskGroup(of: (Int, LogSequenceNumber?).self) { group in
            for replica in replicas {
                group.addTask { (replica.index, try? await replica.database.replayedPosition()) }
            }
            for await (index, replayed) in group {
                record(replica: index, replayed: replayed, now: now)
            }
        }
    }

    private func record(replica index: Int, replayed: LogSequenceNumber?, now: ContinuousClock.Instant) {
        let lag = replayed.map { replayed in
            history.withLock { history in history.first { $0.position > replayed }.map { now - $0.at } ?? .zero }
        }
        let state = states.withLock { states in
            states[index].replayed = replayed ?? states[index].replayed
            states[index].lag = lag ?? states[index].lag
            states[index].healthy = lag.map { $0 <= configuration.maximumLag } ?? false
            return states[index]
        }
        metrics.recordState(replica: index, lag: state.lag.seconds, healthy: state.healthy)
    }

    /// What the monitor last knew of each replica, in configuration order (for tests and health reports).
    var snapshot: [State] {
        states.current
    }

    /// Stops the monitor and closes every replica's pool.
    func close() async {
        monitor.withLock { $0 }?.cancel()
        for replica in replicas {
            await replica.database.close()
        }
    }
}
