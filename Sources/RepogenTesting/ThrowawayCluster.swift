import Foundation

/// A PostgreSQL cluster in a temporary directory, reachable only through a Unix socket, deleted at exit.
struct ThrowawayCluster: Sendable {
    /// The temporary directory holding `data/`, `sock/` and logs.
    let directory: String
    /// Where the server's Unix socket lives.
    var socketDirectory: String { directory + "/sock" }
    var dataDirectory: String { directory + "/data" }

    /// Picks a fresh directory name; nothing is created until `start()`.
    init() {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        directory = "/tmp/repogen-pg-\(getpid())-\(suffix)"
    }

    /// Runs initdb and pg_ctl start (as `nobody` when running as root), then arms the exit cleanup and watchdog.
    func start() throws {
        let binaries = try Self.binaryDirectory()
        try prepareDirectories(owner: Self.runAs)
        TestCleanup.shared.registerCluster(directory: directory, dataDirectory: dataDirectory)
        startWatchdog()
        try ProcessRunner.run(
            binaries + "/initdb",
            ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"],
            asUser: Self.runAs, workingDirectory: directory, log: directory + "/initdb.log")
        try pgCtl(["start"])
    }

    /// The account the server runs as: `nobody` when this process is root.
    static var runAs: String? {
        geteuid() == 0 ? "nobody" : nil
    }

    /// Runs pg_ctl with the cluster's options, e.g. `["start"]`, `["stop", "-m", "immediate"]`, `["restart"]`.
    func pgCtl(_ command: [String]) throws {
        let options = "-k \(socketDirectory) -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=500" + (try Self.statementStatisticsOption())
        try ProcessRunner.run(
            try Self.binaryDirectory() + "/pg_ctl",
            ["-D", dataDirectory, "-w", "-l", directory + "/server.log", "-o", options] + command,
            asUser: Self.runAs, workingDirectory: directory, log: directory + "/pg_ctl.log")
    }

    /// Loads pg_stat_statements when the server's own library directory has it (Debian's server package does;
    /// other systems ship it in a contrib package), so the performance advisor's tests and the demo can read it;
    /// a database still needs `CREATE EXTENSION pg_stat_statements`. A server without it starts all the same.
    static func statementStatisticsOption() throws -> String {
        let root = URL(fileURLWithPath: try binaryDirectory()).deletingLastPathComponent()
        let found = ["lib/pg_stat_statements.so", "lib/postgresql/pg_stat_statements.so",
                     "lib/postgresql/pg_stat_statements.dylib"].contains {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
        }
        return found ? " -c shared_preload_libraries=pg_stat_statements" : ""
    }

    func prepareDirectories(owner: String?) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        guard let owner else {
            return
        }
        guard let account = getpwnam(owner) else {
            throw TestPostgresError(description: "user \(owner) does not exist; cannot run PostgreSQL as non-root")
        }
        for path in [directory, socketDirectory] {
            guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw TestPostgresError(description: "cannot hand \(path) to \(owner)")
            }
        }
    }

    /// A detached shell that stops the server and deletes the directory soon after this process dies.
    ///
    /// Started before the server, so a kill during `pg_ctl start` is covered too (it retries for a few seconds).
    func startWatchdog() {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            for attempt in 1 2 3 4 5; do
              pid=$(head -n 1 '\(dataDirectory)/postmaster.pid' 2>/dev/null) && kill -QUIT "$pid" 2>/dev/null
              sleep 1
            done
            rm -rf '\(directory)'
            """
        let setsid = "/usr/bin/setsid"  // its own session: a terminal's Ctrl-C does not kill the watchdog
        let shell = ["/bin/sh", "-c", script]
        let command = FileManager.default.isExecutableFile(atPath: setsid) ? [setsid] + shell : shell
        _ = try? ProcessRunner.spawn(command, workingDirectory: "/", output: "/dev/null")
    }

    /// The directory holding initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin.
    static func binaryDirectory() throws -> String {
        let manager = FileManager.default
        if let output = try? ProcessRunner.output("pg_config", ["--bindir"]),
           manager.isExecutableFile(atPath: output + "/initdb")
        {
            return output
        }
        let root = "/usr/lib/postgresql"
        let versions = (try? manager.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap { Int($0) }.sorted().last {
            manager.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb")
        }
        guard let newest else {
            throw TestPostgresError(description: "no PostgreSQL server binaries found; set DATABASE_URL")
        }
        return "\(root)/\(newest)/bin"
    }
}
