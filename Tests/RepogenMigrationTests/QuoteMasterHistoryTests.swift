import Foundation
import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Quote Master's committed migration history")
struct QuoteMasterHistoryTests {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let history = MigrationHistory(directory: root + "/Generated")

    static func migrations() throws -> [Migration] {
        try MigrationFile.load(directory: history.migrationsDirectory).map {
            Migration(version: $0.version, name: $0.name, up: $0.up, down: $0.down)
        }
    }

    @Test("replays from an empty database to exactly Generated/schema.sql, and its downs return to empty")
    func replayAndRevert() async throws {
        let migrations = try Self.migrations()
        try #require(!migrations.isEmpty)
        let schemaSQL = try String(contentsOfFile: Self.history.schemaSQLPath, encoding: .utf8)
        let expected = try await withTestDatabase { db in
            try await db.runScript(schemaSQL)
            return try await Catalog.lines(of: db)
        }
        try await withTestDatabase { db in
            #expect(try await db.migrate(migrations) == migrations)
            expectSameCatalog(try await Catalog.lines(of: db), expected, "history replayed")
            let reverted = try await db.revertMigrations(migrations, count: migrations.count)
            #expect(reverted.map(\.version) == migrations.map(\.version).reversed())
            #expect(try await Catalog.lines(of: db) == [])
            #expect(try await db.migrate(migrations) == migrations)
        }
    }

    @Test("schema.yaml has no change the history does not cover, and Generated/ is what repogen writes")
    func checkPasses() {
        let problems = Self.history.check(schemaPath: Self.root + "/schema.yaml")
        #expect(problems == [], "\(problems.map(\.description).joined(separator: "\n"))")
    }
}
