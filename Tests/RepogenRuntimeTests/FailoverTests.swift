import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Failover with a multi-host URL (`target_session_attrs=read-write`) on a real primary and streaming replica:
/// under a write load the primary stops (a clean shutdown, which ships all its WAL to the replica) and the replica
/// is promoted. Writes resume on the new primary; every acknowledged commit is there; a write reported as failed is
/// not; the ones in flight are reported as `commitOutcomeUnknown`.
@Suite struct FailoverTests {
    /// What the application was told about one write.
    enum Outcome: Sendable {
        case acknowledged
        case unknown
        case failed
    }

    /// The outcome of every write of the load, by id.
    final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Int32: Outcome] = [:]
        private var nextID: Int32 = 0
        private(set) var acknowledgedAfterPromotion = 0
        var promoted = false
        var stopping = false

        func next() -> Int32 { lock.withLock { nextID += 1; return nextID } }
        func record(_ id: Int32, _ outcome: Outcome) {
            lock.withLock {
                outcomes[id] = outcome
                if outcome == .acknowledged, promoted { acknowledgedAfterPromotion += 1 }
            }
        }
        func ids(_ wanted: Outcome) -> Set<Int32> {
            lock.withLock { Set(outcomes.filter { $0.value == wanted }.keys) }
        }
        var acknowledgedCount: Int { lock.withLock { outcomes.values.count { $0 == .acknowledged } } }
    }

    static let insert = PostgresStatement(
        name: "failover_insert", sql: "INSERT INTO orders (id) VALUES ($1::int)", parameterTypes: [.int4])

    @Test func writesResumeOnThePromotedReplicaAndNoAcknowledgedCommitIsLost() async throws {
        let primary = try await TestCluster.start()
        defer { Task { await primary.destroy() } }
        let setup = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: try await primary.createDatabase("shop")))
        try await setup.runScript("CREATE TABLE orders (id int PRIMARY KEY)")
        await setup.close()
        let replica = try await primary.startReplica()
        defer { Task { await replica.destroy() } }
        let url = "postgresql://postgres@/shop?host=\(primary.socketDirectory),\(replica.socketDirectory)"
            + "&target_session_attrs=read-write&connect_timeout=2"
        let options = DatabaseOptions(circuitBreaker: .init(failureThreshold: 1_000, openDuration: .milliseconds(50)))
        let db = try await Database.connect(
            DatabaseConfiguration(conninfo: url), pool: .init(minimum: 2, maximum: 4), options: options)
        let ledger = Ledger()
        try await db.closing { db in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { await Self.writeLoad(db, ledger) }
                }
                #expect(await eventually(within: .seconds(30)) { ledger.acknowledgedCount >= 50 })
                try await primary.stop()
                try await replica.promote()
                ledger.promoted = true
                #expect(await eventually(within: .seconds(60)) { ledger.acknowledgedAfterPromotion >= 50 })
                ledger.stopping = true
                try await group.waitForAll()
            }
        }
        let survivor = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: replica.url(database: "shop")))
        defer { Task { await survivor.close() } }
        let stored = try await survivor.run(
            PostgresStatement(name: "failover_ids", sql: "SELECT id FROM orders", parameterTypes: []), PostgresBindings()
        ).decodeRows { try $0.decode(Int32.self, at: 0) }
        let present = Set(stored)
        let acknowledged = ledger.ids(.acknowledged)
        #expect(acknowledged.isSubset(of: present), "acknowledged commits lost: \(acknowledged.subtracting(present).sorted())")
        #expect(ledger.ids(.failed).isDisjoint(with: present), "a write reported as failed was committed")
        #expect(present.isSubset(of: acknowledged.union(ledger.ids(.unknown))))
        #expect(ledger.acknowledgedAfterPromotion >= 50)
    }

    /// Inserts new ids one after another until told to stop, recording what each insert reported.
    private static func writeLoad(_ db: Database, _ ledger: Ledger) async {
        while !ledger.stopping {
            let id = ledger.next()
            var binds = PostgresBindings(capacity: 1)
            binds.append(id)
            do {
                _ = try await db.run(insert, binds)
                ledger.record(id, .acknowledged)
            } catch let error as RepogenError where error.kind == .commitOutcomeUnknown {
                ledger.record(id, .unknown)
            } catch {
                ledger.record(id, .failed)
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }
}
