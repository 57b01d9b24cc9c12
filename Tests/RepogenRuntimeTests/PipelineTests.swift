import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// `runBatched` over inputs large enough for a pipeline (6,000 values: three executions of 2,000).
@Suite("Pipelined statements")
struct PipelineTests {
    static let values = (0..<6_000).map { Int64($0) * 3 }
    static let echo = PostgresStatement(
        name: "test_pipeline_echo", sql: "SELECT n FROM unnest($1::int8[]) WITH ORDINALITY AS u(n, i) ORDER BY i",
        parameterTypes: [.int8Array])

    @Test("every chunk's rows come back, in input order, and the connection is idle and usable afterwards")
    func rowsInInputOrder() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let rows = try await connection.runBatched(
            Self.echo, Self.values, binds: { chunk in binds { $0.appendArray(Array(chunk)) } },
            decode: { try $0.decode(Int64.self, at: 0) })
        #expect(rows == Self.values)
        #expect(connection.statementsExecuted == 1)
        #expect(try await connection.scalar(Int32.self, "SELECT 41 + 1") == 42)
        try await connection.runScript("DEALLOCATE ALL")  // the next pipeline fails with 26000, prepares, runs again
        let again = try await connection.runBatched(
            Self.echo, Self.values, binds: { chunk in binds { $0.appendArray(Array(chunk)) } },
            decode: { try $0.decode(Int64.self, at: 0) })
        #expect(again == Self.values)
        await connection.close()
    }

    @Test("a connection lost in the middle of the pipeline is a connectionFailed error and is not reused")
    func lostConnection() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let suicidal = PostgresStatement(
            name: "test_pipeline_terminate",
            sql: "SELECT n, CASE WHEN n = 13500 THEN pg_terminate_backend(pg_backend_pid()) END"
                + " FROM unnest($1::int8[]) AS n",
            parameterTypes: [.int8Array])
        let error = await #expect(throws: RepogenError.self) {
            _ = try await connection.runBatched(
                suicidal, Self.values, binds: { chunk in binds { $0.appendArray(Array(chunk)) } },
                decode: { try $0.decode(Int64.self, at: 0) })
        }
        #expect(error?.kind == .connectionFailed)
        #expect(connection.isBroken)
        await connection.close()
    }

    @Test("COPY in a pipeline is a typed error, and the pool replaces the connection it leaves behind")
    func copyIsRefused() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let copy = PostgresStatement(
                name: "test_pipeline_copy", sql: "COPY (SELECT 1) TO STDOUT", parameterTypes: [])
            let error = await #expect(throws: RepogenError.self) {
                _ = try await db.runBatched(
                    copy, Self.values, binds: { _ in PostgresBindings() }, decode: { try $0.decode(Int32.self, at: 0) })
            }
            #expect(error?.message.contains("COPY is not supported by runBatched") == true)
            #expect(try await db.scalar(Int32.self, "SELECT 41 + 1") == 42)
        }
    }

    @Test("a bare connection a pipeline abandoned refuses the next statement instead of waiting for it forever")
    func abandonedConnectionRefusesStatements() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let copy = PostgresStatement(
            name: "test_pipeline_copy_bare", sql: "COPY (SELECT 1) TO STDOUT", parameterTypes: [])
        _ = try? await connection.runBatched(
            copy, Self.values, binds: { _ in PostgresBindings() }, decode: { try $0.decode(Int32.self, at: 0) })
        let error = await #expect(throws: RepogenError.self) {
            _ = try await connection.scalar(Int32.self, "SELECT 1")
        }
        #expect(error?.kind == .connectionFailed)
        await connection.close()
    }
}
