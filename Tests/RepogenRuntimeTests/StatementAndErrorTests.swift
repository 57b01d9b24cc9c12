import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Prepared statements and errors")
struct StatementAndErrorTests {
    @Test("a statement is prepared once per connection and then reused")
    func preparedOnce() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let add = PostgresStatement(name: "test_add", sql: "SELECT $1::int8 + 1", parameterTypes: [.int8])
        for value in [1, 41] {
            let result = try await connection.run(add, binds { $0.append(value) })
            #expect(try result.decodeFirst { try $0.decode(Int.self, at: 0) } == value + 1)
        }
        let prepared = try await connection.run(
            PostgresStatement(
                name: "test_prepared", sql: "SELECT name, statement FROM pg_prepared_statements ORDER BY name",
                parameterTypes: []),
            PostgresBindings())
        let names = try prepared.decodeRows { try $0.decode(String.self, at: 0) }
        #expect(names == ["test_add", "test_prepared"])
        #expect(connection.statementsExecuted == 3)
        await connection.close()
    }

    @Test("a statement deallocated behind our back is prepared again (SQLSTATE 26000)")
    func reprepares() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let one = PostgresStatement(name: "test_one", sql: "SELECT 1::int4", parameterTypes: [])
        _ = try await connection.run(one, PostgresBindings())
        try await connection.runScript("DEALLOCATE test_one")
        let result = try await connection.run(one, PostgresBindings())
        #expect(try result.decodeFirst { try $0.decode(Int32.self, at: 0) } == 1)
        await connection.close()
    }

    @Test("a unique violation carries SQLSTATE 23505, the constraint, and no bind value in its description")
    func uniqueViolation() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript("CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE)")
            let insert = PostgresStatement(
                name: "users_create", sql: "INSERT INTO users (email) VALUES ($1)", parameterTypes: [.text])
            let secret = "top-secret-\(UUID().uuidString)@example.com"
            let first = try await db.run(insert, binds { $0.append(secret) })
            #expect(first.affectedRows == 1)
            let error = await #expect(throws: RepogenError.self) {
                try await db.run(insert, binds { $0.append(secret) })
            }
            let failure = try #require(error)
            #expect(failure.kind == .constraintViolation && failure.violation == .unique)
            #expect(failure.isUniqueViolation)
            #expect(!failure.isForeignKeyViolation)
            #expect(failure.sqlState == "23505")
            #expect(failure.constraint == "users_email_key")
            #expect(failure.table == "users")
            #expect(failure.statement == "users_create")
            #expect(failure.detail?.contains(secret) == true)  // available to code, never printed
            for text in [failure.description, String(describing: failure), String(reflecting: failure), "\(error!)"] {
                #expect(!text.contains(secret))
            }
            #expect(failure.description == "RepogenError.constraintViolation [23505] duplicate key value violates "
                + "unique constraint \"users_email_key\" (statement users_create)")
        }
    }

    @Test("a foreign-key violation and a syntax error carry their SQLSTATEs")
    func otherErrors() async throws {
        try await withTestDatabase { db throws in
            try await db.runScript("""
                CREATE TABLE owners (id int PRIMARY KEY);
                CREATE TABLE pets (id int PRIMARY KEY, owner_id int NOT NULL REFERENCES owners(id));
                """)
            let error = await #expect(throws: RepogenError.self) {
                try await db.run(statement("INSERT INTO pets VALUES (1, $1)", [.int4]), binds { $0.append(Int32(9)) })
            }
            #expect(error?.isForeignKeyViolation == true)
            let syntax = await #expect(throws: RepogenError.self) { try await db.runScript("SELEC 1") }
            #expect(syntax?.sqlState == "42601")
            let preparedSyntax = await #expect(throws: RepogenError.self) {
                try await db.run(statement("SELEC $1", [.int4]), binds { $0.append(Int32(1)) })
            }
            #expect(preparedSyntax?.sqlState == "42601")
            #expect(preparedSyntax?.kind == .queryFailed)
        }
    }

    @Test("class 22 messages that echo input are redacted in the description")
    func dataExceptionRedacted() async throws {
        try await withTestDatabase { db throws in
            let secret = "not-a-number-\(UUID().uuidString)"
            let error = await #expect(throws: RepogenError.self) {
                try await db.run(statement("SELECT $1::text::numeric", [.text]), binds { $0.append(secret) })
            }
            #expect(error?.sqlState == "22P02")
            #expect(error?.description.contains(secret) == false)
        }
    }

    @Test("a bad configuration fails with invalidConfiguration or connectionFailed, without the password")
    func badConfiguration() async throws {
        #expect(throws: RepogenError.self) { try DatabaseConfiguration(url: "mysql://x") }
        let bad = #expect(throws: RepogenError.self) { try DatabaseConfiguration(url: "postgres://u:pw@h/db?nope=1") }
        #expect(bad?.kind == .invalidConfiguration)
        let config = try DatabaseConfiguration(url: "postgres://app:hunter2@localhost:1/db")
        #expect(!config.description.contains("hunter2"))
        let socket = "/tmp/repogen-no-such-dir-\(UUID().uuidString)"
        let error = await #expect(throws: RepogenError.self) {
            try await Database.connect(DatabaseConfiguration(conninfo: "host=\(socket) password=hunter2 dbname=x"))
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test("COPY through run or runScript is a typed error, and the pool replaces the connection it leaves behind")
    func copyIsRefused() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            for sql in ["COPY (SELECT 1) TO STDOUT", "CREATE TEMP TABLE t (n int); COPY t FROM STDIN"] {
                await #expect(throws: RepogenError.self, "\(sql)") { try await db.runScript(sql) }
            }
            #expect(try await db.scalar(Int32.self, "SELECT 41 + 1") == 42)
        }
    }
}
