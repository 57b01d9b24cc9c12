import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Connection")
struct ConnectionTests {
    @Test("connects with application_name repogen and UTF8")
    func connectsWithSettings() async throws {
        try await withTestDatabase { db throws in
            #expect(try await db.scalar(String.self, "SELECT current_setting('application_name')") == "repogen")
            #expect(try await db.scalar(String.self, "SELECT current_setting('client_encoding')") == "UTF8")
        }
    }

    @Test("libpq calls run on the connection's own named thread, not the cooperative pool")
    func runsOnDedicatedThread() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let seen = try await connection.threadNameSeenByJobs()
        #expect(seen == connection.threadName)
        #expect(seen.hasPrefix("repogen.pg."))
        await connection.close()
    }
}
