import BenchQuoteMaster
import Foundation

/// The cost of routing reads to a replica: `find(id:)` through a `Database` with the replica configured (every
/// read routed there, nothing written) against the same lookups on a `Database` opened on the replica itself.
/// Both sides reach the same server, so the paired ratio is the routing's own cost.
struct ReplicaPair: Sendable {
    /// The workload's name in the report (`replica_routed_t1`).
    let name: String
    /// The lookups on the replica opened directly (the ceiling).
    let direct: FindPair
    /// The lookups through the primary's `Database`, routed to the replica.
    let routed: FindPair

    /// The name of the pair with `tasks` tasks.
    static func name(tasks: Int) -> String {
        "replica_routed_t\(tasks)"
    }

    /// Opens both sides: `tasks` tasks on pools of `size` connections to the replica.
    static func open(primaryURL: String, replicaURL: String, tasks: Int, size: Int) async throws -> ReplicaPair {
        let pool = PoolConfiguration(minimum: size, maximum: size)
        let options = DatabaseOptions(slowQueryThreshold: nil)
        let direct = try await Database.connect(url: replicaURL, pool: pool, options: options)
        let routed = try await Database.connect(
            try DatabaseConfiguration(url: primaryURL),
            replicas: ReplicaConfiguration([try DatabaseConfiguration(url: replicaURL)], pool: pool),
            pool: .init(minimum: 1, maximum: 1), options: options)
        let name = Self.name(tasks: tasks)
        return ReplicaPair(
            name: name, direct: FindPair(name: name, tasks: tasks, clients: size, database: direct),
            routed: FindPair(name: name, tasks: tasks, clients: size, database: routed))
    }

    /// Closes both sides' pools.
    func close() async {
        await direct.database.close()
        await routed.database.close()
    }
}
