import Foundation
import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Migration runner")
struct RunnerTests {
    static let table = Migration(
        version: 1, name: "create_items", up: "CREATE TABLE items (id int PRIMARY KEY, code text NOT NULL)",
        down: "DROP TABLE items")
    /// A transactional step, then a concurrent index build outside the transaction.
    static let uniqueCode = Migration(version: 2, name: "unique_code", up: """
        -- repogen:step 1: add column items.note
        ALTER TABLE items ADD COLUMN note text;

        -- repogen:step 2: create index items_code_key
        -- repogen:no-transaction
        DROP INDEX CONCURRENTLY IF EXISTS items_code_key;
        CREATE UNIQUE INDEX CONCURRENTLY items_code_key ON items (code);
        """, down: """
        -- repogen:step 2: revert
        -- repogen:no-transaction
        DROP INDEX CONCURRENTLY IF EXISTS items_code_key;

        -- repogen:step 1: revert
        ALTER TABLE items DROP COLUMN note;
        """)

    static func scalar(_ db: Database, _ sql: String) async throws -> String? {
        let name = "runner_" + Migration(version: 0, name: "", up: sql, down: nil).checksum
        let statement = PostgresStatement(name: name, sql: sql, parameterTypes: [])
        let result = try await db.run(statement, PostgresBindings())
        return try result.decodeFirst { try $0.decodeIfPresent(String.self, at: 0) } ?? nil
    }

    @Test("two runners started together apply each migration exactly once, non-transactional steps included")
    func concurrentRunners() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let migrations = [Self.table, Self.uniqueCode] + (3...6).map {
            Migration(version: $0, name: "t\($0)", up: "CREATE TABLE t\($0) (id int)", down: "DROP TABLE t\($0)")
        }
        let pools = [try await testDatabase.connect(), try await testDatabase.connect()]
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for db in pools {
                group.addTask { try await db.migrate(migrations).map(\.version) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(applied.sorted() == [1, 2, 3, 4, 5, 6])
        #expect(try await Self.scalar(pools[0], "SELECT count(*)::text FROM schema_migrations") == "6")
        #expect(try await Self.scalar(pools[0], "SELECT indexdef FROM pg_indexes WHERE indexname = 'items_code_key'")
            == "CREATE UNIQUE INDEX items_code_key ON public.items USING btree (code)")
        for db in pools {
            await db.close()
        }
    }

    @Test("an applied migration edited afterwards is refused with a clear message")
    func checksumGuard() async throws {
        try await withTestDatabase { db in
            try await db.migrate([Self.table])
            let edited = Migration(version: 1, name: "create_items", up: Self.table.up + ", extra int", down: nil)
            let error = await #expect(throws: RepogenError.self) { try await db.migrate([edited]) }
            #expect(error?.kind == .migrationFailed)
            #expect(error?.message.contains("migration 1 (create_items) was applied with checksum") == true)
            #expect(error?.message.contains("must not be edited") == true)
            let status = try await db.migrationStatus([edited])
            #expect(status.map(\.state) == [.checksumChanged])
            await #expect(throws: RepogenError.self) { try await db.revertMigrations([edited]) }
        }
    }

    @Test("a failing migration leaves the previous version and reports the statement and SQLSTATE")
    func failingMigration() async throws {
        try await withTestDatabase { db in
            let broken = Migration(version: 2, name: "half_done", up: """
                -- repogen:step 1: two statements
                CREATE TABLE extra (id int);
                ALTER TABLE missing ADD COLUMN x int;
                """, down: nil)
            let error = await #expect(throws: RepogenError.self) { try await db.migrate([Self.table, broken]) }
            #expect(error?.kind == .migrationFailed)
            #expect(error?.sqlState == "42P01")
            #expect(error?.statement == "ALTER TABLE missing ADD COLUMN x int")
            let expected = "migration 2 (half_done) failed to apply at step 1: two statements"
            #expect(error?.message.contains(expected) == true)
            #expect(try await Self.scalar(db, "SELECT to_regclass('extra')::text") == nil)
            let status = try await db.migrationStatus([Self.table, broken])
            #expect(status.map(\.state) == [.applied, .pending])
        }
    }

    @Test("a failed step outside the transaction keeps the committed part and resumes there on the next run")
    func resumesAfterNonTransactionalFailure() async throws {
        try await withTestDatabase { db in
            try await db.migrate([Self.table])
            try await db.runScript("INSERT INTO items VALUES (1, 'a'), (2, 'a')")
            let error = await #expect(throws: RepogenError.self) { try await db.migrate([Self.table, Self.uniqueCode]) }
            #expect(error?.sqlState == "23505")
            #expect(error?.message.contains("the next run resumes at this step") == true)
            let status = try await db.migrationStatus([Self.table, Self.uniqueCode])
            #expect(status.map(\.state) == [.applied, .partiallyApplied(nextStep: 1)])
            try await db.runScript("UPDATE items SET code = 'b' WHERE id = 2")
            #expect(try await db.migrate([Self.table, Self.uniqueCode]) == [Self.uniqueCode])
            #expect(try await db.migrationStatus([Self.table, Self.uniqueCode]).map(\.state) == [.applied, .applied])
            let validity = "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'items_code_key'::regclass"
            #expect(try await Self.scalar(db, validity) == "true")
        }
    }
}
