import Foundation
import RepogenRuntime

/// A PostgreSQL cluster of its own that a test may stop, start and restart without disturbing other tests.
///
/// Needs the server binaries (initdb, pg_ctl); deleted at process exit like the shared throwaway cluster.
/// ```swift
/// let cluster = try await TestCluster.start()
/// let db = try await Database.connect(url: cluster.url())
/// try await cluster.restart()
/// await cluster.destroy()
/// ```
public final class TestCluster: Sendable {
    private let cluster: ThrowawayCluster

    private init(cluster: ThrowawayCluster) {
        self.cluster = cluster
    }

    /// Whether the server binaries are installed, so a dedicated cluster can be made.
    public static var isAvailable: Bool {
        (try? ThrowawayCluster.binaryDirectory()) != nil
    }

    /// Creates and starts a new cluster (initdb + pg_ctl start).
    public static func start() async throws -> TestCluster {
        let cluster = ThrowawayCluster()
        try await onOwnThread { try cluster.start() }
        return TestCluster(cluster: cluster)
    }

    /// The directory of the server's Unix socket (a libpq `host`), e.g. for a multi-host URL.
    public var socketDirectory: String {
        cluster.socketDirectory
    }

    /// A URL reaching `database` on this cluster through its Unix socket.
    public func url(database: String = "postgres") -> String {
        "postgresql://postgres@/\(database)?host=\(cluster.socketDirectory)"
    }

    /// Stops the server; `immediate` kills it without a clean shutdown (like a crash).
    public func stop(immediate: Bool = false) async throws {
        let mode = immediate ? "immediate" : "fast"
        try await Self.onOwnThread { [cluster] in try cluster.pgCtl(["stop", "-m", mode]) }
    }

    /// Starts the server again after `stop`.
    public func startServer() async throws {
        try await Self.onOwnThread { [cluster] in try cluster.pgCtl(["start"]) }
    }

    /// Restarts the server (pg_ctl restart -m fast): every connection is closed by the server.
    public func restart() async throws {
        try await Self.onOwnThread { [cluster] in try cluster.pgCtl(["restart", "-m", "fast"]) }
    }

    /// Creates and starts a streaming replica of this cluster (`pg_basebackup -R`), a hot standby that takes reads.
    ///
    /// Its replay can be paused with `SELECT pg_wal_replay_pause()` (and resumed with `pg_wal_replay_resume()`) on
    /// a connection to it, to hold it behind the primary.
    public func startReplica() async throws -> TestCluster {
        let replica = ThrowawayCluster()
        try await Self.onOwnThread { [cluster] in try replica.startAsReplica(of: cluster) }
        return TestCluster(cluster: replica)
    }

    /// Promotes this replica to a primary (`pg_ctl promote`, waiting until it accepts writes).
    public func promote() async throws {
        try await Self.onOwnThread { [cluster] in try cluster.pgCtl(["promote"]) }
    }

    /// Creates a database and returns its URL.
    public func createDatabase(_ name: String) async throws -> String {
        let admin = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: url()))
        defer { Task { await admin.close() } }
        try await admin.runScript("CREATE DATABASE \"\(name)\"")
        return url(database: name)
    }

    /// Stops the server at once and deletes the cluster's directory.
    public func destroy() async {
        try? await stop(immediate: true)
        try? FileManager.default.removeItem(atPath: cluster.directory)
    }

    /// Runs blocking work (initdb, pg_ctl) on a thread of its own, never on Swift's cooperative pool.
    private static func onOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
