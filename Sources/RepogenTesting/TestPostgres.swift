import Foundation
import RepogenRuntime

/// A PostgreSQL server for tests and demos: `DATABASE_URL` when set, otherwise a throwaway cluster.
///
/// ```swift
/// @Test func createsUser() async throws {
///     let testDB = try await TestPostgres.shared.makeDatabase(migrations: QuoteMasterSchema.migrations)
///     let db = try await testDB.connect()
///     ...
/// }
/// ```
public actor TestPostgres {
    /// The process-wide server, started on first use.
    public static let shared = TestPostgres()

    private enum Server {
        case external(url: String)
        case throwaway(ThrowawayCluster)
    }

    private let server: Server
    private var startup: Task<Database, any Error>?
    private var templates: [String: Task<String, any Error>] = [:]
    private var databaseCount = 0
    private let runID = "\(getpid())_\(UUID().uuidString.prefix(6).lowercased())"

    /// Uses `DATABASE_URL` when set, else plans a throwaway cluster (started by the first request).
    public init() {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            server = .external(url: url)
        } else {
            server = .throwaway(ThrowawayCluster())
        }
    }

    /// A fresh, empty-of-data database cloned from a template to which `migrations` were applied; unique name.
    public func makeDatabase(migrations: [Migration]) async throws -> TestDatabase {
        databaseCount += 1
        let name = "repogen_test_\(runID)_\(databaseCount)"
        let admin = try await adminDatabase()
        let template = try await template(for: migrations)
        try await admin.runScript("CREATE DATABASE \(quoted(name)) TEMPLATE \(quoted(template))")
        registerForCleanup(name)
        return TestDatabase(name: name, url: connectionURL(database: name))
    }

    /// A connection string reaching `database` on this server.
    public func connectionURL(database: String) -> String {
        switch server {
        case .throwaway(let cluster):
            return "postgresql://postgres@/\(database)?host=\(cluster.socketDirectory)"
        case .external(let url):
            return Self.replacingDatabase(in: url, with: database)
        }
    }

    /// A URL to the server's `postgres` database, e.g. for a demo that creates its own database.
    public func serverURL() async throws -> String {
        _ = try await adminDatabase()
        return connectionURL(database: "postgres")
    }

    /// The admin connection to `postgres` (one connection, so database creation is serialized).
    ///
    /// Every test that makes a database queues here, so the wait is long when a whole suite starts at once on two
    /// cores (40 CREATE DATABASE in a row took more than the default 10 s): the queue is allowed five minutes.
    private func adminDatabase() async throws -> Database {
        if let startup {
            return try await startup.value
        }
        let task = Task { [server] in
            if case .throwaway(let cluster) = server {
                try await Self.onOwnThread { try cluster.start() }
            }
            let url = connectionURL(database: "postgres")
            let pool = PoolConfiguration(minimum: 1, maximum: 1, acquireTimeout: .seconds(300))
            return try await Database.connect(DatabaseConfiguration(conninfo: url), pool: pool)
        }
        startup = task
        return try await task.value
    }

    /// The template database for this exact migration list, created and migrated on first request.
    private func template(for migrations: [Migration]) async throws -> String {
        let key = Migration(
            version: 0, name: "", up: migrations.map { "\($0.version):\($0.checksum)" }.joined(separator: ","),
            down: nil
        ).checksum
        if let existing = templates[key] {
            return try await existing.value
        }
        let name = "repogen_template_\(runID)_\(key)"
        let task = Task {
            try await self.createTemplate(name, migrations: migrations)
            return name
        }
        templates[key] = task
        return try await task.value
    }

    private func createTemplate(_ name: String, migrations: [Migration]) async throws {
        let admin = try await adminDatabase()
        try await admin.runScript("CREATE DATABASE \(quoted(name))")
        registerForCleanup(name)
        let database = try await Database.connect(
            DatabaseConfiguration(conninfo: connectionURL(database: name)), pool: .init(minimum: 1, maximum: 1))
        do {
            try await database.migrate(migrations)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        try await admin.runScript("ALTER DATABASE \(quoted(name)) WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
    }

    private func registerForCleanup(_ database: String) {
        if case .external = server {
            TestCleanup.shared.registerExternalDatabase(database, adminConninfo: connectionURL(database: "postgres"))
        }
    }

    private func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Swaps the database in a URL's path, or appends `dbname=` to a key=value connection string.
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard url.contains("://"), var components = URLComponents(string: url) else {
            return url + " dbname=\(database)"
        }
        components.path = "/" + database
        return components.string ?? url
    }

    /// Runs blocking work (initdb, pg_ctl) on a thread of its own, never on Swift's cooperative pool.
    private static func onOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
