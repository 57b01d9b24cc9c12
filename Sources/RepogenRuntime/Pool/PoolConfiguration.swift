/// How many connections a `Database` keeps and how long a caller waits for one.
///
/// ```swift
/// let db = try await Database.connect(url: url, pool: PoolConfiguration(minimum: 2, maximum: 10))
/// ```
public struct PoolConfiguration: Sendable, Hashable {
    /// Connections opened by `Database.connect` before it returns.
    public var minimum: Int
    /// The most connections open at once.
    public var maximum: Int
    /// How long `run` or `transaction` waits for a free connection before throwing `poolTimeout`.
    public var acquireTimeout: Duration

    /// Creates a configuration; `minimum` must be between 0 and `maximum`, and `maximum` at least 1.
    public init(minimum: Int = 1, maximum: Int = 10, acquireTimeout: Duration = .seconds(10)) {
        self.minimum = minimum
        self.maximum = maximum
        self.acquireTimeout = acquireTimeout
    }

    func validate() throws {
        guard maximum >= 1, (0...maximum).contains(minimum), acquireTimeout >= .zero else {
            throw RepogenError(
                kind: .invalidConfiguration,
                message: "pool needs 0 <= minimum <= maximum, maximum >= 1 and a non-negative acquire timeout")
        }
    }
}
