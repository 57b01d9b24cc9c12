import Foundation
import RepogenRuntime

/// A real PgBouncer (Debian's `pgbouncer`, installed by `make deps`) in transaction pooling mode in front of one
/// test database, on a Unix socket in a temporary directory, with `poolSize` server connections shared by all
/// clients. Runs as `nobody` when this process is root, as the throwaway cluster does.
///
/// ```swift
/// try await withTestPgBouncer(in: testDatabase, poolSize: 2) { bouncer in
///     var configuration = DatabaseConfiguration(conninfo: bouncer.url)
///     configuration.statements = .unnamed
///     let db = try await Database.connect(configuration, pool: .init(minimum: 1, maximum: 8))
/// }
/// ```
public final class TestPgBouncer: Sendable {
    /// A libpq URL reaching the database through PgBouncer.
    public let url: String
    /// How many server connections PgBouncer keeps for the database (`default_pool_size`).
    public let poolSize: Int
    /// The temporary directory holding the configuration, the socket and the log.
    public let directory: String
    private let pid: pid_t

    private init(url: String, poolSize: Int, directory: String, pid: pid_t) {
        self.url = url
        self.poolSize = poolSize
        self.directory = directory
        self.pid = pid
    }

    /// Starts PgBouncer in front of `database` and waits until it answers a query through it.
    public static func start(in database: TestDatabase, poolSize: Int = 2) async throws -> TestPgBouncer {
        let directory = NSTemporaryDirectory() + "repogen-pgbouncer-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = 6432
        try configuration(for: database, port: port, poolSize: poolSize, directory: directory)
            .write(toFile: directory + "/pgbouncer.ini", atomically: true, encoding: .utf8)
        let user = geteuid() == 0 ? "nobody" : nil
        if let user {
            try FileManager.default.setAttributes([.ownerAccountName: user], ofItemAtPath: directory)
        }
        let command = (user.map { [ProcessRunner.runuserPath(), "-u", $0, "--"] } ?? [])
            + [try executable(), directory + "/pgbouncer.ini"]
        let pid = try ProcessRunner.spawn(command, workingDirectory: directory, output: directory + "/output.log")
        TestCleanup.shared.registerProcess(pid)
        let url = "postgresql://repogen@/\(database.name)?host=\(directory)&port=\(port)"
        let bouncer = TestPgBouncer(url: url, poolSize: poolSize, directory: directory, pid: pid)
        do {
            try await bouncer.waitUntilAnswering()
        } catch {
            bouncer.stop()
            throw error
        }
        return bouncer
    }

    /// Stops PgBouncer (SIGTERM, then SIGKILL after five seconds) and removes its directory.
    public func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 {
            usleep(50_000)
        }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            _ = ProcessRunner.waitForExit(pid)
        }
        TestCleanup.shared.unregisterProcess(pid)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The `pgbouncer.ini`: the database's server address and login from its URL, transaction pooling, no TCP.
    static func configuration(for database: TestDatabase, port: Int, poolSize: Int, directory: String) throws -> String {
        let server = try DatabaseConfiguration.keywords(of: database.url)
        let target = ["host", "port", "dbname", "user", "password"].compactMap { key in
            server[key].map { "\(key)='\($0.replacingOccurrences(of: "'", with: "''"))'" }
        }
        return """
            [databases]
            \(database.name) = \(target.joined(separator: " "))

            [pgbouncer]
            unix_socket_dir = \(directory)
            listen_port = \(port)
            auth_type = any
            pool_mode = transaction
            default_pool_size = \(poolSize)
            min_pool_size = 0
            max_client_conn = 500
            server_reset_query =
            ignore_startup_parameters = extra_float_digits
            logfile = \(directory)/pgbouncer.log
            """
    }

    /// `pgbouncer` on PATH or in /usr/sbin (Debian's place, often not on a user's PATH).
    private static func executable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/pgbouncer" } + ["/usr/sbin/pgbouncer"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestPostgresError(description: "pgbouncer is not installed (make deps installs Debian's pgbouncer)")
        }
        return found
    }

    /// Polls (up to ten seconds) until `SELECT 1` through PgBouncer succeeds; throws with PgBouncer's log otherwise.
    private func waitUntilAnswering() async throws {
        var configuration = DatabaseConfiguration(conninfo: url)
        configuration.statements = .unnamed
        for _ in 0..<200 {
            if let connection = try? await PostgresConnection.connect(configuration) {
                defer { Task { await connection.close() } }
                if (try? await connection.runScript("SELECT 1")) != nil { return }
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: directory + "/output.log", encoding: .utf8)) ?? ""
        let own = (try? String(contentsOfFile: directory + "/pgbouncer.log", encoding: .utf8)) ?? ""
        throw TestPostgresError(description: "pgbouncer did not answer: \((log + own).suffix(2000))")
    }
}

/// Runs `body` with PgBouncer in transaction pooling mode in front of `database`, stopping it afterwards.
public func withTestPgBouncer<T>(
    in database: TestDatabase, poolSize: Int = 2, isolation: isolated (any Actor)? = #isolation,
    _ body: (TestPgBouncer) async throws -> T
) async throws -> T {
    let bouncer = try await TestPgBouncer.start(in: database, poolSize: poolSize)
    defer { bouncer.stop() }
    return try await body(bouncer)
}
