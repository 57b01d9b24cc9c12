import Foundation
import RepogenRuntime
import RepogenTesting

/// Lends databases on the test server (`DATABASE_URL`, else a throwaway cluster), each reset before use to an
/// empty `public` schema holding a canary table with one row that no generated SQL may touch.
///
/// A database is created once per setting and worker and reused (`DROP SCHEMA public CASCADE` is much cheaper
/// than `CREATE DATABASE`); generated SQL only ever creates objects in `public`. All are dropped by `close()`.
actor ScratchDatabases {
    /// The canary table: created before any generated SQL runs, checked after it.
    static let canaryTable = "zz_repogen_canary"
    static let canaryNote = "canary row: generated SQL must never touch it"

    private let admin: Database
    private var count = 0
    private let prefix: String
    /// Idle databases by their `standard_conforming_strings` setting.
    private var idle: [Bool: [String]] = [:]
    private var all: [String] = []

    private init(admin: Database, prefix: String) {
        self.admin = admin
        self.prefix = prefix
    }

    /// Connects to the server's `postgres` database, starting the throwaway cluster when needed.
    static func start() async throws -> ScratchDatabases {
        let url = try await TestPostgres.shared.serverURL()
        let pool = PoolConfiguration(minimum: 1, maximum: 1, acquireTimeout: .seconds(120))
        let admin = try await Database.connect(DatabaseConfiguration(conninfo: url), pool: pool)
        return ScratchDatabases(admin: admin, prefix: "repogen_genfuzz_\(getpid())")
    }

    /// Runs `body` on a database reset to the canary alone; `conformingStrings: false` lends one where
    /// `standard_conforming_strings` is off for every session.
    func with<T: Sendable>(
        conformingStrings: Bool, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let name = try await lease(conformingStrings: conformingStrings)
        defer { idle[conformingStrings, default: []].append(name) }
        let url = await TestPostgres.shared.connectionURL(database: name)
        let database = try await Database.connect(
            DatabaseConfiguration(conninfo: url), pool: PoolConfiguration(minimum: 1, maximum: 1))
        return try await database.closing { db in
            try await db.runScript(
                "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; "
                    + "CREATE TABLE \(Self.canaryTable) (note text NOT NULL); "
                    + "INSERT INTO \(Self.canaryTable) VALUES ('\(Self.canaryNote)');")
            return try await body(db)
        }
    }

    private func lease(conformingStrings: Bool) async throws -> String {
        if let name = idle[conformingStrings]?.popLast() { return name }
        count += 1
        let name = "\(prefix)_\(count)"
        try await admin.runScript("CREATE DATABASE \(name)")
        all.append(name)
        if !conformingStrings {
            try await admin.runScript("ALTER DATABASE \(name) SET standard_conforming_strings = off")
        }
        return name
    }

    /// Drops every database and closes the admin connection.
    func close() async {
        for name in all {
            try? await admin.runScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
        await admin.close()
    }

    /// nil when the canary table still holds exactly its row, else what happened to it.
    static func canaryProblem(in db: Database) async -> String? {
        let statement = PostgresStatement(
            name: "genfuzz_canary", sql: "SELECT note FROM \(canaryTable)", parameterTypes: [])
        do {
            let notes = try await db.run(statement, PostgresBindings()).decodeRows { try $0.decode(String.self, at: 0) }
            return notes == [canaryNote] ? nil : "the canary table holds \(notes) instead of its one row"
        } catch {
            return "the canary table cannot be read: \(error)"
        }
    }
}
