import Foundation
import RepogenRuntime
import RepogenTesting

/// Creates and drops one database per check on the test server (`DATABASE_URL`, else a throwaway cluster), each
/// holding a canary table with one row that no generated SQL may touch.
///
/// A database lives only as long as one check: a run that goes on for hours would otherwise fill the disk.
actor ScratchDatabases {
    /// The canary table: created before any generated SQL runs, checked after it.
    static let canaryTable = "zz_repogen_canary"
    static let canaryNote = "canary row: generated SQL must never touch it"

    private let admin: Database
    private var count = 0
    private let prefix: String

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

    /// Runs `body` on a fresh database with the canary; `conformingStrings: false` sets
    /// `standard_conforming_strings = off` for every session of it. The database is dropped afterwards.
    func with<T: Sendable>(
        conformingStrings: Bool, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        count += 1
        let name = "\(prefix)_\(count)"
        try await admin.runScript("CREATE DATABASE \(name)")
        do {
            let value = try await prepared(name, conformingStrings: conformingStrings, body)
            try await drop(name)
            return value
        } catch {
            try? await drop(name)
            throw error
        }
    }

    private func prepared<T: Sendable>(
        _ name: String, conformingStrings: Bool, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        if !conformingStrings {
            try await admin.runScript("ALTER DATABASE \(name) SET standard_conforming_strings = off")
        }
        let url = await TestPostgres.shared.connectionURL(database: name)
        let database = try await Database.connect(
            DatabaseConfiguration(conninfo: url), pool: PoolConfiguration(minimum: 1, maximum: 1))
        return try await closing(database) { db in
            try await db.runScript(
                "CREATE TABLE \(Self.canaryTable) (note text NOT NULL); "
                    + "INSERT INTO \(Self.canaryTable) VALUES ('\(Self.canaryNote)');")
            return try await body(db)
        }
    }

    private func drop(_ name: String) async throws {
        try await admin.runScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Closes the admin connection.
    func close() async {
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
