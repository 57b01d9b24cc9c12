import QuoteMaster
import RepogenRuntime
import RepogenTesting

/// Opens a fresh, migrated Quote Master database for one test and closes it after `body`.
func withQuoteMasterDatabase<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
    let database = try await TestPostgres.shared.makeDatabase(migrations: QuoteMasterSchema.migrations)
    let db = try await database.connect()
    do {
        let result = try await body(db)
        await db.close()
        return result
    } catch {
        await db.close()
        throw error
    }
}

/// Inserts a user with a unique e-mail address.
func makeUser(_ db: some DatabaseExecutor, _ name: String = "ada") async throws -> User {
    try await db.users.create(NewUser(email: "\(name)@example.com", displayName: name.capitalized))
}
