import Foundation
import RepogenBackup
import RepogenRuntime
import RepogenTesting

/// The schema the backup tests dump: a keyed table of varied types and a table without a primary key.
let backupTestMigrations = [
    Migration(
        version: 1, name: "create_quotes",
        up: """
            CREATE TABLE quotes (id bigserial PRIMARY KEY, customer text NOT NULL, amount numeric(12, 2),
                created_at timestamptz NOT NULL DEFAULT now(), tags jsonb, photo bytea, note text)
            """,
        down: "DROP TABLE quotes"),
    Migration(
        version: 2, name: "create_events", up: "CREATE TABLE events (quote_id bigint, kind text, at date)",
        down: "DROP TABLE events"),
]

/// A temporary backup directory, deleted by `remove()`.
struct ScratchDirectory {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("repogen-backups-\(UUID().uuidString)").path

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A test database with the backup schema and `rows` quotes (with NULLs, quotes, bytes) and twice as many events.
func seededDatabase(rows: Int = 50) async throws -> TestDatabase {
    let testDB = try await TestPostgres.shared.makeDatabase(migrations: backupTestMigrations)
    let db = try await testDB.connect()
    try await db.runScript("""
        INSERT INTO quotes (customer, amount, created_at, tags, photo, note)
        SELECT 'customer ' || i || ' ''quoted''', i * 1.25,
               timestamptz '2025-01-01 00:00:00+00' + i * interval '1 hour',
               jsonb_build_object('i', i), decode(md5(i::text), 'hex'), CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' END
        FROM generate_series(1, \(rows)) AS i;
        INSERT INTO events SELECT (i % \(rows)) + 1, 'viewed', date '2025-01-01' + i
        FROM generate_series(1, \(2 * rows)) AS i
        """)
    await db.close()
    return testDB
}

/// Every row of both tables as text, in a fixed order: what a restore must bring back exactly.
func allRows(at url: String) async throws -> [String] {
    let db = try await Database.connect(DatabaseConfiguration(conninfo: url), pool: .init(minimum: 1, maximum: 1))
    let sql = "SELECT 'quotes' || q::text FROM quotes q UNION ALL SELECT 'events' || e::text FROM events e"
    let statement = PostgresStatement(name: "backup_test_all_rows", sql: sql, parameterTypes: [])
    let rows = try await db.run(statement, PostgresBindings()).decodeRows { try $0.decode(String.self, at: 0) }
    await db.close()
    return rows.sorted()
}

/// An empty database (not cloned from a migrated template) on the test server; returns its URL.
func emptyDatabase() async throws -> String {
    let name = "repogen_backup_empty_" + UUID().uuidString.prefix(8).lowercased()
    let admin = try await Database.connect(
        DatabaseConfiguration(conninfo: try await TestPostgres.shared.serverURL()), pool: .init(minimum: 1, maximum: 1))
    try await admin.runScript("CREATE DATABASE \(name) TEMPLATE template0")
    await admin.close()
    return await TestPostgres.shared.connectionURL(database: name)
}

/// Runs `statements` on the database at `url`.
func execute(_ statements: String, at url: String) async throws {
    let db = try await Database.connect(DatabaseConfiguration(conninfo: url), pool: .init(minimum: 1, maximum: 1))
    do {
        try await db.runScript(statements)
        await db.close()
    } catch {
        await db.close()
        throw error
    }
}
