import CHiredis
import Dispatch
import Logging
import RepogenRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The shared L2 cache tier on Redis through hiredis: one connection, short timeouts, a circuit breaker.
///
/// Every failure throws quickly (the cache then reads PostgreSQL, counts and logs it). `breaker.failureThreshold`
/// consecutive failures open the breaker: calls then fail at once without touching Redis until
/// `breaker.openDuration` has passed, when one call probes (half-open) and closes or reopens it. So a Redis that
/// is down or slow costs at most `failureThreshold` timeouts, then one per cool-down.
///
/// ```swift
/// let l2 = RedisL2Store(.unixSocket("/run/redis/redis.sock"))
/// try await db.enableCache(CacheConfiguration(l2: l2))
/// ```
public final class RedisL2Store: CacheL2Store, @unchecked Sendable {
    /// Where Redis listens.
    public enum Endpoint: Sendable, Hashable {
        /// A Unix domain socket path.
        case unixSocket(String)
        /// A host name or address and a port.
        case tcp(host: String, port: Int)
    }

    /// Where Redis listens, as whom, which database, and the timeouts.
    public let options: RedisConnectionOptions
    /// When the breaker opens and how long it stays open before a probe.
    public let breaker: CircuitBreakerConfiguration
    /// Prepended to every key, so several applications (or tests) can share one Redis.
    public let namespace: String
    /// Serialises every use of the hiredis context, off the cooperative thread pool (hiredis blocks).
    private let queue = DispatchQueue(label: "repogen.cache.redis")
    /// The connection, authenticated and on its database; touched only on `queue`.
    private var context: UnsafeMutablePointer<redisContext>?
    private let breakerBox: RedisBreakerBox

    /// Creates a store from `options`; it connects (and authenticates) on first use. The breaker opens after 3
    /// failures in a row, for 1 second.
    public init(
        _ options: RedisConnectionOptions,
        breaker: CircuitBreakerConfiguration = .init(failureThreshold: 3, openDuration: .seconds(1)),
        namespace: String = "", logger: Logger = Logger(label: "repogen.cache.redis")
    ) {
        self.options = options
        self.breaker = breaker
        self.namespace = namespace
        breakerBox = RedisBreakerBox(configuration: breaker, logger: logger, endpoint: "\(options.endpoint)")
    }

    /// Creates a store for `endpoint` without authentication, on database 0, with one limit for connecting and
    /// for each command.
    public convenience init(
        _ endpoint: Endpoint, timeout: Duration = .milliseconds(50),
        breaker: CircuitBreakerConfiguration = .init(failureThreshold: 3, openDuration: .seconds(1)),
        namespace: String = "", logger: Logger = Logger(label: "repogen.cache.redis")
    ) {
        let options = RedisConnectionOptions(endpoint, connectTimeout: timeout, commandTimeout: timeout)
        self.init(options, breaker: breaker, namespace: namespace, logger: logger)
    }

    /// Creates a store from a `redis://` or `unix://` URL (`RedisConnectionOptions.init(url:)`).
    ///
    /// ```swift
    /// let l2 = try RedisL2Store(url: "redis://:s3cret@cache.internal:6379/1?command_timeout=20ms")
    /// ```
    public convenience init(
        url: String, breaker: CircuitBreakerConfiguration = .init(failureThreshold: 3, openDuration: .seconds(1)),
        namespace: String = "", logger: Logger = Logger(label: "repogen.cache.redis")
    ) throws(RedisURLError) {
        self.init(try RedisConnectionOptions(url: url), breaker: breaker, namespace: namespace, logger: logger)
    }

    /// Where Redis listens.
    public var endpoint: Endpoint { options.endpoint }
    /// The limit on each command.
    public var timeout: Duration { options.commandTimeout }

    deinit {
        if let context { redisFree(context) }
    }

    /// The breaker's state and counters (failures, rejections, openings, probes, recoveries).
    public var breakerStatistics: RedisBreakerStatistics {
        breakerBox.statistics
    }

    /// The value stored under `key` and the current value of `generationKey`, in one `MGET`.
    public func fetch(_ key: String, generationKey: String) async throws -> (value: [UInt8]?, generation: [UInt8]?) {
        let reply = try await run(["MGET", namespace + key, namespace + generationKey].map { Array($0.utf8) })
        guard case .array(let values) = reply, values.count == 2 else {
            throw RedisError(message: "unexpected MGET reply \(reply)")
        }
        return (try values[0].bytesOrNil(), try values[1].bytesOrNil())
    }

    /// `SET generationKey candidate NX GET`: the existing value, or `candidate` once it is set.
    public func establishGeneration(_ generationKey: String, candidate: [UInt8]) async throws -> [UInt8] {
        let reply = try await run([Array("SET".utf8), Array((namespace + generationKey).utf8), candidate] + ["NX", "GET"].map {
            Array($0.utf8)
        })
        return try reply.bytesOrNil() ?? candidate
    }

    /// `SET key value PX milliseconds`.
    public func store(_ key: String, value: [UInt8], ttl: Duration) async throws {
        let milliseconds = max(1, ttl.components.seconds * 1_000 + ttl.components.attoseconds / 1_000_000_000_000_000)
        let reply = try await run([Array("SET".utf8), Array((namespace + key).utf8), value, Array("PX".utf8),
                                   Array(String(milliseconds).utf8)])
        if case .error(let message) = reply { throw RedisError(message: message) }
    }

    /// `MSET` of every generation key to `value`.
    public func replaceGenerations(_ generationKeys: [String], with value: [UInt8]) async throws {
        guard !generationKeys.isEmpty else { return }
        let reply = try await run([Array("MSET".utf8)] + generationKeys.flatMap { [Array((namespace + $0).utf8), value] })
        if case .error(let message) = reply { throw RedisError(message: message) }
    }

    /// Runs one command on the store's queue.
    func run(_ arguments: [[UInt8]]) async throws -> RedisReply {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try Self.withoutSIGPIPE { try self.execute(arguments) })
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs one command through the breaker: refused at once while it is open, its outcome recorded otherwise.
    private func execute(_ arguments: [[UInt8]]) throws -> RedisReply {
        try breakerBox.admit()
        do {
            let reply = try send(arguments)
            breakerBox.recordSuccess()
            return reply
        } catch {
            breakerBox.recordFailure(error)
            throw error
        }
    }

    /// Sends `arguments` binary-safe and copies the reply; a lost or timed-out connection is dropped.
    private func send(_ arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        let context = try connected()
        let buffers = arguments.map { bytes -> UnsafeMutablePointer<CChar> in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, bytes.count))
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: raw.count)
            }
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var argv: [UnsafePointer<CChar>?] = buffers.map { UnsafePointer($0) }
        let lengths = arguments.map(\.count)
        guard let raw = redisCommandArgv(context, Int32(arguments.count), &argv, lengths) else {
            let message = Self.errorMessage(context)
            disconnect()
            throw RedisError(message: "command failed: " + message)
        }
        defer { freeReplyObject(raw) }
        return RedisReply(UnsafePointer(raw.assumingMemoryBound(to: redisReply.self)))
    }

    /// The open connection, or a new one that has passed `AUTH` and `SELECT`.
    private func connected() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let context { return context }
        let limit = Self.timeval(options.connectTimeout)
        let made: UnsafeMutablePointer<redisContext>? = switch options.endpoint {
        case .unixSocket(let path): redisConnectUnixWithTimeout(path, limit)
        case .tcp(let host, let port): redisConnectWithTimeout(host, Int32(port), limit)
        }
        guard let made, made.pointee.err == 0 else {
            let message = made.map(Self.errorMessage) ?? "could not allocate a context"
            if let made { redisFree(made) }
            throw RedisError(message: "connect: " + message)
        }
        _ = redisSetTimeout(made, Self.timeval(options.commandTimeout))
        context = made
        do {
            for command in options.handshake { try handshake(command) }
        } catch {
            disconnect()
            throw error
        }
        return made
    }

    /// Sends one `AUTH` or `SELECT` on the new connection; an error reply names the command, never its arguments.
    private func handshake(_ command: [String]) throws(RedisError) {
        let reply = try send(command.map { Array($0.utf8) })
        guard case .status = reply else {
            let detail = if case .error(let message) = reply { message } else { "unexpected reply" }
            throw RedisError(message: "\(command[0]) failed: \(detail)")
        }
    }

    /// Frees the connection; the next command reconnects (if the breaker lets it).
    private func disconnect() {
        if let context { redisFree(context) }
        context = nil
    }

    /// Runs `body` with SIGPIPE blocked on this thread, discarding one it raised (hiredis writes to a socket a
    /// killed Redis closed; the default action would end the process), as libpq does.
    static func withoutSIGPIPE<T>(_ body: () throws -> T) rethrows -> T {
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipe, &previous)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var now = timespec()
                _ = sigtimedwait(&pipe, nil, &now)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return try body()
    }

    static func timeval(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return CHiredis.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }

    static func errorMessage(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
