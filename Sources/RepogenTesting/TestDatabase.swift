import RepogenRuntime

/// A fresh database for one test, cloned from a template with the test's migrations already applied.
///
/// ```swift
/// let testDB = try await TestPostgres.shared.makeDatabase(migrations: QuoteMasterSchema.migrations)
/// let db = try await testDB.connect()
/// defer { Task { await db.close() } }
/// ```
public struct TestDatabase: Sendable {
    /// The database's unique name.
    public let name: String
    /// A `postgresql://` URL (or the conninfo derived from `DATABASE_URL`) that reaches this database.
    public let url: String

    /// Creates a handle; `TestPostgres.makeDatabase` is the usual way to get one.
    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// Opens a pooled `Database` on this test database.
    public func connect(
        pool: PoolConfiguration = .init(minimum: 1, maximum: 4), options: DatabaseOptions = .init()
    ) async throws -> Database {
        try await Database.connect(DatabaseConfiguration(conninfo: url), pool: pool, options: options)
    }
}

/// Why the throwaway PostgreSQL server could not be provided.
public struct TestPostgresError: Error, CustomStringConvertible, Sendable {
    /// What failed, with the tail of the tool's output when there is one.
    public let description: String
}
