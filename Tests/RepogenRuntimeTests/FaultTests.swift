import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Faults on a real PostgreSQL: terminated backends, timeouts, deadlocks")
struct FaultTests {
    @Test("pg_terminate_backend of every pooled connection under load: the pool recovers, outcomes are truthful")
    func terminateEveryConnectionUnderLoad() async throws {
        let testDB = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDB.connect(pool: .init(minimum: 2, maximum: 4), options: faultOptions())
        try await db.runScript("CREATE TABLE items (id bigint PRIMARY KEY)")
        let ledger = WriteLedger()
        let ids = IDSource()
        let adminURL = await TestPostgres.shared.connectionURL(database: "postgres")
        let stop = ContinuousClock.now + .milliseconds(1500)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    while ContinuousClock.now < stop {
                        let id = ids.next()
                        do {
                            try await insertItem(db, id)
                            await ledger.record(id, .success(()))
                        } catch {
                            await ledger.record(id, .failure(error))
                        }
                    }
                }
            }
            group.addTask {
                while ContinuousClock.now < stop {
                    _ = try? await db.run(statement("SELECT count(*) FROM items"), PostgresBindings())
                }
            }
            group.addTask {
                for _ in 0..<5 {
                    try await Task.sleep(for: .milliseconds(250))
                    _ = try await terminateBackends(of: testDB.name, adminURL: adminURL)
                }
            }
            try await group.waitForAll()
        }
        let recovered = await eventually(within: .seconds(5)) { (try? await storedIDs(db)) != nil }
        #expect(recovered)
        let stored = try await storedIDs(db)
        let committed = await ledger.committed
        let failed = await ledger.failed
        let reasons = await ledger.otherErrors
        #expect(!committed.isEmpty)
        #expect(committed.isSubset(of: stored), "every write reported committed is stored")
        #expect(failed.isDisjoint(with: stored), "no write reported failed is stored: \(reasons)")
        await db.close()
    }

    @Test("statement_timeout and lock_timeout surface as their own kinds")
    func timeoutsAreTyped() async throws {
        try await withTestDatabase(pool: .init(minimum: 2, maximum: 2)) { db in
            let timeout = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    try await tx.runScript("SET LOCAL statement_timeout = '50ms'")
                    try await tx.runScript("SELECT pg_sleep(5)")
                }
            }
            #expect(timeout?.kind == .statementTimeout)
            #expect(timeout?.sqlState == "57014")
            try await db.runScript("CREATE TABLE locks (id int PRIMARY KEY); INSERT INTO locks VALUES (1)")
            let holding = Gate()
            let release = Gate()
            let holder = Task {
                try await db.transaction { tx in
                    try await tx.runScript("SELECT * FROM locks FOR UPDATE")
                    holding.open()
                    await release.wait()
                }
            }
            await holding.wait()
            let lock = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    try await tx.runScript("SET LOCAL lock_timeout = '50ms'")
                    try await tx.runScript("UPDATE locks SET id = 2")
                }
            }
            #expect(lock?.kind == .lockTimeout)
            release.open()
            try await holder.value
        }
    }

    @Test("a deadlock between two transactions is retried and both finally succeed")
    func deadlockRetried() async throws {
        try await withTestDatabase(pool: .init(minimum: 2, maximum: 2), options: faultOptions()) { db in
            try await db.runScript(
                "CREATE TABLE accounts (id int PRIMARY KEY, n int); INSERT INTO accounts VALUES (1, 0), (2, 0)")
            let attempts = IDSource()
            let firstLocked = Gate()
            let secondLocked = Gate()
            func transfer(first: Int, second: Int, mine: Gate, theirs: Gate) async throws {
                try await db.transaction { tx in
                    _ = attempts.next()
                    try await tx.runScript("SET LOCAL deadlock_timeout = '50ms'")
                    try await tx.runScript("UPDATE accounts SET n = n + 1 WHERE id = \(first)")
                    mine.open()
                    await theirs.wait()
                    try await tx.runScript("UPDATE accounts SET n = n + 1 WHERE id = \(second)")
                }
            }
            async let one: Void = transfer(first: 1, second: 2, mine: firstLocked, theirs: secondLocked)
            async let two: Void = transfer(first: 2, second: 1, mine: secondLocked, theirs: firstLocked)
            _ = try await (one, two)
            #expect(attempts.current >= 3, "one of the two ran again after the deadlock")
            #expect(try await db.scalar(Int.self, "SELECT sum(n)::bigint FROM accounts") == 4)
        }
    }
}
