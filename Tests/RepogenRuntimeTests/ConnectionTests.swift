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

    @Test("connecting, closing and handed-off waits run on the connection's own named thread")
    func runsOnDedicatedThread() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let seen = try await connection.worker.run { ConnectionThread.currentOSThreadName() }
        #expect(seen == connection.threadName)
        #expect(seen.hasPrefix("repogen.pg."))
        await connection.close()
    }

    @Test("a reply slower than the inline wait is awaited on the connection's thread, not the caller's")
    func slowRepliesAreHandedOff() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let configuration = DatabaseConfiguration(conninfo: testDatabase.url)
        let inline = try await PostgresConnection.connect(configuration, inlineWait: .milliseconds(1))
        let sleep = PostgresStatement(name: "sleep", sql: "SELECT pg_sleep(0.05)::text", parameterTypes: [])
        _ = try await inline.run(sleep, PostgresBindings())
        #expect(inline.handedOffWaits.current >= 1, "a 50 ms statement outlasts a 1 ms inline wait")
        await inline.close()

        let alwaysHandedOff = try await PostgresConnection.connect(configuration, inlineWait: .zero)
        let select = PostgresStatement(name: "one", sql: "SELECT 1", parameterTypes: [])
        for _ in 0..<3 {
            let result = try await alwaysHandedOff.run(select, PostgresBindings())
            #expect(try result.decodeFirst { try $0.decode(Int32.self, at: 0) } == 1)
        }
        #expect(alwaysHandedOff.handedOffWaits.current >= 3, "inlineWait .zero hands every wait off")
        await alwaysHandedOff.close()
    }

    @Test("two tasks sharing one bare connection take turns instead of interleaving on the socket")
    func concurrentCallersTakeTurns() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: testDatabase.url))
        let echo = PostgresStatement(name: "echo", sql: "SELECT $1::int8 + 0", parameterTypes: [.int8])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        var binds = PostgresBindings()
                        binds.append(Int64(task * 1000 + index))
                        let result = try await connection.run(echo, binds)
                        let value = try result.decodeFirst { try $0.decode(Int64.self, at: 0) }
                        #expect(value == Int64(task * 1000 + index))
                    }
                }
            }
            try await group.waitForAll()
        }
        await connection.close()
    }
}
