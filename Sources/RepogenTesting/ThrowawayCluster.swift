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

/// Runs command-line tools with posix_spawn and waitpid.
///
/// Foundation's `Process` notices a child's exit through a descriptor that the child inherits; pg_ctl's daemon
/// inherits it too, so waiting on pg_ctl through `Process` would hang as long as the server runs.
enum ProcessRunner {
    /// Runs `executable`, optionally as another user, sending its output to `log`; throws with the log's tail.
    static func run(
        _ executable: String, _ arguments: [String], asUser user: String?, workingDirectory: String, log: String
    ) throws {
        let command = user.map { [runuserPath(), "-u", $0, "--", executable] } ?? [executable]
        let pid = try spawn(command + arguments, workingDirectory: workingDirectory, output: log)
        let status = waitForExit(pid)
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw TestPostgresError(description: "\(name) exited with \(status): \(output.suffix(2000))")
        }
    }

    /// Starts `command` with stdin from /dev/null, stdout and stderr appended to `output`, no other descriptors.
    static func spawn(_ command: [String], workingDirectory: String, output: String) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?  // Darwin: an opaque pointer that init fills in
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let inDirectory = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workingDirectory] + command
        let arguments = inDirectory.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        #if os(Linux)
        let environment = environ
        #else
        let environment = _NSGetEnviron().pointee  // Darwin's headers do not declare `environ`
        #endif
        let result = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environment)
        guard result == 0 else {
            throw TestPostgresError(description: "cannot start \(command[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal number when a signal ended it).
    static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Runs a tool found on PATH and returns its trimmed standard output.
    static func output(_ tool: String, _ arguments: [String]) throws -> String {
        let file = NSTemporaryDirectory() + "repogen-\(getpid())-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let pid = try spawn(["/usr/bin/env", tool] + arguments, workingDirectory: "/", output: file)
        guard waitForExit(pid) == 0 else {
            throw TestPostgresError(description: "\(tool) failed")
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// This process's open file descriptors, so the child inherits none of them (the server would keep them).
    private static func openDescriptors() -> [Int32] {
        #if os(Linux)
        let directory = "/proc/self/fd"
        #else
        let directory = "/dev/fd"  // Darwin and the BSDs list the calling process's descriptors here
        #endif
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { Int32($0) }
    }

    /// `runuser`, which starts a tool as another account (`nobody` when the tests run as root).
    static func runuserPath() -> String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/runuser"
    }
}
