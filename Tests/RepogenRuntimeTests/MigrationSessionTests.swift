import RepogenRuntime
import RepogenTesting
import Testing

/// The runner applies migrations under the session settings it pins, whatever the database's defaults, and
/// hands the connection back with those defaults restored.
@Suite("Migration session pins")
struct MigrationSessionTests {
    @Test("a database defaulting to standard_conforming_strings = off still reads migrations by standard rules")
    func pinsStandardStrings() async throws {
        let test = try await TestPostgres.shared.makeDatabase(migrations: [])
        try await test.connect(pool: .init(minimum: 1, maximum: 1)).closing { admin in
            try await admin.runScript("ALTER DATABASE \"\(test.name)\" SET standard_conforming_strings = off")
        }
        let migration = Migration(
            version: 1, name: "backslash", up: #"""
                CREATE TABLE notes (body text);
                INSERT INTO notes VALUES ('a\'); CREATE TABLE canary (id int); --');
                """#, down: nil)
        try await test.connect(pool: .init(minimum: 1, maximum: 1)).closing { db in
            try await db.migrate([migration])
            let bodies = try await db.query("SELECT body FROM notes").decodeRows { try $0.decode(String.self, at: 0) }
            #expect(bodies == [#"a\"#])
            let canary = try await db.query("SELECT to_regclass('canary') IS NOT NULL")
                .decodeRows { try $0.decode(Bool.self, at: 0) }
            #expect(canary == [true])
            let setting = try await db.query("SHOW standard_conforming_strings")
                .decodeRows { try $0.decode(String.self, at: 0) }
            #expect(setting == ["off"])
        }
    }
}
