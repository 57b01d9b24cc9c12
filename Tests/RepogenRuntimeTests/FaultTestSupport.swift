import Foundation
@testable import RepogenRuntime
import RepogenTesting

/// What callers were told about each write under faults.
actor WriteLedger {
    private(set) var committed: Set<Int> = []
    private(set) var failed: Set<Int> = []
    private(set) var unknown: Set<Int> = []
    private(set) var otherErrors: [String] = []

    func record(_ id: Int, _ result: Result<Void, any Error>) {
        switch result {
        case .success:
            committed.insert(id)
        case .failure(let error as RepogenError) where error.kind == .commitOutcomeUnknown:
            unknown.insert(id)
        case .failure(let error):
            failed.insert(id)
            otherErrors.append("\(error)")
        }
    }
}

/// A thread-safe counter for unique ids and attempts.
final class IDSource: Sendable {
    private let value = Locked(0)

    func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }

    var current: Int {
        value.current
    }
}

/// Options for fault tests: quick backoff, a breaker that reopens fast, and a short connect timeout.
func faultOptions(attempts: Int = 6) -> DatabaseOptions {
    DatabaseOptions(
        retry: RetryPolicy(
            maximumAttempts: attempts, initialBackoff: .milliseconds(5), maximumBackoff: .milliseconds(100)),
        circuitBreaker: CircuitBreakerConfiguration(failureThreshold: 5, openDuration: .milliseconds(200)),
        slowQueryThreshold: nil)
}

/// Terminates every backend of `database` except the caller's, through an admin connection.
func terminateBackends(of database: String, adminURL: String) async throws -> Int {
    let admin = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: adminURL))
    defer { Task { await admin.close() } }
    let sql = "SELECT count(pg_terminate_backend(pid))::bigint FROM pg_stat_activity "
        + "WHERE datname = $1 AND pid <> pg_backend_pid()"
    return try await admin.scalar(Int.self, sql, binds { $0.append(database) }) ?? 0
}

/// Polls `condition` every 50 ms until it holds or `deadline` passes; returns whether it held.
func eventually(within deadline: Duration, _ condition: () async -> Bool) async -> Bool {
    let end = ContinuousClock.now + deadline
    while ContinuousClock.now < end {
        if await condition() {
            return true
        }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

/// The ids present in `items`.
func storedIDs(_ db: Database) async throws -> Set<Int> {
    let result = try await db.run(statement("SELECT id FROM items"), PostgresBindings())
    return Set(try result.decodeRows { try $0.decode(Int.self, at: 0) })
}

/// Inserts `id` in a transaction (with a read, so the unit of work has more than one statement).
func insertItem(_ db: Database, _ id: Int) async throws {
    try await db.transaction { tx in
        _ = try await tx.run(statement("INSERT INTO items (id) VALUES ($1)", [.int8]), binds { $0.append(id) })
        _ = try await tx.run(statement("SELECT count(*) FROM items"), PostgresBindings())
    }
}
