import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Migrations")
struct MigrationTests {
    private let first = Migration(
        version: 1, name: "create_users", up: "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)",
        down: "DROP TABLE users")
    private let second = Migration(
        version: 2, name: "add_nickname", up: "ALTER TABLE users ADD COLUMN nickname text", down: nil)

    private func recorded(in db: Database) async throws -> [String] {
        try await db.run(statement("SELECT version, name, checksum FROM schema_migrations ORDER BY version"),
                         PostgresBindings())
            .decodeRows { "\(try $0.decode(Int.self, at: 0)):\(try $0.decode(String.self, at: 1))" }
    }

    @Test("pending migrations apply in version order, and a rerun applies nothing")
    func appliesInOrderOnce() async throws {
        try await withTestDatabase { db throws in
            let applied = try await db.migrate([second, first])
            #expect(applied == [first, second])
            #expect(try await recorded(in: db) == ["1:create_users", "2:add_nickname"])
            #expect(try await db.migrate([first, second]) == [])
            let third = Migration(version: 3, name: "index_email", up: "CREATE INDEX ON users (email)", down: nil)
            #expect(try await db.migrate([first, second, third]) == [third])
        }
    }

    @Test("an applied migration whose SQL changed is rejected, naming its version")
    func checksumMismatch() async throws {
        try await withTestDatabase { db throws in
            try await db.migrate([first])
            let edited = Migration(version: 1, name: "create_users", up: first.up + " -- edited", down: nil)
            let error = await #expect(throws: RepogenError.self) { try await db.migrate([edited, second]) }
            #expect(error?.kind == .migrationFailed)
            #expect(error?.message.contains("migration 1 (create_users)") == true)
            #expect(try await recorded(in: db) == ["1:create_users"])
        }
    }

    @Test("a failing migration leaves nothing behind and reports its SQLSTATE, version and name")
    func failingMigration() async throws {
        try await withTestDatabase { db throws in
            let broken = Migration(
                version: 2, name: "half_done", up: "CREATE TABLE extra (id int); ALTER TABLE missing ADD x int",
                down: nil)
            let error = await #expect(throws: RepogenError.self) { try await db.migrate([first, broken]) }
            #expect(error?.kind == .migrationFailed)
            #expect(error?.sqlState == "42P01")
            #expect(error?.message.contains("migration 2 (half_done)") == true)
            #expect(try await recorded(in: db) == ["1:create_users"])
            #expect(try await db.scalar(String.self, "SELECT to_regclass('extra')::text") == nil)
        }
    }

    @Test("two pools migrating at once apply each migration exactly once")
    func concurrentMigrators() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let migrations = (1...5).map {
            Migration(version: $0, name: "t\($0)", up: "CREATE TABLE t\($0) (id int)", down: nil)
        }
        let pools = [try await testDatabase.connect(), try await testDatabase.connect()]
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for db in pools {
                group.addTask { try await db.migrate(migrations).count }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.reduce(0, +) == 5)
        #expect(try await recorded(in: pools[0]).count == 5)
        for db in pools {
            await db.close()
        }
    }

    @Test("test databases are cloned from a migrated template and are independent")
    func templates() async throws {
        let one = try await TestPostgres.shared.makeDatabase(migrations: [first, second])
        let two = try await TestPostgres.shared.makeDatabase(migrations: [first, second])
        #expect(one.name != two.name)
        let dbOne = try await one.connect()
        let dbTwo = try await two.connect()
        #expect(try await recorded(in: dbOne) == ["1:create_users", "2:add_nickname"])
        try await dbOne.runScript("INSERT INTO users (email) VALUES ('a@example.com')")
        #expect(try await dbTwo.scalar(Int.self, "SELECT count(*) FROM users") == 0)
        #expect(try await dbTwo.migrate([first, second]) == [])
        await dbOne.close()
        await dbTwo.close()
    }

    @Test("duplicate versions are rejected before touching the database")
    func duplicateVersions() async throws {
        try await withTestDatabase { db throws in
            let error = await #expect(throws: RepogenError.self) { try await db.migrate([first, first]) }
            #expect(error?.kind == .invalidConfiguration)
        }
    }
}
