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

    @Test("replies that keep outlasting the inline wait make tasks skip it, and skipped waits still return results")
    func slowRepliesInARowSkipTheInlineWait() async throws {
        var policy = InlineWaitPolicy()
        var decisions: [Bool] = []
        func admit(_ count: Int, repliesInTime: Bool) {
            for _ in 0..<count {
                let admitted = policy.admitsWait()
                decisions.append(admitted)
                policy.record(admitted ? (repliesInTime ? .replied : .outlasted) : .skipped)
            }
        }
        let (slow, probe) = (InlineWaitPolicy.slowRepliesBeforeSkipping, InlineWaitPolicy.probeEvery)
        admit(slow + 2 * probe, repliesInTime: false)  // waits, then skips with a probe every `probe`-th task
        admit(probe + 1, repliesInTime: true)  // the next probe comes in time: every task waits again
        let skipped = Array(repeating: false, count: probe - 1)
        let expected =
            Array(repeating: true, count: slow) + skipped + [true] + skipped + [true] + skipped + [true, true]
        #expect(decisions == expected)
        #expect(policy.skips == 3 * (probe - 1))

        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(
            DatabaseConfiguration(conninfo: testDatabase.url), inlineWait: .milliseconds(1))
        let sleep = PostgresStatement(name: "sleep", sql: "SELECT pg_sleep(0.02)::text", parameterTypes: [])
        // A wait crowded out by other tests' inline waiters counts neither way, hence more than four statements.
        for _ in 0..<3 * InlineWaitPolicy.slowRepliesBeforeSkipping {
            _ = try await connection.run(sleep, PostgresBindings())
        }
        #expect(connection.inlineWaits.skips >= 1, "20 ms replies in a row outlast a 1 ms inline wait")
        let echo = PostgresStatement(name: "echo", sql: "SELECT $1::int8 + 0", parameterTypes: [.int8])
        for value in Int64(1)...3 {
            var binds = PostgresBindings()
            binds.append(value)
            let result = try await connection.run(echo, binds)
            #expect(try result.decodeFirst { try $0.decode(Int64.self, at: 0) } == value)
        }
        await connection.close()
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
