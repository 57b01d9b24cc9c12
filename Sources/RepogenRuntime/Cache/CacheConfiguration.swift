import Logging

/// The settings of a database's cache; `Database.enableCache(_:)` takes one.
///
/// ```swift
/// try await db.enableCache(CacheConfiguration(maximumEntries: 50_000, maximumBytes: 128 << 20))
/// ```
public struct CacheConfiguration: Sendable {
    /// At most this many in-process entries; the least recently used go first.
    public var maximumEntries: Int
    /// At most about this many bytes of row data in process (measured on the wire format of each row).
    public var maximumBytes: Int
    /// The time source of TTL expiry.
    public var clock: any CacheClock
    /// Whether other processes' commits invalidate this process's L1 through a LISTEN connection.
    ///
    /// Turn it off only when a single process writes the database; with it on, L1 serves nothing while the
    /// listener is disconnected.
    public var listensForOtherProcesses: Bool
    /// Where the LISTEN connection goes when it must not go where the database's pool does: the server's direct
    /// URL when the pool goes through a transaction pooler (`StatementMode.unnamed`); nil uses the database's.
    public var listenerConfiguration: DatabaseConfiguration?
    /// The NOTIFY channel every process of the application shares.
    public var channel: String
    /// The shared tier (Redis through `RepogenRedis`), nil for L1 only.
    public var l2: (any CacheL2Store)?
    /// Where the cache logs listener and L2 trouble.
    public var logger: Logger

    /// Creates a configuration; the defaults hold 10 000 entries or 64 MiB and listen for other processes.
    public init(
        maximumEntries: Int = 10_000, maximumBytes: Int = 64 << 20, clock: any CacheClock = SystemCacheClock(),
        listensForOtherProcesses: Bool = true, listenerConfiguration: DatabaseConfiguration? = nil,
        channel: String = "repogen_cache", l2: (any CacheL2Store)? = nil, logger: Logger = Logger(label: "repogen.cache")
    ) {
        self.maximumEntries = maximumEntries
        self.maximumBytes = maximumBytes
        self.clock = clock
        self.listensForOtherProcesses = listensForOtherProcesses
        self.listenerConfiguration = listenerConfiguration
        self.channel = channel
        self.l2 = l2
        self.logger = logger
    }
}

/// A shared cache tier (L2) such as Redis; every call may fail, and the cache then falls back to PostgreSQL.
///
/// Entries of a table are valid only under the table's current generation: after a commit the writer replaces
/// the generation, so every older entry of that table is ignored, and a fill that read PostgreSQL before the
/// commit can never be mistaken for a current one.
public protocol CacheL2Store: Sendable {
    /// The value stored under `key` and the current value of `generationKey`, in one round trip.
    func fetch(_ key: String, generationKey: String) async throws -> (value: [UInt8]?, generation: [UInt8]?)
    /// Sets `generationKey` to `candidate` unless it exists, and returns its value.
    func establishGeneration(_ generationKey: String, candidate: [UInt8]) async throws -> [UInt8]
    /// Stores `value` under `key` for `ttl`.
    func store(_ key: String, value: [UInt8], ttl: Duration) async throws
    /// Replaces every generation key given, invalidating all entries stored under the old generations.
    func replaceGenerations(_ generationKeys: [String], with value: [UInt8]) async throws
}
