import Foundation

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
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?  // Darwin: opaque pointers that init fills in
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        #if os(Linux)
        closeInheritedDescriptors(&actions)
        #else
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))  // the child keeps only 0, 1, 2
        #endif
        let inDirectory = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workingDirectory] + command
        let arguments = inDirectory.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        #if os(Linux)
        let environment = environ
        #else
        let environment = _NSGetEnviron().pointee  // Darwin's headers do not declare `environ`
        #endif
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environment)
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

    #if os(Linux)
    /// Makes the child close every descriptor above 2 as it starts, so it inherits none (a server or a watchdog
    /// would keep them open for as long as it runs).
    ///
    /// Closing in the child, at the moment of the spawn, is what makes this hold while other threads open
    /// descriptors: a list taken beforehand misses one opened between the list and the spawn. Such a descriptor
    /// was once the socket through which Foundation's `Process` learns that a Redis it started has exited, and a
    /// watchdog living as long as the tests kept it open, so `waitUntilExit` spun forever. glibc 2.34 and later
    /// have `posix_spawn_file_actions_addclosefrom_np`, declared only under `_GNU_SOURCE`, so it is looked up at
    /// run time; an older glibc gets the list.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"),
            unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0
        {
            return
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in names.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
    #endif

    /// `runuser`, which starts a tool as another account (`nobody` when the tests run as root).
    static func runuserPath() -> String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/runuser"
    }
}
