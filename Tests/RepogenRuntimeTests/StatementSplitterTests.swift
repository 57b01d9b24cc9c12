import RepogenRuntime
import RepogenTesting
import Testing

/// Migration text is cut into statements where PostgreSQL ends them, so a `;` inside a literal, a dollar quote or
/// a comment never starts a statement of its own.
@Suite("Migration statement splitting")
struct StatementSplitterTests {
    private func statements(_ sql: String) -> [String] {
        Migration(version: 1, name: "split", up: sql, down: nil).steps.flatMap(\.statements)
    }

    @Test("hostile literals, dollar tags with digits and nested comments stay inside their statement")
    func hostileCases() {
        #expect(statements(#"SELECT E'\''; DROP TABLE x; --'; SELECT 2"#) == [#"SELECT E'\''"#, "DROP TABLE x"])
        #expect(statements("SELECT $a1$ ; $a$ ; $a1$; SELECT 2") == ["SELECT $a1$ ; $a$ ; $a1$", "SELECT 2"])
        #expect(statements("SELECT 1 /* a /* ; */ ; */; SELECT 2") == ["SELECT 1 /* a /* ; */ ; */", "SELECT 2"])
        #expect(statements("SELECT U&'\\0041;' UESCAPE '\\'; SELECT 2").count == 2)
        #expect(statements("SELECT E'a'\n'\\';'; SELECT 2") == ["SELECT E'a'\n'\\';'", "SELECT 2"])
        #expect(statements("-- only a comment;\n/* and ; another */") == [])
        #expect(statements("SELECT \"a;b\" FROM t; SELECT a$b FROM t;")
            == ["SELECT \"a;b\" FROM t", "SELECT a$b FROM t"])
    }

    @Test("the hostile statements run on PostgreSQL as split: the canary table survives")
    func hostileCasesOnPostgres() async throws {
        let sql = #"""
            CREATE TABLE canary (id int);
            CREATE TABLE notes (body text);
            INSERT INTO notes VALUES (E'\'; DROP TABLE canary; --');
            INSERT INTO notes VALUES ($a1$ $a$; DROP TABLE canary; $a$ $a1$);
            /* outer /* inner; DROP TABLE canary; */ still a comment; */
            INSERT INTO notes VALUES (E'x'
              '\'; DROP TABLE canary; --');
            """#
        try await withTestDatabase { db in
            try await db.migrate([Migration(version: 1, name: "hostile", up: sql, down: nil)])
            let bodies = try await db.query("SELECT body FROM notes")
                .decodeRows { try $0.decode(String.self, at: 0) }
            #expect(bodies.sorted()
                == [" $a$; DROP TABLE canary; $a$ ", "'; DROP TABLE canary; --", "x'; DROP TABLE canary; --"])
            let canary = try await db.query("SELECT to_regclass('canary') IS NOT NULL")
                .decodeRows { try $0.decode(Bool.self, at: 0) }
            #expect(canary == [true])
        }
    }
}
