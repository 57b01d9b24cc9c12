import Foundation
import MetricsTestKit
import RepogenRuntime
import RepogenTesting
import Testing

/// Read replicas on a real primary and a real streaming replica (`pg_basebackup -R`) of a cluster of their own:
/// routing, read-your-writes while the replica's replay is paused, the lag limit, a replica that goes down and
/// comes back, and the routing metrics. Waits are bounded polls of state, never timings.
@Suite(.serialized) struct ReplicaTests {
    static let insert = PostgresStatement(
        name: "replica_insert", sql: "INSERT INTO notes (id, body) VALUES ($1::int, $2::text)", parameterTypes: [.int4, .text])
    static let find = PostgresStatement(
        name: "replica_find", sql: "SELECT body FROM notes WHERE id = $1::int", parameterTypes: [.int4], readOnly: true)
    /// True on a standby: tells which server answered a read.
    static let whoAnswers = PostgresStatement(
        name: "replica_who", sql: "SELECT pg_is_in_recovery()", parameterTypes: [], readOnly: true)
    static let whoAnswersAsWrite = PostgresStatement(
        name: "replica_who_write", sql: "SELECT pg_is_in_recovery()", parameterTypes: [])

    /// A primary with a `notes` table and a replica of it, a `Database` over both, and a direct connection to
    /// the replica (to pause and resume replay).
    private func withReplicatedDatabase<T>(
        _ configuration: (DatabaseConfiguration) -> ReplicaConfiguration, metrics: TestMetrics = TestMetrics(),
        _ body: (Database, TestCluster, PostgresConnection) async throws -> T
    ) async throws -> T {
        let primary = try await TestCluster.start()
        defer { Task { await primary.destroy() } }
        let url = try await primary.createDatabase("notes")
        let setup = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: url))
        try await setup.runScript("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)")
        await setup.close()
        let replica = try await primary.startReplica()
        defer { Task { await replica.destroy() } }
        let replicaConfiguration = DatabaseConfiguration(conninfo: replica.url(database: "notes"))
        let control = try await PostgresConnection.connect(replicaConfiguration)
        let db = try await Database.connect(
            DatabaseConfiguration(conninfo: url), replicas: configuration(replicaConfiguration),
            options: DatabaseOptions(metricsFactory: metrics))
        return try await db.closing { db in
            defer { Task { await control.close() } }
            return try await body(db, replica, control)
        }
    }

    private func note(_ db: Database, _ id: Int32, _ body: String) async throws {
        var binds = PostgresBindings(capacity: 2)
        binds.append(id)
        binds.append(body)
        _ = try await db.run(Self.insert, binds)
    }

    private func body(_ db: Database, _ id: Int32) async throws -> String? {
        var binds = PostgresBindings(capacity: 1)
        binds.append(id)
        return try await db.run(Self.find, binds).decodeFirst { try $0.decode(String.self, at: 0) }
    }

    private func answeredByReplica(_ db: Database, _ statement: PostgresStatement = whoAnswers) async throws -> Bool {
        try await db.run(statement, PostgresBindings()).decodeFirst { try $0.decode(Bool.self, at: 0) } ?? false
    }

    @Test func readsGoToTheReplicaAndEverythingElseToThePrimary() async throws {
        let metrics = TestMetrics()
        try await withReplicatedDatabase({ ReplicaConfiguration([$0]) }, metrics: metrics) { db, _, _ in
            #expect(try await answeredByReplica(db))
            #expect(try await answeredByReplica(db, Self.whoAnswersAsWrite) == false)
            let inTransaction = try await db.transaction { tx in
                try await tx.run(Self.whoAnswers, PostgresBindings()).decodeFirst { try $0.decode(Bool.self, at: 0) }
            }
            #expect(inTransaction == false)
            let routed = try metrics.expectCounter(
                RepositoryMetricName.readsRouted, [("target", "replica"), ("reason", "replayed")])
            #expect(routed.totalValue == 1)
            #expect(db.replicaStates.map(\.healthy) == [true])
        }
    }

    @Test func aWriterReadsItsWriteWhileReplayIsPausedAndOthersReadTheReplica() async throws {
        try await withReplicatedDatabase({ ReplicaConfiguration([$0]) }) { db, _, control in
            try await control.runScript("SELECT pg_wal_replay_pause()")
            let (mine, mineOnReplica) = try await ReadYourWrites.scope {
                try await note(db, 1, "mine")
                return (try await body(db, 1), try await answeredByReplica(db))
            }
            #expect(mine == "mine" && !mineOnReplica)
            let (onReplica, found) = try await ReadYourWrites.scope {
                (try await answeredByReplica(db), try await body(db, 1))
            }
            #expect(onReplica)
            #expect(found == nil, "the paused replica has not replayed another scope's write")
            #expect(try await body(db, 1) == "mine", "outside a scope, reads wait for every write of the database")
            try await control.runScript("SELECT pg_wal_replay_resume()")
            let replayed = await eventually(within: .seconds(30)) {
                await ReadYourWrites.scope {
                    let onReplica = (try? await answeredByReplica(db)) == true
                    let found = try? await body(db, 1)
                    return onReplica && found == "mine"
                }
            }
            #expect(replayed)
        }
    }

    @Test func waitThenPrimaryWaitsForReplayInsteadOfGoingToThePrimary() async throws {
        let metrics = TestMetrics()
        let policy: (DatabaseConfiguration) -> ReplicaConfiguration = {
            ReplicaConfiguration([$0], readYourWrites: .waitThenPrimary(.seconds(10)))
        }
        try await withReplicatedDatabase(policy, metrics: metrics) { db, _, _ in
            try await note(db, 2, "waited for")
            #expect(try await body(db, 2) == "waited for")
            let routed = try metrics.expectCounter(
                RepositoryMetricName.readsRouted, [("target", "replica"), ("reason", "replayed")])
            #expect(routed.totalValue == 1)
        }
    }

    @Test func aLaggingReplicaIsSkippedUntilItCatchesUp() async throws {
        let policy: (DatabaseConfiguration) -> ReplicaConfiguration = {
            ReplicaConfiguration([$0], maximumLag: .milliseconds(300), monitorInterval: .milliseconds(20))
        }
        try await withReplicatedDatabase(policy) { db, _, control in
            try await control.runScript("SELECT pg_wal_replay_pause()")
            var id: Int32 = 100
            let skipped = await eventually(within: .seconds(30)) {
                id += 1
                try? await note(db, id, "load")
                return db.replicaStates.first?.healthy == false
            }
            #expect(skipped)
            #expect(try await ReadYourWrites.scope { try await answeredByReplica(db) } == false)
            try await control.runScript("SELECT pg_wal_replay_resume()")
            let back = await eventually(within: .seconds(30)) { db.replicaStates.first?.healthy == true }
            #expect(back)
            #expect(try await ReadYourWrites.scope { try await answeredByReplica(db) })
        }
    }

    @Test func aReplicaThatGoesDownIsSkippedAndComesBack() async throws {
        let metrics = TestMetrics()
        let policy: (DatabaseConfiguration) -> ReplicaConfiguration = {
            ReplicaConfiguration([$0], monitorInterval: .milliseconds(20))
        }
        try await withReplicatedDatabase(policy, metrics: metrics) { db, replica, _ in
            try await replica.stop(immediate: true)
            for _ in 0..<5 {
                #expect(try await answeredByReplica(db) == false)
            }
            #expect(db.replicaStates.first?.healthy == false)
            try await replica.startServer()
            let back = await eventually(within: .seconds(30)) { (try? await answeredByReplica(db)) == true }
            #expect(back)
        }
    }
}
