import ServiceLifecycle

/// Runs a `Database` as a swift-service-lifecycle `Service`: on graceful shutdown it drains and closes the pool.
///
/// ```swift
/// let group = ServiceGroup(services: [DatabaseService(db), httpServer], logger: logger)
/// try await group.run()
/// ```
public struct DatabaseService: Service {
    /// The database this service closes on shutdown.
    public let database: Database
    /// How long shutdown waits for leased connections to come back.
    public let gracePeriod: Duration

    /// Creates the service.
    public init(_ database: Database, gracePeriod: Duration = .seconds(10)) {
        self.database = database
        self.gracePeriod = gracePeriod
    }

    /// Waits for graceful shutdown (or cancellation), then shuts the database down within `gracePeriod`.
    public func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown(gracePeriod: gracePeriod)
    }
}
