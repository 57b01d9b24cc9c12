import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

private struct Boom: Error, Equatable {}

@Suite("Units of work")
struct TransactionTests {
    private let setup = "CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)"
    private let insert = PostgresStatement(
        name: "items_insert", sql: "INSERT INTO items (id, label) VALUES ($1, $2)", parameterTypes: [.int4, .text])

    private func insert(_ id: Int32, on executor: some DatabaseExecutor) async throws {
        _ = try await executor.run(insert, binds { $0.append(id); $0.append("item \(id)") })
    }

    private func ids(in db: Database) async throws -> [Int32] {
        try await db.run(statement("SELECT id FROM items ORDER BY id"), PostgresBindings())
            .decodeRows { try $0.decode(Int32.self, at: 0) }
    }

    @Test("commits when the body returns and hands back its value")
    func commit() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(setup)
            let value = try await db.transaction { tx in
                try await insert(1, on: tx)
                try await insert(2, on: tx)
                return "done"
            }
            #expect(value == "done")
            #expect(try await ids(in: db) == [1, 2])
        }
    }

    @Test("rolls back when the body throws and rethrows the body's own error")
    func rollback() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(setup)
            await #expect(throws: Boom()) {
                try await db.transaction { tx in
                    try await insert(1, on: tx)
                    throw Boom()
                }
            }
            #expect(try await ids(in: db) == [])
        }
    }

    @Test("a failed nested unit rolls back to its savepoint and the outer work commits")
    func savepointRollback() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(setup)
            try await db.transaction { tx in
                try await insert(1, on: tx)
                await #expect(throws: RepogenError.self) {
                    try await tx.transaction { inner in
                        try await insert(2, on: inner)
                        try await insert(1, on: inner)  // duplicate key: fails the savepoint only
                    }
                }
                try await tx.transaction { inner in try await insert(3, on: inner) }
                try await insert(4, on: tx)
            }
            #expect(try await ids(in: db) == [1, 3, 4])
        }
    }

    @Test("nested units release their savepoints and nest again")
    func savepointRelease() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(setup)
            let depth = try await db.transaction { tx in
                try await tx.transaction { first in
                    try await insert(1, on: first)
                    return try await first.transaction { second in
                        try await insert(2, on: second)
                        return 2
                    }
                }
            }
            #expect(depth == 2)
            #expect(try await ids(in: db) == [1, 2])
        }
    }

    @Test("using a transaction after its closure ended throws transactionFailed")
    func useAfterEnd() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(setup)
            var leaked: Transaction?
            try await db.transaction { tx in leaked = tx }
            let error = await #expect(throws: RepogenError.self) { try await insert(1, on: try #require(leaked)) }
            #expect(error?.kind == .transactionFailed)
            let nested = await #expect(throws: RepogenError.self) {
                try await #require(leaked).transaction { _ in }
            }
            #expect(nested?.kind == .transactionFailed)
        }
    }

    @Test("a deferred constraint failing at COMMIT surfaces with its SQLSTATE")
    func commitFailure() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript("""
                CREATE TABLE parents (id int PRIMARY KEY);
                CREATE TABLE children (id int PRIMARY KEY,
                    parent_id int REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
                """)
            let error = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    try await tx.runScript("INSERT INTO children VALUES (1, 99)")
                }
            }
            #expect(error?.sqlState == "23503")
            #expect(error?.statement == "COMMIT")
            #expect(try await db.scalar(Int.self, "SELECT count(*) FROM children") == 0)
        }
    }

    @Test("a swallowed statement error makes COMMIT fail instead of silently rolling back")
    func abortedTransaction() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript(setup)
            let error = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    try await insert(1, on: tx)
                    _ = try? await tx.runScript("SELEC broken")
                }
            }
            #expect(error?.kind == .transactionFailed)
            #expect(try await ids(in: db) == [])
        }
    }

    @Test("a cancelled task leaves no open transaction behind on the pooled connection")
    func cancellation() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            try await db.runScript(setup)
            let started = Gate()
            let task = Task {
                try await db.transaction { tx in
                    try await insert(1, on: tx)
                    started.open()
                    try await Task.sleep(for: .seconds(600))
                }
            }
            await started.wait()
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(try await ids(in: db) == [])
            let xid = try await db.scalar(Int64.self, "SELECT txid_current_if_assigned()")
            #expect(xid == nil)
        }
    }
}
