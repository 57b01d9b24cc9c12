import BenchQuoteMaster
import Foundation

/// One side of a pair: `tasks` tasks calling `quotes.find(id:)` on `database` for a fixed time.
struct FindPair: Sendable {
    /// The workload's name in the report (`single`, `pool4_t16`).
    let name: String
    /// Concurrent tasks sharing the lookups.
    let tasks: Int
    /// pgbench's clients (and threads) in the paired ceiling.
    let clients: Int
    /// The database whose pool the lookups use.
    let database: Database

    /// Runs the lookups for `seconds` and returns the operations per second over all tasks.
    func measure(ids: [UUID], seconds: Double) async throws -> Double {
        let database = self.database
        let tasks = self.tasks
        return try await Task.detached {
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            let operations = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<tasks {
                    group.addTask { try await lookUp(database, ids: ids, offset: task * 97, until: deadline) }
                }
                return try await group.reduce(0, +)
            }
            return Double(operations) / (ContinuousClock.now - start).seconds
        }.value
    }
}

/// Looks up quotes one after another until `deadline`; returns how many it looked up.
private func lookUp(_ database: Database, ids: [UUID], offset: Int, until deadline: ContinuousClock.Instant)
    async throws -> Int {
    let quotes = database.quotes
    var count = 0
    while ContinuousClock.now < deadline {
        guard try await quotes.find(id: ids[(offset + count) % ids.count]) != nil else {
            throw PairedError.missingRow
        }
        count += 1
    }
    return count
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
