import CLibPQ
import Foundation

/// The LISTEN connection of one process: on its own thread it waits for notifications on the cache channel
/// (`PQconsumeInput` / `PQnotifies`) and drops the tags they name from L1.
///
/// While it is disconnected L1 neither serves nor fills; on every (re)connection L1 is flushed, so nothing
/// invalidated during a gap survives it.
final class CacheListener: @unchecked Sendable {
    /// Payloads starting with this are `synchronize()` markers, not tags.
    static let syncPrefix = "\u{1}sync:"

    private let conninfo: String
    private let cache: DatabaseCache
    private let stopping = Locked(false)
    private let waiters = Locked<[String: CheckedContinuation<Bool, Never>]>([:])
    private let started = Locked<CheckedContinuation<Void, any Error>?>(nil)
    private let finished = NSCondition()
    private var isFinished = false  // guarded by finished

    init(configuration: DatabaseConfiguration, cache: DatabaseCache) {
        conninfo = configuration.conninfo
        self.cache = cache
    }

    /// Starts the thread and returns once LISTEN is active, or throws when the first connection fails.
    func start() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            started.withLock { $0 = continuation }
            let thread = Thread { [self] in run() }
            thread.name = "repogen.cache.listen"
            thread.start()
        }
    }

    /// Asks the thread to close its connection and end without waiting for it; a stop is never logged as a loss.
    func requestStop() {
        stopping.withLock { $0 = true }
    }

    /// Stops the thread and waits for it to close its connection.
    func stop() async {
        requestStop()
        let done = finished
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                done.lock()
                while !isFinished { done.wait() }
                done.unlock()
                continuation.resume()
            }
        }
    }

    /// Sends a marker after everything committed so far and waits until this listener has seen it.
    func synchronize(notifier: CacheNotifier, channel: String) async -> Bool {
        guard cache.isServingL1 else { return false }
        let token = UUID().uuidString
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            waiters.withLock { $0[token] = continuation }
            Task {
                var binds = PostgresBindings(capacity: 2)
                binds.append(channel)
                binds.append(Self.syncPrefix + token)
                do {
                    try await notifier.send(CacheNotifier.statement, binds)
                } catch {
                    self.resume(token, false)
                }
            }
        }
    }

    private func resume(_ token: String, _ value: Bool) {
        waiters.withLock { $0.removeValue(forKey: token) }?.resume(returning: value)
    }

    private func resumeAll(_ value: Bool) {
        let all = waiters.withLock { waiters in
            defer { waiters.removeAll() }
            return waiters.values
        }
        for waiter in all { waiter.resume(returning: value) }
    }

    /// The thread: connect, LISTEN, wait for notifications; on loss flush L1 and reconnect with backoff.
    private func run() {
        var delay = 0.05
        while !stopping.current {
            if let connection = connect() {
                delay = 0.05
                cache.setListenerConnected(true)
                cache.listenerConnects.withLock { $0 += 1 }
                reportStart(nil)
                listen(on: connection)
                cache.setListenerConnected(false)
                PQfinish(connection)
                resumeAll(false)
                if !stopping.current { cache.logger.warning("cache listener lost its connection; L1 flushed") }
            } else if reportStart(RepogenError(kind: .connectionFailed, message: "cache listener could not LISTEN")) {
                break
            } else {
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 1)
            }
        }
        resumeAll(false)
        finished.lock()
        isFinished = true
        finished.broadcast()
        finished.unlock()
    }

    /// Resumes `start()` once; returns true when this was the first report and it was a failure.
    @discardableResult
    private func reportStart(_ error: RepogenError?) -> Bool {
        guard let continuation = started.withLock({ slot in defer { slot = nil }; return slot }) else { return false }
        if let error {
            continuation.resume(throwing: error)
            return true
        }
        continuation.resume()
        return false
    }

    /// Opens a connection and runs LISTEN on it, or returns nil.
    private func connect() -> OpaquePointer? {
        let keywords = ["application_name", "client_encoding", "dbname"]
        let values = ["repogen_cache", "UTF8", conninfo]
        let connection = withCStringArray(keywords) { keys in
            withCStringArray(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            PQfinish(connection)
            return nil
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        let channel = "\"" + cache.configuration.channel.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let result = PQexec(connection, "LISTEN " + channel)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            PQfinish(connection)
            return nil
        }
        return connection
    }

    /// Waits on the socket and applies notifications until the connection fails or the listener stops.
    private func listen(on connection: OpaquePointer) {
        let socket = PQsocket(connection)
        while !stopping.current {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0, errno != EINTR { return }
            if ready > 0 {
                guard PQconsumeInput(connection) == 1 else { return }
            }
            guard PQstatus(connection) == CONNECTION_OK else { return }
            while let notification = PQnotifies(connection) {
                let payload = String(cString: notification.pointee.extra)
                PQfreemem(notification)
                handle(payload)
            }
        }
    }

    private func handle(_ payload: String) {
        if payload.hasPrefix(Self.syncPrefix) {
            resume(String(payload.dropFirst(Self.syncPrefix.count)), true)
            return
        }
        let (origin, tags) = CacheNotifier.parse(payload)
        guard origin != cache.origin else { return }  // applied here when it committed
        cache.applyLocally(tags)
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the duration of the call.
private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}
