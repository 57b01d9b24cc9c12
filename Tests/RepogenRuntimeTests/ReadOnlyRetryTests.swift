import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Polls the server until a backend of `database` runs a statement whose text starts with `prefix` and, when
/// `waitingOnLock`, waits for a lock; returns its pid.
private func activeBackend(
    of database: String, running prefix: String, waitingOnLock: Bool, excluding: Int = 0,
    admin: PostgresConnection
) async throws -> Int {
    let sql = "SELECT pid::bigint FROM pg_stat_activity WHERE datname = $1 AND state = 'active' "
        + "AND starts_with(query, $2) AND ($3::boolean IS FALSE OR wait_event_type = 'Lock') "
        + "AND pid <> $4::int LIMIT 1"
    while true {
        let found = try await admin.scalar(Int.self, sql, binds { bindings in
            bindings.append(database)
            bindings.append(prefix)
            bindings.append(waitingOnLock)
            bindings.append(Int32(excluding))
        })
        if let found {
            return found
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Terminates the backend `pid`.
private func terminate(_ pid: Int, admin: PostgresConnection) async throws {
    _ = try await admin.scalar(Bool.self, "SELECT pg_terminate_backend($1::int)", binds { $0.append(Int32(pid)) })
}

@Suite("Retries after a lost connection: only for statements declared read-only, against PostgreSQL")
struct ReadOnlyRetryTests {
    @Test("a raw SELECT f() whose f writes is not run again after its backend is terminated mid-statement")
    func rawSelectWithSideEffectIsNotRetried() async throws {
        let testDB = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDB.connect(pool: .init(minimum: 1, maximum: 1), options: faultOptions())
        let admin = try await PostgresConnection.connect(
            DatabaseConfiguration(conninfo: await TestPostgres.shared.connectionURL(database: "postgres")))
        try await db.closing { db in
            try await db.runScript(
                "CREATE TABLE notes (id serial PRIMARY KEY); CREATE FUNCTION slow_note() RETURNS bigint "
                    + "LANGUAGE plpgsql AS $$ BEGIN INSERT INTO notes DEFAULT VALUES; PERFORM pg_sleep(30); "
                    + "RETURN 1; END $$")
            let call = Task { try await db.query("SELECT slow_note()") }
            let pid = try await activeBackend(
                of: testDB.name, running: "SELECT slow_note()", waitingOnLock: false, admin: admin)
            try await terminate(pid, admin: admin)
            let lost = await #expect(throws: RepogenError.self) { try await call.value }
            #expect(lost?.kind == .commitOutcomeUnknown)
            let notes = try await db.query("SELECT count(*)::bigint FROM notes", readOnly: true)
            #expect(try notes.decodeFirst { try $0.decode(Int.self, at: 0) } == 0)  // rolled back, never rerun
        }
        await admin.close()
    }

    @Test("a statement declared read-only, as generated reads are, runs again after its backend is terminated")
    func declaredReadIsRetried() async throws {
        let testDB = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDB.connect(pool: .init(minimum: 1, maximum: 2), options: faultOptions())
        let admin = try await PostgresConnection.connect(
            DatabaseConfiguration(conninfo: await TestPostgres.shared.connectionURL(database: "postgres")))
        let locker = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDB.url))
        try await db.closing { db in
            try await db.runScript("CREATE TABLE items (id bigint PRIMARY KEY); INSERT INTO items VALUES (1), (2)")
            try await locker.runScript("BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
            let countItems = "SELECT count(*)::bigint FROM items"
            let call = Task { try await db.run(read(countItems), PostgresBindings()) }
            let first = try await activeBackend(of: testDB.name, running: countItems, waitingOnLock: true, admin: admin)
            try await terminate(first, admin: admin)
            // Run again, on another connection, before the lock is released: the call cannot have finished.
            _ = try await activeBackend(
                of: testDB.name, running: countItems, waitingOnLock: true, excluding: first, admin: admin)
            try await locker.runScript("COMMIT")
            #expect(try await call.value.decodeFirst { try $0.decode(Int.self, at: 0) } == 2)
        }
        await locker.close()
        await admin.close()
    }
}
