import Foundation
@testable import RepogenRedis

#if canImport(Glibc)
    import Glibc
#endif

/// A `repogen-cache-peer` process (Sources/repogen-cache-peer): a second OS process with its own pool, cache and
/// LISTEN connection on a test database, driven one command line at a time over its stdin and stdout.
///
/// Every wait on it is bounded (`replyLimit`) and fails with the command, the peer's stderr and its exit status,
/// so a hung or crashed peer fails the test instead of hanging it.
final class CachePeer: @unchecked Sendable {
    /// The longest wait for one reply; a bound for a broken peer, never an assertion about speed.
    static let replyLimit: Duration = .seconds(60)

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errorLog: URL
    private let mailbox = LineMailbox()

    /// Launches the peer on `conninfo` and waits for its `ready` line.
    init(conninfo: String) async throws {
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("repogen-peer-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = try Self.executable()
        process.arguments = [conninfo]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        let reader = output.fileHandleForReading
        let mailbox = mailbox
        Thread.detachNewThread { LineMailbox.pump(reader, into: mailbox) }
        do {
            let ready = try await nextLine(after: "start")
            guard ready.hasPrefix("ready") else { throw failure("did not start: \(ready)") }
        } catch {
            kill()
            try? FileManager.default.removeItem(at: errorLog)
            throw error
        }
    }

    /// The peer's process id.
    var pid: Int32 { process.processIdentifier }

    /// Sends one command and returns its reply as `key=value` fields (`reply` holds the whole line).
    func send(_ command: String) async throws -> [String: String] {
        // The peer may have died: writing to its closed stdin must not raise SIGPIPE (same need as hiredis's).
        try RedisL2Store.withoutSIGPIPE {
            try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
        }
        let line = try await nextLine(after: command)
        guard !line.hasPrefix("error") else { throw failure("answered `\(command)` with: \(line)") }
        var fields = ["reply": line]
        for word in line.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    /// `read ID`: the row's version and where it came from (`l1` or `postgres`).
    func read(_ id: Int32) async throws -> (version: Int32, source: String) {
        let fields = try await send("read \(id)")
        guard let version = fields["version"].flatMap(Int32.init), let source = fields["source"] else {
            throw failure("unexpected reply to read: \(fields["reply"] ?? "")")
        }
        return (version, source)
    }

    /// `stats`: one counter or flag of the peer's cache.
    func statistic(_ name: String) async throws -> String {
        guard let value = try await send("stats")[name] else { throw failure("stats has no \(name)") }
        return value
    }

    /// Polls `condition` on the peer (state, not time) up to `attempts` times; throws `what` when it never holds.
    func waitUntil(_ what: String, attempts: Int = 500, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<attempts {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard try await condition() else { throw failure("never reached: \(what) (\(attempts) polls)") }
    }

    /// Kills the peer with SIGKILL, as a crash would, and reaps it.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Asks the peer to quit (it closes its database), then makes sure it is gone.
    func stop() async {
        if process.isRunning, (try? await send("quit")) != nil {
            _ = await mailbox.next(limit: Self.replyLimit)
        }
        kill()
        try? FileManager.default.removeItem(at: errorLog)
    }

    private func nextLine(after command: String) async throws -> String {
        guard let line = await mailbox.next(limit: Self.replyLimit) else {
            throw failure("no reply to `\(command)` within \(Self.replyLimit) (closed or hung)")
        }
        return line
    }

    private func failure(_ message: String) -> PeerError {
        let log = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
        let status = process.isRunning ? "running" : "exited with \(process.terminationStatus)"
        return PeerError(description: "cache peer \(message); peer \(status); stderr: \(log.suffix(2_000))")
    }

    /// The peer executable beside the test bundle (both built by `swift build --build-tests`).
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["REPOGEN_CACHE_PEER"] { return URL(fileURLWithPath: path) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for directory in [bundle.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("repogen-cache-peer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw PeerError(description: "repogen-cache-peer not found beside \(bundle.path); build with --build-tests")
    }
}

/// Runs `body` with a started peer on `conninfo`, stopping it afterwards whether `body` returns or throws.
func withCachePeer<T>(conninfo: String, _ body: (CachePeer) async throws -> T) async throws -> T {
    let peer = try await CachePeer(conninfo: conninfo)
    do {
        let value = try await body(peer)
        await peer.stop()
        return value
    } catch {
        await peer.stop()
        throw error
    }
}

/// Why a peer could not do what the test asked.
struct PeerError: Error, CustomStringConvertible {
    let description: String
}

/// The peer's stdout as lines, filled by a reader thread, awaited with a bound.
final class LineMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var closed = false
    private var waiter: (ticket: Int, continuation: CheckedContinuation<String?, Never>)?
    private var tickets = 0

    /// Reads `handle` until end of file, delivering each line as it arrives (runs on its own thread; reads block).
    static func pump(_ handle: FileHandle, into mailbox: LineMailbox) {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                mailbox.update { $0.lines.append(line) }
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        mailbox.update { $0.closed = true }
    }

    /// The next line, or nil when the stream ended or `limit` passed first.
    func next(limit: Duration) async -> String? {
        let ticket = lock.withLock { () -> Int in
            tickets += 1
            return tickets
        }
        let timer = Task { [weak self] in
            try await Task.sleep(for: limit)
            self?.expire(ticket)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            update { $0.waiter = (ticket, continuation) }
        }
    }

    /// Changes the state under the lock, then hands a line (or the end) to a waiting reader.
    private func update(_ change: (LineMailbox) -> Void) {
        lock.lock()
        change(self)
        guard let waiter, !lines.isEmpty || closed else { return lock.unlock() }
        self.waiter = nil
        let line = lines.isEmpty ? nil : lines.removeFirst()
        lock.unlock()
        waiter.continuation.resume(returning: line)
    }

    /// Ends the wait numbered `ticket` with nil if it is still waiting.
    private func expire(_ ticket: Int) {
        lock.lock()
        guard let waiter, waiter.ticket == ticket else { return lock.unlock() }
        self.waiter = nil
        lock.unlock()
        waiter.continuation.resume(returning: nil)
    }
}
