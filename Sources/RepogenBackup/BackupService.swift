import Logging
import Metrics
import RepogenRuntime
import ServiceLifecycle

/// Takes a backup every `interval` (the first at once), verifies it, prunes old ones, and reports metrics; a
/// swift-service-lifecycle `Service`.
///
/// Between backups it wakes at least every `ageRefresh` to publish `repository_backup_age_seconds`, so the gauge
/// grows while backups fail. Graceful shutdown cancels a backup in progress (`pg_dump` is stopped and its
/// partial file removed). The clock is injected so tests can run cycles without waiting for real intervals.
/// ```swift
/// let backups = Backups(url: url, directory: "/var/backups/quotes")
/// let service = BackupService(backups: backups, interval: .seconds(6 * 3600),
///                             retention: BackupRetention(last: 4, daily: 7, weekly: 4))
/// let group = ServiceGroup(services: [DatabaseService(db), service], logger: logger)
/// ```
public struct BackupService<C: Clock>: Service where C.Duration == Duration {
    /// The backups taken.
    public let backups: Backups
    /// The time from one backup's start to the next.
    public let interval: Duration
    /// Whether each backup is verified by a restore into a scratch database.
    public let verify: Bool
    /// What to prune after each successful backup, or nil to keep everything.
    public let retention: BackupRetention?
    /// The longest time between two updates of the age gauge.
    public let ageRefresh: Duration
    private let clock: C
    private let logger: Logger
    private let instruments: BackupInstruments

    /// Creates the service on `clock`; metrics go to `metricsFactory` (the process-wide one when nil).
    public init(
        backups: Backups, interval: Duration, verify: Bool = true, retention: BackupRetention? = nil,
        ageRefresh: Duration = .seconds(60), clock: C, metricsFactory: (any MetricsFactory)? = nil,
        logger: Logger = Logger(label: "repogen.backup")
    ) {
        self.backups = backups
        self.interval = interval
        self.verify = verify
        self.retention = retention
        self.ageRefresh = ageRefresh
        self.clock = clock
        self.logger = logger
        instruments = BackupInstruments(factory: metricsFactory ?? MetricsSystem.factory)
    }

    /// Runs backups on schedule until graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await runSchedule()
        }
    }

    /// The schedule: a cycle whenever one is due, the age gauge at every wake-up, until cancelled.
    private func runSchedule() async {
        let started = clock.now
        var lastSuccess: C.Instant?
        var next = started
        while !Task.isCancelled {
            if clock.now >= next {
                next = clock.now.advanced(by: interval)
                if await cycle() {
                    lastSuccess = clock.now
                }
            }
            instruments.age.record((lastSuccess ?? started).duration(to: clock.now).seconds)
            try? await clock.sleep(until: min(next, clock.now.advanced(by: ageRefresh)), tolerance: nil)
        }
    }

    /// One backup: create, verify, prune. Returns whether a verified (or, without `verify`, created) backup exists.
    private func cycle() async -> Bool {
        let manifest: BackupManifest
        do {
            manifest = try await backups.create()
            instruments.size.record(manifest.sizeBytes)
        } catch {
            return failed("create", error)
        }
        if verify {
            do {
                try await backups.verify(manifest.name)
                instruments.verified.record(1)
            } catch {
                if !Task.isCancelled { instruments.verified.record(0) }
                return failed("verify", error)
            }
        }
        logger.info("backup written", metadata: ["backup": "\(manifest.name)", "bytes": "\(manifest.sizeBytes)"])
        if let retention {
            do {
                try backups.prune(retention)
            } catch {
                _ = failed("prune", error)
            }
        }
        return true
    }

    /// Counts and logs a failed stage (not one cut short by shutdown) and returns false.
    private func failed(_ stage: String, _ error: any Error) -> Bool {
        guard !Task.isCancelled else {
            return false
        }
        instruments.failures(stage).increment()
        logger.error("backup \(stage) failed", metadata: ["error": "\(error)"])
        return false
    }
}

extension BackupService where C == ContinuousClock {
    /// Creates the service on the continuous clock.
    public init(
        backups: Backups, interval: Duration, verify: Bool = true, retention: BackupRetention? = nil,
        metricsFactory: (any MetricsFactory)? = nil, logger: Logger = Logger(label: "repogen.backup")
    ) {
        self.init(
            backups: backups, interval: interval, verify: verify, retention: retention, clock: ContinuousClock(),
            metricsFactory: metricsFactory, logger: logger)
    }
}

/// The backup gauges and failure counters, made once per service.
private struct BackupInstruments: Sendable {
    let factory: any MetricsFactory
    let age: Gauge
    let size: Gauge
    let verified: Gauge

    init(factory: any MetricsFactory) {
        self.factory = factory
        age = Gauge(label: RepositoryMetricName.backupAge, dimensions: [], factory: factory)
        size = Gauge(label: RepositoryMetricName.backupSize, dimensions: [], factory: factory)
        verified = Gauge(label: RepositoryMetricName.backupVerified, dimensions: [], factory: factory)
    }

    func failures(_ stage: String) -> Counter {
        Counter(label: RepositoryMetricName.backupFailures, dimensions: [("stage", stage)], factory: factory)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
