import Foundation
import RepogenRuntime

/// The role tests run an application as: it logs in, is no superuser, cannot bypass row-level security and owns
/// no table, so the tenant policies apply to it exactly as in production (docs/security.md).
public enum TestApplicationRole {
    /// The role's name, the same on every test server.
    public static let name = "repogen_app"
    /// The role's password (test servers only; a throwaway cluster trusts local connections anyway).
    static let password = "repogen_app_test"
}

extension TestPostgres {
    /// A URL that logs in to `database` as `TestApplicationRole`, created on first use, with DML granted on every
    /// table and sequence the migrations made (the owner keeps DDL; the role owns nothing).
    public func applicationURL(for database: TestDatabase) async throws -> String {
        let owner = try await Database.connect(
            DatabaseConfiguration(conninfo: database.url), pool: .init(minimum: 1, maximum: 1))
        do {
            try await Self.createApplicationRole(on: owner)
            try await owner.runScript(Self.applicationGrants)
            await owner.close()
        } catch {
            await owner.close()
            throw error
        }
        return Self.replacingUser(
            in: database.url, user: TestApplicationRole.name, password: TestApplicationRole.password)
    }

    /// `CREATE ROLE` unless it exists; a concurrent creator's duplicate (42710) or a unique race (23505) is fine.
    static func createApplicationRole(on owner: Database) async throws {
        let create = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(TestApplicationRole.name)') THEN
                CREATE ROLE \(TestApplicationRole.name) LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
                  PASSWORD '\(TestApplicationRole.password)';
              END IF;
            END $$
            """
        do {
            try await owner.runScript(create)
        } catch let error as RepogenError where error.sqlState == "42710" || error.sqlState == "23505" {
            return
        }
    }

    static let applicationGrants = """
        GRANT USAGE ON SCHEMA public TO \(TestApplicationRole.name);
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(TestApplicationRole.name);
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \(TestApplicationRole.name);
        """

    /// The URL (or `key=value` conninfo) with its user and password replaced.
    static func replacingUser(in url: String, user: String, password: String) -> String {
        guard url.contains("://"), var components = URLComponents(string: url) else {
            return url + " user=\(user) password=\(password)"
        }
        components.user = user
        components.password = password
        return components.string ?? url
    }
}

extension TestDatabase {
    /// Opens a pooled `Database` on this test database as `TestApplicationRole` (row-level security applies).
    public func connectAsApplication(
        pool: PoolConfiguration = .init(minimum: 1, maximum: 4), options: DatabaseOptions = .init()
    ) async throws -> Database {
        let url = try await TestPostgres.shared.applicationURL(for: self)
        return try await Database.connect(DatabaseConfiguration(conninfo: url), pool: pool, options: options)
    }
}

/// Runs `body` on a fresh database twice over: as the application role (`app`, row-level security applies) and as
/// the owning superuser (`owner`, which bypasses it); closes both pools afterwards. `body` runs in the caller's
/// isolation.
public func withApplicationTestDatabase<T>(
    migrations: [Migration], isolation: isolated (any Actor)? = #isolation,
    _ body: (_ app: Database, _ owner: Database) async throws -> T
) async throws -> T {
    let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: migrations)
    return try await testDatabase.connect().closing { owner in
        try await testDatabase.connectAsApplication().closing { app in
            try await body(app, owner)
        }
    }
}
