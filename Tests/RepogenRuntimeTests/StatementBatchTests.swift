import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Runs `executions` as the pool runs statements it queued: on the connection's own thread, as one batch.
private func onThread(_ connection: PostgresConnection, _ executions: [Execution]) async throws
    -> [Result<PostgresQueryResult, any Error>]
{
    try await connection.worker.run { connection.executeOnThread(executions) }
}

private func value(_ outcome: Result<PostgresQueryResult, any Error>) throws -> Int? {
    try outcome.get().decodeFirst { try $0.decode(Int.self, at: 0) }
}

private func execution(_ sql: String, _ bind: Int) -> Execution {
    Execution(statement: statement(sql, readOnly: true), binds: binds { $0.append(bind) })
}

@Suite("Statement batches: the one engine, against PostgreSQL")
struct StatementBatchTests {
    @Test("a tenant's statement outside a transaction is one batch: the statement sees the setting, which ends with it")
    func tenantStatementIsOneRoundTrip() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let setting = read("SELECT coalesce(current_setting('app.tenant_id', true), '')")
            let connection = try await db.withConnection { $0 }
            let before = connection.batchesSent.current
            let seen = try await TenantContext.withTenant("tenant-7") {
                try await db.run(setting, PostgresBindings()).decodeFirst { try $0.decode(String.self, at: 0) }
            }
            #expect(seen == "tenant-7")
            #expect(connection.batchesSent.current == before + 1, "set_config and the statement in one round trip")
            let after = try await db.run(setting, PostgresBindings()).decodeFirst { try $0.decode(String.self, at: 0) }
            #expect(after == "", "the setting ended with the batch's transaction")
        }
    }

    @Test("a failing statement of a tenant's batch rolls back its set_config and fails alone")
    func tenantStatementFailure() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let failing = statement("SELECT 1 / 0")
            let error = await #expect(throws: RepogenError.self) {
                try await TenantContext.withTenant("tenant-8") { try await db.run(failing, PostgresBindings()) }
            }
            #expect(error?.sqlState == "22012")
            #expect(try await db.scalar(String.self, "SELECT coalesce(current_setting('app.tenant_id', true), '')") == "")
        }
    }

    @Test("when one statement of a shared sync fails, the others run again alone, each with its own outcome")
    func failedGroupRunsAgainAlone() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        try await connection.runScript(
            "CREATE TABLE notes (id bigint PRIMARY KEY); CREATE FUNCTION note(v bigint) RETURNS bigint "
                + "LANGUAGE sql AS 'INSERT INTO notes VALUES (v) RETURNING v'")
        let before = connection.batchesSent.current
        let outcomes = try await onThread(
            connection,
            [execution("SELECT note($1)", 1), execution("SELECT 10 / $1::bigint", 0), execution("SELECT note($1)", 2)])
        #expect(try value(outcomes[0]) == 1)
        #expect(throws: RepogenError.self) { try value(outcomes[1]) }
        #expect(try value(outcomes[2]) == 2)
        #expect(connection.batchesSent.current == before + 4, "the group, then each statement alone")
        let notes = try await connection.scalar(String.self, "SELECT string_agg(id::text, ',' ORDER BY id) FROM notes")
        #expect(notes == "1,2", "the group's inserts were rolled back, then each ran once")
        await connection.close()
    }

    @Test("statements the server no longer has (26000) are prepared again inside a batch and in a tenant's batch")
    func unpreparedInsideBatch() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let group = [execution("SELECT $1::bigint + 1", 1), execution("SELECT $1::bigint + 2", 1)]
        #expect(try await onThread(connection, group).map(value) == [2, 3])
        try await connection.runScript("DEALLOCATE ALL")
        #expect(try await onThread(connection, group).map(value) == [2, 3])

        let sum = read("SELECT $1::bigint + 3")
        _ = try await connection.execute(sum, binds { $0.append(1) }, prelude: TenantContext.setting("t"))
        try await connection.runScript("DEALLOCATE ALL")
        let before = connection.batchesSent.current
        let result = try await connection.execute(sum, binds { $0.append(1) }, prelude: TenantContext.setting("t"))
        #expect(try result.decodeFirst { try $0.decode(Int.self, at: 0) } == 4)
        // set_config and the statement were both deallocated: each try finds one of them unprepared.
        #expect(connection.batchesSent.current == before + 3, "the batch, then the whole batch again twice")
        await connection.close()
    }

    @Test("a statement with the wrong number of binds fails alone without being sent; its batch's others run")
    func refusedExecution() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let twoBinds = PostgresStatement(name: "two", sql: "SELECT $1::int8 + $2::int8", parameterTypes: [.int8, .int8])
        let outcomes = try await onThread(
            connection, [execution("SELECT $1::bigint", 5), Execution(statement: twoBinds, binds: binds { $0.append(1) })])
        #expect(try value(outcomes[0]) == 5)
        let refused = #expect(throws: RepogenError.self) { try value(outcomes[1]) }
        #expect(refused?.message.contains("expected 2 bind values, got 1") == true)
        await connection.close()
    }

    @Test("a bind value too long for the protocol is refused with an error, never a trap; its batch's others run")
    func oversizedValueRefused() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        var oversized = binds { $0.append(1) }
        _ = oversized.wireLength(Int(Int32.max) + 1)  // what appending a 2 GiB value notes; too large to build here
        let refusedRead = Execution(statement: read("SELECT $1::bigint"), binds: oversized)
        let outcomes = try await onThread(connection, [execution("SELECT $1::bigint", 5), refusedRead])
        #expect(try value(outcomes[0]) == 5)
        let refused = #expect(throws: RepogenError.self) { try value(outcomes[1]) }
        #expect(refused?.kind == .invalidArgument && refused?.message.contains("2147483648 bytes") == true)
        await connection.close()
    }
}
