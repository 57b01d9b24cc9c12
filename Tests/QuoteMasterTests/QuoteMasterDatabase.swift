import QuoteMaster
import RepogenRuntime
import RepogenTesting

/// Opens a fresh, migrated Quote Master database for one test and closes it after `body`.
func withQuoteMasterDatabase<T>(_ body: (Database) async throws -> T) async throws -> T {
    try await withTestDatabase(migrations: QuoteMasterSchema.migrations, body)
}

/// Inserts a user with a unique e-mail address.
func makeUser(_ db: some DatabaseExecutor, _ name: String = "ada") async throws -> User {
    try await db.users.create(NewUser(email: "\(name)@example.com", displayName: name.capitalized))
}
