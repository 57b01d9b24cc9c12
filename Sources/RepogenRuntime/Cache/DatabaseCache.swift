import Foundation
import Logging

/// A database's cache: the in-process L1, the optional shared L2, and the listener that keeps L1 coherent
/// with other processes. Reads go through it only from generated repositories of entities with `cache:`.
///
/// ```swift
/// let cache = try await db.enableCache(CacheConfiguration(maximumEntries: 50_000))
/// print(cache.statistics.hitRatio)
/// ```
public final class DatabaseCache: Sendable {
    /// The settings the cache was enabled with.
    public let configuration: CacheConfiguration
    let l1: Locked<L1Store>
    let l2Counters = Locked(L2Counters())
    /// Generations the last commit could not replace in L2; L2 is not read until they are.
    let pendingGenerations = Locked<Set<String>>([])
    let metrics: RepositoryMetrics
    /// Spans for lookups; nil when the database has no tracer.
    let tracing: StatementTracing?
    /// Whether the LISTEN connection is up (always true when not listening for other processes).
    let listenerConnected = Locked(false)
    let notifier: CacheNotifier
    /// Identifies this cache's own notifications, which its listener skips: they were applied here already.
    let origin = UUID().uuidString
    let listener: Locked<CacheListener?> = Locked(nil)
    /// How many times the listener has connected (1 after enabling, more after each recovery).
    let listenerConnects = Locked(0)
    var logger: Logger { configuration.logger }

    struct L2Counters {
        var hits = 0
        var misses = 0
        var failures = 0
    }

    init(
        configuration: CacheConfiguration, metrics: RepositoryMetrics, tracing: StatementTracing? = nil,
        notifier: CacheNotifier
    ) {
        self.configuration = configuration
        self.metrics = metrics
        self.tracing = tracing
        self.notifier = notifier
        l1 = Locked(L1Store(maximumEntries: configuration.maximumEntries, maximumBytes: configuration.maximumBytes))
        listenerConnected.withLock { $0 = !configuration.listensForOtherProcesses }
    }

    /// Hit, miss, eviction and size counters since the cache was enabled.
    public var statistics: CacheStatistics {
        var statistics = l1.withLock { store in
            var statistics = store.statistics
            statistics.entries = store.count
            statistics.bytes = store.bytes
            return statistics
        }
        let l2 = l2Counters.current
        (statistics.l2Hits, statistics.l2Misses, statistics.l2Failures) = (l2.hits, l2.misses, l2.failures)
        statistics.listenerConnects = listenerConnects.current
        return statistics
    }

    /// Whether L1 may serve and be filled: the listener is connected, or the cache does not listen.
    public var isServingL1: Bool {
        listenerConnected.current
    }

    /// Invalidates `tags` here, in other processes (NOTIFY) and in L2, as a committed write does.
    ///
    /// Use it after writes the generated repositories do not see (raw SQL); inside a transaction prefer
    /// `Transaction.invalidateCache(tags:)`, which waits for COMMIT.
    public func invalidate(tags: [String]) async {
        guard !tags.isEmpty else { return }
        applyLocally(tags)
        await notifier.notify(tags, channel: configuration.channel, origin: origin)
        await invalidateL2(tags)
    }

    /// Drops every in-process entry (other processes and L2 are untouched).
    public func removeAll() {
        l1.withLock { $0.removeAll() }
    }

    /// Waits until this process's listener has applied every invalidation committed before the call.
    ///
    /// Cross-process invalidation is asynchronous; call this where another process's commit must be visible
    /// here at once. Returns at once when the cache does not listen; returns false when the listener is down.
    @discardableResult
    public func synchronize() async -> Bool {
        guard let listener = listener.current else { return isServingL1 }
        return await listener.synchronize(notifier: notifier, channel: configuration.channel)
    }

    /// Applies invalidations to L1 only (after a local commit, or when another process's NOTIFY arrives).
    func applyLocally(_ tags: [String]) {
        l1.withLock { $0.invalidate(tags) }
    }

    /// Flushes L1 and marks it serving or not (the listener's connection state).
    func setListenerConnected(_ connected: Bool) {
        l1.withLock { $0.removeAll() }
        listenerConnected.withLock { $0 = connected }
    }

    /// Stops the listener.
    func stop() async {
        let current = listener.withLock { listener in
            defer { listener = nil }
            return listener
        }
        await current?.stop()
    }
}

/// Sends cache invalidations on the shared channel: inside a transaction (delivered on commit) or alone.
struct CacheNotifier: Sendable {
    /// The statement that sends one notification; binds are the channel and the payload.
    static let statement = PostgresStatement.unnamed(
        name: "repogen_cache_notify", sql: "SELECT pg_notify($1::text, $2::text)", parameterTypes: [.text, .text],
        entity: "cache", operation: "notify")
    /// NOTIFY payloads must stay under 8000 bytes.
    static let maximumPayload = 7_000

    let send: @Sendable (PostgresStatement, PostgresBindings) async throws -> Void

    /// Marks the first line of a payload naming the cache that sent it.
    static let originPrefix = "\u{2}origin:"

    /// Splits tags into payloads of at most `maximumPayload` bytes: the sender's origin line, then one tag per line.
    static func payloads(_ tags: [String], origin: String) -> [String] {
        let header = originPrefix + origin
        var payloads: [String] = []
        var current = header
        for tag in tags where tag.utf8.count < maximumPayload - header.utf8.count {
            if current != header, current.utf8.count + tag.utf8.count + 1 > maximumPayload {
                payloads.append(current)
                current = header
            }
            current += "\n" + tag
        }
        if current != header { payloads.append(current) }
        return payloads
    }

    /// The sender and the tags of a payload; the sender is nil for a payload without an origin line.
    static func parse(_ payload: String) -> (origin: String?, tags: [String]) {
        var lines = payload.split(separator: "\n").map(String.init)
        guard let first = lines.first, first.hasPrefix(originPrefix) else { return (nil, lines) }
        lines.removeFirst()
        return (String(first.dropFirst(originPrefix.count)), lines)
    }

    /// The notifications for `tags`, to send inside a unit of work, just before its COMMIT (delivered only if it
    /// commits).
    static func executions(_ tags: [String], channel: String, origin: String) -> [Execution] {
        payloads(tags, origin: origin).map { payload in
            var binds = PostgresBindings(capacity: 2)
            binds.append(channel)
            binds.append(payload)
            return Execution(statement: statement, binds: binds)
        }
    }

    /// Sends outside any transaction; a failure is logged, never thrown (the write has already committed).
    func notify(_ tags: [String], channel: String, origin: String) async {
        for payload in Self.payloads(tags, origin: origin) {
            var binds = PostgresBindings(capacity: 2)
            binds.append(channel)
            binds.append(payload)
            try? await send(Self.statement, binds)
        }
    }
}
