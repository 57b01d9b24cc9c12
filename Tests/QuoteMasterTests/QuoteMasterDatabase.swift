import QuoteMaster
import RepogenRuntime
import RepogenTesting

/// Opens a fresh, migrated Quote Master database for one test and closes it after `body`.
///
/// The tests connect as the application role (`repogen_app`: no superuser, no BYPASSRLS, owns nothing, DML
/// grants only), as a production application should; the migrations ran as the owner when the template
/// was made.
func withQuoteMasterDatabase<T>(_ body: (Database) async throws -> T) async throws -> T {
    let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: QuoteMasterSchema.migrations)
    return try await testDatabase.connectAsApplication().closing(after: body)
}

/// Inserts a user with a unique e-mail address.
func makeUser(_ db: some DatabaseExecutor, _ name: String = "ada") async throws -> User {
    try await db.users.create(NewUser(email: "\(name)@example.com", displayName: name.capitalized))
}
