import RepogenRuntime

/// Runs `body` on a fresh database cloned from a template with `migrations` applied, and closes its pool
/// afterwards, whether `body` returns or throws; `body` runs in the caller's isolation (a `@MainActor` test's).
///
/// ```swift
/// @Test func createsAUser() async throws {
///     try await withTestDatabase(migrations: QuoteMasterSchema.migrations) { db in
///         _ = try await db.users.create(NewUser(email: "ada@example.com", displayName: "Ada"))
///     }
/// }
/// ```
public func withTestDatabase<T>(
    migrations: [Migration] = [], pool: PoolConfiguration = .init(minimum: 1, maximum: 4),
    options: DatabaseOptions = .init(), isolation: isolated (any Actor)? = #isolation,
    _ body: (Database) async throws -> T
) async throws -> T {
    let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: migrations)
    return try await testDatabase.connect(pool: pool, options: options).closing(after: body)
}

