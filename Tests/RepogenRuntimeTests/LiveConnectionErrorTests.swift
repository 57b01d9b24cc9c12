import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Errors the server sends as a plain ERROR leave the connection usable: they are the statement's own failure, never
/// a lost connection (which would turn a write into `commitOutcomeUnknown`, retry it and trip the breaker).
@Suite("Server errors on a connection that goes on")
struct LiveConnectionErrorTests {
    /// A breaker that one connection loss opens, so a misclassified error shows.
    static let options = DatabaseOptions(circuitBreaker: .init(failureThreshold: 1, openDuration: .seconds(60)))

    /// A child table whose foreign key is checked when the transaction commits, and a function that inserts into it.
    static let deferredSchema = """
        CREATE TABLE parents (id bigint PRIMARY KEY);
        CREATE TABLE children (parent_id bigint REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
        CREATE FUNCTION adopt(v bigint) RETURNS bigint LANGUAGE sql AS 'INSERT INTO children VALUES (v) RETURNING v';
        """

    @Test("a deferred constraint failing at the sync's commit is a constraint violation; the connection goes on")
    func commitFailureOutsideTransaction() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1), options: Self.options) { db throws in
            try await db.runScript(Self.deferredSchema)
            let backend = try await db.scalar(Int32.self, "SELECT pg_backend_pid()")
            let orphan = statement("INSERT INTO children VALUES (42)")
            let error = await #expect(throws: RepogenError.self) { try await db.run(orphan, PostgresBindings()) }
            #expect(error?.kind == .constraintViolation && error?.sqlState == "23503")
            #expect(try await db.scalar(Int32.self, "SELECT pg_backend_pid()") == backend, "the same connection")
            #expect(try await db.scalar(Int64.self, "SELECT count(*) FROM children") == 0)
            #expect(db.circuitBreakerState == .closed)
        }
    }

    @Test("a commit failure of a shared sync runs each statement again alone: only the guilty one fails")
    func commitFailureInGroup() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        try await connection.runScript(Self.deferredSchema)
        let plain = Execution(statement: read("SELECT $1::bigint"), binds: binds { $0.append(7) })
        let orphan = Execution(statement: read("SELECT adopt($1)"), binds: binds { $0.append(42) })
        let outcomes = try await connection.worker.run { connection.executeOnThread([plain, orphan]) }
        #expect(try outcomes[0].get().decodeFirst { try $0.decode(Int.self, at: 0) } == 7)
        let error = #expect(throws: RepogenError.self) { try outcomes[1].get() }
        #expect(error?.sqlState == "23503" && error?.isConnectionLoss == false)
        #expect(!connection.isBroken)
        #expect(try await connection.scalar(Int64.self, "SELECT count(*) FROM children") == 0)
        await connection.close()
    }

    @Test("08P01 sent as an ERROR (a bind message that does not fit its statement) is not retried")
    func protocolViolationIsNotALostConnection() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1), options: Self.options) { db throws in
            let mismatched = read("SELECT $1::int")  // no declared types, so the client cannot count the binds
            let before = db.statementsExecuted
            let error = await #expect(throws: RepogenError.self) { try await db.run(mismatched, PostgresBindings()) }
            #expect(error?.sqlState == "08P01" && error?.kind == .queryFailed)
            #expect(error?.isTransient == false)
            #expect(db.statementsExecuted == before + 1, "sent once, not retried")
            #expect(db.circuitBreakerState == .closed)
            #expect(try await db.scalar(Int.self, "SELECT 1") == 1)
        }
    }
}
