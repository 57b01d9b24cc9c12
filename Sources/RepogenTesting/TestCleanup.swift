import CLibPQ
import Foundation

/// What to tear down when the process exits: the throwaway cluster, or the databases made on `DATABASE_URL`.
final class TestCleanup: @unchecked Sendable {
    static let shared = TestCleanup()

    private let lock = NSLock()
    private var clusters: [(directory: String, dataDirectory: String)] = []
    private var externalAdminConninfo: String?
    private var externalDatabases: [String] = []
    /// Helper servers (PgBouncer) still running, terminated at exit when a test did not stop them.
    private var processes: Set<pid_t> = []
    private var isArmed = false

    func registerCluster(directory: String, dataDirectory: String) {
        lock.withLock { clusters.append((directory, dataDirectory)) }
        arm()
    }

    func registerExternalDatabase(_ name: String, adminConninfo: String) {
        lock.withLock {
            externalAdminConninfo = adminConninfo
            externalDatabases.append(name)
        }
        arm()
    }

    func registerProcess(_ pid: pid_t) {
        lock.withLock { _ = processes.insert(pid) }
        arm()
    }

    func unregisterProcess(_ pid: pid_t) {
        lock.withLock { _ = processes.remove(pid) }
    }

    private func arm() {
        let firstTime = lock.withLock {
            defer { isArmed = true }
            return !isArmed
        }
        if firstTime {
            atexit { TestCleanup.shared.runAtExit() }
        }
    }

    func runAtExit() {
        lock.lock()
        let clusters = self.clusters
        let conninfo = externalAdminConninfo
        let databases = externalDatabases
        let processes = self.processes
        lock.unlock()
        for pid in processes {
            kill(pid, SIGTERM)
        }
        for cluster in clusters {
            Self.stopServer(dataDirectory: cluster.dataDirectory)
            try? FileManager.default.removeItem(atPath: cluster.directory)
        }
        if let conninfo {
            Self.dropDatabases(databases, conninfo: conninfo)
        }
    }

    /// Sends the postmaster SIGQUIT (immediate shutdown) and waits up to five seconds for it to go.
    private static func stopServer(dataDirectory: String) {
        guard let pidFile = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
              let line = pidFile.split(separator: "\n").first, let pid = pid_t(line)
        else {
            return
        }
        kill(pid, SIGQUIT)
        for _ in 0..<50 where isRunning(pid) {
            usleep(100_000)
        }
    }

    /// Whether `pid` exists and is not a zombie waiting for a parent that never reaps it.
    private static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else {
            return false
        }
        #if os(Linux)
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !stat.contains(") Z ")
        #else
        return true  // no /proc: a zombie counts as running, so the wait runs its full course
        #endif
    }

    /// Drops the databases this process created on an external server, even if connections remain.
    private static func dropDatabases(_ names: [String], conninfo: String) {
        guard let connection = PQconnectdb(conninfo) else {
            return
        }
        defer { PQfinish(connection) }
        guard PQstatus(connection) == CONNECTION_OK else {
            return
        }
        for name in names.reversed() {
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            PQclear(PQexec(connection, "ALTER DATABASE \(quoted) WITH IS_TEMPLATE false"))
            PQclear(PQexec(connection, "DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)"))
        }
    }
}
