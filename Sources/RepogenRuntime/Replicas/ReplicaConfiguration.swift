/// The read replicas of a primary and how reads are routed to them; `Database.connect(_:replicas:)` takes one.
///
/// ```swift
/// let replicas = ReplicaConfiguration(
///     [try DatabaseConfiguration(url: "postgres://app@replica-1/quotes")],
///     maximumLag: .seconds(2), readYourWrites: .waitThenPrimary(.milliseconds(20)))
/// let db = try await Database.connect(try DatabaseConfiguration(url: primaryURL), replicas: replicas)
/// ```
public struct ReplicaConfiguration: Sendable {
    /// Where each replica is.
    public var replicas: [DatabaseConfiguration]
    /// The pool of each replica (the primary keeps its own).
    public var pool: PoolConfiguration
    /// A replica further behind the primary than this is skipped until it catches up.
    public var maximumLag: Duration
    /// What a read does when it must see a write no replica has replayed yet.
    public var readYourWrites: ReadYourWritesPolicy
    /// How often each replica's replayed position, and the primary's, are read (lag and health).
    public var monitorInterval: Duration

    /// Creates a configuration; by default a replica more than 5 s behind is skipped, and a read that no replica
    /// can serve consistently goes to the primary.
    public init(
        _ replicas: [DatabaseConfiguration], pool: PoolConfiguration = .init(), maximumLag: Duration = .seconds(5),
        readYourWrites: ReadYourWritesPolicy = .primary, monitorInterval: Duration = .milliseconds(100)
    ) {
        self.replicas = replicas
        self.pool = pool
        self.maximumLag = maximumLag
        self.readYourWrites = readYourWrites
        self.monitorInterval = monitorInterval
    }
}

/// Where a read goes when no replica has replayed the writes it must see.
public enum ReadYourWritesPolicy: Sendable, Hashable {
    /// To the primary at once.
    case primary
    /// To the first replica that replays them within the wait (asking the replicas as it waits), else the primary.
    case waitThenPrimary(Duration)
}
