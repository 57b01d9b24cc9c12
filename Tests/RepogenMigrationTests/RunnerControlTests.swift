import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Migration runner: progress, status, down, lock timeout")
struct RunnerControlTests {
    @Test("progress reports one line per migration, applied and reverted")
    func progressLines() async throws {
        let lines = LinesBox()
        let options = MigrationOptions(progress: { lines.append($0) })
        let migrations = [RunnerTests.table, RunnerTests.uniqueCode]
        try await withTestDatabase { db in
            try await db.migrate(migrations, options: options)
            try await db.revertMigrations(migrations, count: 2, options: options)
        }
        let reports = lines.values
        #expect(reports.map { "\($0.direction) \($0.version) \($0.steps)" }
            == ["applied 1 1", "applied 2 2", "reverted 2 2", "reverted 1 1"])
        #expect(reports.allSatisfy { $0.description.hasPrefix("\($0.direction.rawValue) 000\($0.version)_") })
    }

    @Test("status lists applied, pending and unknown migrations; down goes back step by step")
    func statusAndDown() async throws {
        let migrations = [RunnerTests.table, RunnerTests.uniqueCode]
        try await withTestDatabase { db in
            #expect(try await db.migrationStatus(migrations).map(\.state) == [.pending, .pending])
            try await db.migrate(migrations)
            #expect(try await db.migrationStatus([RunnerTests.uniqueCode]).map(\.state) == [.unknown, .applied])
            #expect(try await db.revertMigrations(migrations) == [RunnerTests.uniqueCode])
            #expect(try await db.migrationStatus(migrations).map(\.state) == [.applied, .pending])
            #expect(try await RunnerTests.scalar(db, "SELECT to_regclass('items_code_key')::text") == nil)
        }
    }

    @Test("down refuses a migration without down SQL or marked irreversible")
    func irreversible() async throws {
        let marked = Migration(version: 2, name: "lossy", up: "CREATE TABLE lossy (id int)", down: """
            -- repogen:step 1: revert
            -- repogen:irreversible
            """)
        try await withTestDatabase { db in
            try await db.migrate([RunnerTests.table, marked])
            let error = await #expect(throws: RepogenError.self) {
                try await db.revertMigrations([RunnerTests.table, marked])
            }
            #expect(error?.message.contains("cannot be reverted") == true)
            #expect(try await RunnerTests.scalar(db, "SELECT to_regclass('lossy')::text") == "lossy")
        }
    }

    @Test("DDL waiting for a lock longer than lock_timeout fails with 55P03 and changes nothing")
    func lockTimeout() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [RunnerTests.table])
        let holder = try await testDatabase.connect(pool: .init(minimum: 1, maximum: 1))
        let migrator = try await testDatabase.connect(pool: .init(minimum: 1, maximum: 1))
        let alter = Migration(version: 2, name: "alter_items", up: "ALTER TABLE items ADD COLUMN y int", down: nil)
        try await holder.transaction { tx in
            try await tx.runScript("LOCK TABLE items IN ACCESS SHARE MODE")
            let error = await #expect(throws: RepogenError.self) {
                try await migrator.migrate([RunnerTests.table, alter], options: .init(lockTimeout: .milliseconds(50)))
            }
            #expect(error?.sqlState == "55P03")
        }
        #expect(try await migrator.migrationStatus([RunnerTests.table, alter]).map(\.state) == [.applied, .pending])
        #expect(try await RunnerTests.scalar(migrator, "SHOW lock_timeout") == "0")
        await holder.close()
        await migrator.close()
    }
}

/// Progress reports collected from a `@Sendable` callback.
final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [MigrationProgress] = []

    func append(_ progress: MigrationProgress) {
        lock.withLock { stored.append(progress) }
    }

    var values: [MigrationProgress] {
        lock.withLock { stored }
    }
}
