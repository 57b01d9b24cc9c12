import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Runs `sql` with one integer bind through the pool, as a task (so that it can queue); the tests' SELECTs are
/// declared read-only (as generated reads are), everything else is not.
private func queued(_ db: Database, _ sql: String, _ value: Int) -> Task<Int?, any Error> {
    Task {
        let declared = statement(sql, readOnly: sql.hasPrefix("SELECT"))
        let result = try await db.run(declared, binds { $0.append(value) })
        return try result.decodeFirst { try $0.decodeIfPresent(Int.self, at: 0) } ?? nil
    }
}

/// Holds the pool's only connection while `statements` (SQL and its one integer bind) are queued as tasks, waits
/// until all of them queue, then lets the connection go; returns the tasks and the connection they will run on.
private func queuedBehindHeldConnection(_ db: Database, _ statements: [(String, Int)]) async throws
    -> (tasks: [Task<Int?, any Error>], connection: PostgresConnection)
{
    let held = try await db.pool.lease()
    let tasks = statements.map { queued(db, $0.0, $0.1) }
    try await db.waitForWaiters(count: statements.count)
    db.pool.release(held)
    return (tasks, held.connection)
}

@Suite("Connection pool: statements queued while every connection is busy, pipelined, against PostgreSQL")
struct PoolDispatchTests {
    @Test("queued writes run one by one, never pipelined: a failing one rolls back no other")
    func queuedWritesRunAlone() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1, pipelineDepth: 4)) { db throws in
            try await db.runScript("CREATE TABLE items (id bigint PRIMARY KEY); INSERT INTO items VALUES (100)")
            let insert = "INSERT INTO items VALUES ($1) RETURNING id"
            let (tasks, connection) = try await queuedBehindHeldConnection(
                db, [(insert, 1), (insert, 100), (insert, 2), (insert, 3)])
            #expect(try await tasks[0].value == 1)
            let duplicate = await #expect(throws: RepogenError.self) { try await tasks[1].value }
            #expect(duplicate?.sqlState == "23505")
            #expect(try await tasks[2].value == 2)
            #expect(try await tasks[3].value == 3)
            #expect(connection.pipelinedStatements.current == 0)
            let stored = try await db.run(statement("SELECT count(*)::bigint FROM items"), PostgresBindings())
            #expect(try stored.decodeFirst { try $0.decode(Int.self, at: 0) } == 4)
        }
    }

    @Test("only statements declared read-only share a pipeline, whatever their text")
    func whatSharesAPipeline() {
        func sharesPipeline(_ statement: PostgresStatement) -> Bool {
            guard case .statement(let shares, _) = PoolStateMachine.Want(statement, PostgresBindings()) else {
                return false
            }
            return shares
        }
        #expect(sharesPipeline(read("SELECT id FROM items WHERE id = $1")))
        #expect(!sharesPipeline(statement("SELECT id FROM items WHERE id = $1")))
        #expect(!statement("SELECT insert_something()").isReadOnly)
        #expect(!sharesPipeline(statement("INSERT INTO items VALUES ($1)")))
        let id = 7
        let raw: RawSQL = "SELECT id FROM items WHERE id = \(id)"
        #expect(!sharesPipeline(raw.statement))
        #expect(sharesPipeline(raw.statement(readOnly: true)))
    }

    @Test("reads queued together share a sync; when one fails, the rest run again alone and count once")
    func failedReadGroupRunsAgainAlone() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1, pipelineDepth: 4)) { db throws in
            try await db.runScript(
                "CREATE TABLE notes (id bigint PRIMARY KEY); CREATE FUNCTION note(v bigint) RETURNS bigint "
                    + "LANGUAGE sql AS 'INSERT INTO notes VALUES (v) RETURNING v'")
            let (tasks, connection) = try await queuedBehindHeldConnection(
                db, [("SELECT note($1)", 1), ("SELECT 10 / $1::bigint", 0), ("SELECT note($1)", 2),
                     ("SELECT $1::bigint", 3)])
            #expect(try await tasks[0].value == 1)
            let division = await #expect(throws: RepogenError.self) { try await tasks[1].value }
            #expect(division?.sqlState == "22012")
            #expect(try await tasks[2].value == 2)
            #expect(try await tasks[3].value == 3)
            #expect(connection.pipelinedStatements.current == 4)
            let notes = try await db.run(statement("SELECT string_agg(id::text, ',' ORDER BY id) FROM notes"), .init())
            #expect(try notes.decodeFirst { try $0.decode(String.self, at: 0) } == "1,2")  // rolled back, then once
        }
    }

    @Test("one statement twice before it is prepared, and one that cannot be prepared, in the same pipeline")
    func preparesInsidePipeline() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1, pipelineDepth: 8)) { db throws in
            let (tasks, _) = try await queuedBehindHeldConnection(
                db, [("SELECT $1::bigint * 2", 5), ("SELECT $1::bigint * 2", 7), ("SELEC $1::bigint", 1),
                     ("SELECT $1::bigint + 1", 9)])
            #expect(try await tasks[0].value == 10)
            #expect(try await tasks[1].value == 14)
            let syntax = await #expect(throws: RepogenError.self) { try await tasks[2].value }
            #expect(syntax?.sqlState == "42601")
            #expect(try await tasks[3].value == 10)
            #expect(try await queued(db, "SELECT $1::bigint * 2", 21).value == 42)  // prepared once, reused
        }
    }

    @Test("a statement the server no longer has prepared (DEALLOCATE ALL) is prepared again and run")
    func reprepareAfterDeallocate() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1, pipelineDepth: 4)) { db throws in
            let sql = "SELECT $1::bigint + 100"
            #expect(try await queued(db, sql, 1).value == 101)
            let held = try await db.pool.lease()
            try await held.connection.runScript("DEALLOCATE ALL")
            let tasks = [queued(db, sql, 2), queued(db, sql, 3)]
            try await db.waitForWaiters(count: 2)
            db.pool.release(held)
            #expect(try await tasks[0].value == 102)
            #expect(try await tasks[1].value == 103)
        }
    }

    @Test("a queued statement's cancelled task gets CancellationError; the statements around it still run")
    func cancelWhileQueued() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let held = try await db.pool.lease()
            let first = queued(db, "SELECT $1::bigint", 1)
            try await db.waitForWaiters(count: 1)
            let cancelled = queued(db, "SELECT $1::bigint", 2)
            try await db.waitForWaiters(count: 2)
            let last = queued(db, "SELECT $1::bigint", 3)
            try await db.waitForWaiters(count: 3)
            cancelled.cancel()
            try await eventuallyWaiting(db, count: 2)
            db.pool.release(held)
            #expect(try await first.value == 1)
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            #expect(try await last.value == 3)
        }
    }

    @Test("a statement queued past the acquire timeout fails with poolTimeout and sends nothing")
    func queuedStatementTimesOut() async throws {
        let pool = PoolConfiguration(minimum: 1, maximum: 1, acquireTimeout: .milliseconds(200))
        try await withTestDatabase(pool: pool, options: DatabaseOptions(slowQueryThreshold: nil)) { db throws in
            let held = try await db.pool.lease()
            let timedOut = await #expect(throws: RepogenError.self) {
                try await queued(db, "SELECT $1::bigint", 1).value
            }
            #expect(timedOut?.kind == .poolTimeout)
            db.pool.release(held)
            #expect(try await queued(db, "SELECT $1::bigint", 2).value == 2)
        }
    }

    @Test("a transaction queued between statements keeps its place: the one behind it is not pipelined ahead")
    func leaseWaiterKeepsItsPlace() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1, pipelineDepth: 8)) { db throws in
            try await db.runScript("CREATE TABLE items (id bigint PRIMARY KEY)")
            let insert = "INSERT INTO items VALUES ($1) RETURNING id"
            let held = try await db.pool.lease()
            let before = queued(db, insert, 1)
            try await db.waitForWaiters(count: 1)
            let seen = statement("SELECT string_agg(id::text, ',' ORDER BY id) FROM items")
            let transaction = Task {
                try await db.transaction { tx in
                    try await tx.run(seen, PostgresBindings()).decodeFirst { try $0.decode(String.self, at: 0) }
                }
            }
            try await db.waitForWaiters(count: 2)
            let after = queued(db, insert, 2)
            try await db.waitForWaiters(count: 3)
            db.pool.release(held)
            #expect(try await before.value == 1)
            #expect(try await after.value == 2)
            #expect(try await transaction.value == "1")  // it ran after the first insert and before the second
        }
    }

    @Test("reads queued on a connection the server terminated run again on a new one")
    func terminatedWhileQueued() async throws {
        let testDB = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDB.connect(pool: .init(minimum: 1, maximum: 1), options: faultOptions())
        try await db.closing { db in
            let pidSQL = "SELECT pg_backend_pid()::bigint + $1"
            let before = try #require(try await queued(db, pidSQL, 0).value)
            let held = try await db.pool.lease()
            let tasks = [queued(db, pidSQL, 0), queued(db, pidSQL, 0), queued(db, pidSQL, 0)]
            try await db.waitForWaiters(count: 3)
            let adminURL = await TestPostgres.shared.connectionURL(database: "postgres")
            #expect(try await terminateBackends(of: testDB.name, adminURL: adminURL) == 1)
            db.pool.release(held)
            for task in tasks {
                let pid = try #require(try await task.value)
                #expect(pid != before)
            }
        }
    }
}

/// Waits until exactly `count` callers queue (after one left the queue).
private func eventuallyWaiting(_ db: Database, count: Int) async throws {
    while db.pool.figures.waiting != count {
        try await Task.sleep(for: .milliseconds(5))
    }
}
