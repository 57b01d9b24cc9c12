import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// A connection of its own on a fresh database, closed after `body`.
private func withConnection(_ body: (PostgresConnection) async throws -> Void) async throws {
    let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
    let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
    do {
        try await body(connection)
    } catch {
        await connection.close()
        throw error
    }
    await connection.close()
}

/// How many round trips `body` costs on `connection` (each batch or script sent is one).
private func roundTrips(on connection: PostgresConnection, _ body: () async throws -> Void) async throws -> Int {
    let before = connection.batchesSent.current
    try await body()
    return connection.batchesSent.current - before
}

@Suite("A unit of work's round trips: BEGIN with its first statement, NOTIFY with COMMIT, against PostgreSQL")
struct TransactionRoundTripTests {
    @Test("three statements cost four round trips: BEGIN goes in the first one's batch, then COMMIT")
    func beginSharesTheFirstBatch() async throws {
        try await withConnection { connection in
            try await connection.runScript("CREATE TABLE items (id int PRIMARY KEY)")
            let insert = statement("INSERT INTO items VALUES ($1)", [.int4])
            let trips = try await roundTrips(on: connection) {
                try await Transaction.unitOfWork(on: connection) { tx in
                    for id: Int32 in 1...3 {
                        _ = try await tx.run(insert, binds { $0.append(id) })
                    }
                }
            }
            #expect(trips == 4)
            #expect(connection.isReusable, "committed: the connection is outside any transaction")
            #expect(try await connection.scalar(Int.self, "SELECT count(*)::int FROM items") == 3)
        }
    }

    @Test("the first statement runs inside the transaction BEGIN opened, with its options and its tenant")
    func firstStatementSeesBegin() async throws {
        try await withConnection { connection in
            let probe = read(
                "SELECT current_setting('transaction_isolation') || ' ' || current_setting('app.tenant_id', true)"
                    + " || ' ' || (now() = statement_timestamp())::text")
            let seen = try await TenantContext.withTenant("acme") {
                try await Transaction.unitOfWork(on: connection, options: .serializable) { tx in
                    try await tx.run(probe, PostgresBindings()).decodeFirst { try $0.decode(String.self, at: 0) }
                }
            }
            // now() is the transaction's start, earlier than the statement's own: BEGIN ran before it.
            #expect(seen == "serializable acme false")
        }
    }

    @Test("statements started together are all inside the transaction: none overtakes the one carrying BEGIN")
    func concurrentFirstStatementsWaitForBegin() async throws {
        try await withConnection { connection in
            let transactionID = read("SELECT txid_current()::text")
            for _ in 0..<20 {
                let ids = try await Transaction.unitOfWork(on: connection) { tx in
                    try await withThrowingTaskGroup(of: String?.self) { group in
                        for _ in 0..<8 {
                            group.addTask {
                                try await tx.run(transactionID, PostgresBindings()).decodeFirst {
                                    try $0.decode(String.self, at: 0)
                                }
                            }
                        }
                        return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
                    }
                }
                #expect(ids.count == 1, "one transaction: \(ids)")
            }
        }
    }

    @Test("a first statement that finds the connection closed sends nothing: BEGIN is pending again, no COMMIT goes")
    func closedBeforeTheFirstStatementLeavesBeginPending() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let configuration = DatabaseConfiguration(conninfo: testDatabase.url)
        let connection = try await PostgresConnection.connect(configuration)
        let admin = try await PostgresConnection.connect(configuration)
        let pid = try #require(try await connection.scalar(Int32.self, "SELECT pg_backend_pid()"))
        let before = connection.batchesSent.current
        try await Transaction.unitOfWork(on: connection) { tx in
            // Waits until the backend has exited, so its goodbye is on the socket before the statement is sent.
            _ = try await admin.scalar(
                Bool.self, "SELECT pg_terminate_backend($1, 10000)", binds { $0.append(pid) })
            let lost = await #expect(throws: RepogenError.self) {
                try await tx.run(read("SELECT 1"), PostgresBindings())
            }
            #expect(lost?.kind == .connectionFailed)
            let pending = if case .pending = tx.begin.current { true } else { false }
            #expect(pending, "nothing reached the server, so BEGIN waits for the next statement")
        }
        #expect(connection.batchesSent.current == before, "neither the statement nor COMMIT was sent")
        await admin.close()
        await connection.close()
    }

    @Test("a cached write's NOTIFY goes in COMMIT's batch: two statements and the commit cost three round trips")
    func notifyRidesWithCommit() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            try await db.runScript(CachedItemRepository.setup)
            _ = try await db.enableCache()
            let connection = try await db.withConnection { $0 }
            let before = connection.batchesSent.current
            try await db.transaction { tx in
                let items = CachedItemRepository(tx)
                try await items.create(id: 1, label: "a")
                try await items.update(id: 1, label: "b")
            }
            #expect(connection.batchesSent.current - before == 3, "insert with BEGIN, update, NOTIFY with COMMIT")
        }
    }

    /// The second unit of work's first statement finds itself unprepared (26000) after BEGIN has run in its batch:
    /// the failed transaction is rolled back and the batch runs again, BEGIN included. COMMIT, never prepared,
    /// cannot meet 26000.
    @Test("BEGIN and COMMIT are never prepared: a unit of work that deallocates every statement still commits")
    func transactionControlSurvivesDeallocateAll() async throws {
        try await withConnection { connection in
            try await connection.runScript("CREATE TABLE items (id int PRIMARY KEY)")
            let insert = statement("INSERT INTO items VALUES ($1)", [.int4])
            for id: Int32 in 1...2 {
                try await Transaction.unitOfWork(on: connection) { tx in
                    _ = try await tx.run(insert, binds { $0.append(id) })
                    try await tx.runScript("DEALLOCATE ALL")
                }
            }
            #expect(try await connection.scalar(Int.self, "SELECT count(*)::int FROM items") == 2)
            let prepared = try await connection.scalar(
                Int.self, "SELECT count(*)::int FROM pg_prepared_statements WHERE statement ~* '^(BEGIN|COMMIT)'")
            #expect(prepared == 0)
            let lost = await #expect(throws: RepogenError.self) {
                try await Transaction.unitOfWork(on: connection) { tx in
                    _ = try await tx.run(read("SELECT 1"), PostgresBindings())
                    try await tx.runScript("DEALLOCATE ALL")
                    _ = try await tx.run(insert, binds { $0.append(Int32(3)) })
                }
            }
            #expect(lost?.sqlState == "26000", "inside the transaction the statement cannot run again: its error stands")
            #expect(connection.isReusable)
        }
    }

    @Test("a unit of work that sent nothing tells the circuit breaker nothing: it did not reach the server")
    func emptyUnitOfWorkIsInconclusiveForTheBreaker() async throws {
        let options = DatabaseOptions(
            circuitBreaker: CircuitBreakerConfiguration(failureThreshold: 2, openDuration: .seconds(3600)))
        try await withTestDatabase(options: options) { db throws in
            db.breaker.record(.connectionLost, probe: false)
            try await db.transaction { _ in }  // a success that never reached the server: no reset of the count
            db.breaker.record(.connectionLost, probe: false)
            #expect(db.circuitBreakerState == .open)
        }
    }

    @Test("a unit of work that sends nothing costs no round trip")
    func emptyUnitOfWorkSendsNothing() async throws {
        try await withConnection { connection in
            let trips = try await roundTrips(on: connection) {
                try await Transaction.unitOfWork(on: connection) { _ in }
            }
            #expect(trips == 0)
            #expect(connection.isReusable)
        }
    }

    @Test("a failing first statement rolls back BEGIN's transaction and leaves the connection reusable")
    func failingFirstStatementRollsBack() async throws {
        try await withConnection { connection in
            try await connection.runScript("CREATE TABLE items (id int PRIMARY KEY)")
            await #expect(throws: RepogenError.self) {
                try await Transaction.unitOfWork(on: connection) { tx in
                    _ = try await tx.run(statement("INSERT INTO items VALUES (1 / 0)"), PostgresBindings())
                }
            }
            #expect(connection.isReusable, "rolled back: the connection is outside any transaction")
            #expect(try await connection.scalar(Int.self, "SELECT count(*)::int FROM items") == 0)
        }
    }

    @Test("SQL text and a savepoint first: BEGIN goes alone before them, and the work commits whole")
    func scriptAndSavepointFirst() async throws {
        try await withConnection { connection in
            try await connection.runScript("CREATE TABLE items (id int PRIMARY KEY)")
            let trips = try await roundTrips(on: connection) {
                try await Transaction.unitOfWork(on: connection) { tx in
                    try await tx.transaction { savepoint in
                        try await savepoint.runScript("INSERT INTO items VALUES (1)")
                    }
                }
            }
            #expect(trips == 5, "BEGIN, SAVEPOINT, the script, RELEASE, COMMIT")
            await #expect(throws: Boom.self) {
                try await Transaction.unitOfWork(on: connection) { tx in
                    try await tx.runScript("INSERT INTO items VALUES (2)")
                    throw Boom()
                }
            }
            #expect(try await connection.scalar(Int.self, "SELECT count(*)::int FROM items") == 1)
        }
    }
}

private struct Boom: Error {}
