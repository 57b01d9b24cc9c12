/// How many connections a `Database` keeps, how long they live and how long a caller waits for one.
///
/// ```swift
/// let db = try await Database.connect(url: url, pool: PoolConfiguration(minimum: 2, maximum: 10))
/// ```
public struct PoolConfiguration: Sendable, Hashable {
    /// Connections opened by `Database.connect` before it returns, and kept open afterwards.
    public var minimum: Int
    /// The most connections open at once.
    public var maximum: Int
    /// How long `run` or `transaction` waits for a free connection before throwing `poolTimeout`.
    public var acquireTimeout: Duration
    /// How long opening one connection may take (libpq `connect_timeout`, whole seconds, at least 2); nil: no limit.
    public var connectTimeout: Duration?
    /// A connection is closed once this old (when idle or on release); nil: connections live forever.
    public var maxLifetime: Duration?
    /// Each connection's lifetime is shortened by a random share up to this (0.1 = up to 10%), so they expire apart.
    public var lifetimeJitter: Double
    /// Idle connections above `minimum` are closed after this long unused; nil: never.
    public var idleTimeout: Duration?
    /// A connection idle at least this long is checked with a round trip before it is handed out; nil: never.
    public var validationInterval: Duration?
    /// A lease held longer than this logs a warning naming where it was taken; nil: no leak detection.
    public var leakDetectionThreshold: Duration?
    /// How often the pool runs its upkeep (expiry, idle timeout, leak detection, refilling `minimum`).
    public var housekeepingInterval: Duration
    /// The server-side `statement_timeout` set on every pooled connection; nil leaves the server's setting.
    public var statementTimeout: Duration?
    /// How long the calling thread waits for a reply before the wait moves to the connection's own thread.
    ///
    /// A point lookup then needs no thread hand-off; a slower reply holds a thread of Swift's cooperative pool no
    /// longer than this. `.zero` always hands the wait off. A connection whose replies keep outlasting it (a
    /// database across a network) hands its waits off at once, probing now and then (docs/operations.md). A task
    /// that waited longer than this for a thread of the cooperative pool makes statements queue for a while
    /// rather than wait inline (`ConnectionPool.execute`).
    public var inlineWait: Duration
    /// How many queued plain reads one connection takes from the queue at once and sends as one libpq pipeline.
    ///
    /// Only statements run outside a transaction while the pool is busy queue, and only statements declared
    /// read-only (`PostgresStatement.isReadOnly`) share a pipeline: one sync, so one wake-up on each side serves
    /// them all. They share an implicit transaction; if one fails, the others run again alone, so each caller
    /// still gets its own statement's outcome. 1 sends them one by one. Deeper pipelines save more round trips,
    /// but a slow read delays the ones sent behind it.
    public var pipelineDepth: Int
    /// How many prepared statements each connection keeps; the least recently used beyond it are deallocated.
    ///
    /// Every distinct statement text (generated statements, each query-builder shape, each `RawSQL` text) is
    /// prepared once per connection; this bounds the server memory they hold however many shapes clients cause.
    /// Set it above the number of statements the application runs often, or they are prepared again and again.
    public var preparedStatementCapacity: Int

    /// The default `preparedStatementCapacity`.
    public static let defaultPreparedStatementCapacity = 256

    /// Creates a configuration; `minimum` must be between 0 and `maximum`, and `maximum` at least 1.
    public init(
        minimum: Int = 1, maximum: Int = 10, acquireTimeout: Duration = .seconds(10),
        connectTimeout: Duration? = .seconds(10), maxLifetime: Duration? = .seconds(1800), lifetimeJitter: Double = 0.1,
        idleTimeout: Duration? = .seconds(600), validationInterval: Duration? = .seconds(30),
        leakDetectionThreshold: Duration? = .seconds(60), housekeepingInterval: Duration = .seconds(1),
        statementTimeout: Duration? = nil, inlineWait: Duration = .microseconds(200), pipelineDepth: Int = 4,
        preparedStatementCapacity: Int = Self.defaultPreparedStatementCapacity
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.acquireTimeout = acquireTimeout
        self.connectTimeout = connectTimeout
        self.maxLifetime = maxLifetime
        self.lifetimeJitter = lifetimeJitter
        self.idleTimeout = idleTimeout
        self.validationInterval = validationInterval
        self.leakDetectionThreshold = leakDetectionThreshold
        self.housekeepingInterval = housekeepingInterval
        self.statementTimeout = statementTimeout
        self.inlineWait = inlineWait
        self.pipelineDepth = pipelineDepth
        self.preparedStatementCapacity = preparedStatementCapacity
    }

    func validate() throws {
        let durations = [
            connectTimeout, maxLifetime, idleTimeout, validationInterval, leakDetectionThreshold, inlineWait,
        ]
        guard maximum >= 1, (0...maximum).contains(minimum), acquireTimeout >= .zero,
              durations.allSatisfy({ ($0 ?? .zero) >= .zero }), (0...1).contains(lifetimeJitter),
              housekeepingInterval > .zero, pipelineDepth >= 1
        else {
            throw RepogenError(
                kind: .invalidConfiguration,
                message: "pool needs 0 <= minimum <= maximum, maximum >= 1, non-negative durations, "
                    + "0 <= lifetimeJitter <= 1, a positive housekeeping interval and pipelineDepth >= 1")
        }
        try Self.validateStatementCapacity(preparedStatementCapacity)
    }

    /// Throws `invalidConfiguration` unless `capacity` is between 1 and 100,000.
    static func validateStatementCapacity(_ capacity: Int) throws {
        guard (1...100_000).contains(capacity) else {
            throw RepogenError(
                kind: .invalidConfiguration,
                message: "preparedStatementCapacity must be between 1 and 100000, got \(capacity)")
        }
    }

    /// The state machine's limits.
    var limits: PoolStateMachine.Limits {
        PoolStateMachine.Limits(
            minimum: minimum, maxLifetime: maxLifetime, idleTimeout: idleTimeout,
            validationInterval: validationInterval, leakThreshold: leakDetectionThreshold,
            acquireTimeout: acquireTimeout, housekeepingInterval: housekeepingInterval, pipelineDepth: pipelineDepth,
            inlineCallers: PostgresConnection.inlineWaiterLimit)
    }

    /// libpq keywords for the connection-level timeouts, placed before the user's conninfo so it can override them.
    var connectionParameters: [(String, String)] {
        var parameters: [(String, String)] = []
        if let connectTimeout {
            parameters.append(("connect_timeout", String(max(2, Int(connectTimeout.seconds.rounded(.up))))))
        }
        if let statementTimeout {
            let milliseconds = max(1, Int((statementTimeout.seconds * 1000).rounded(.up)))
            parameters.append(("options", "-c statement_timeout=\(milliseconds)"))
        }
        return parameters
    }
}
