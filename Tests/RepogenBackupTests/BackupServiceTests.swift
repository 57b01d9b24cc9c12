import Foundation
import Logging
import MetricsTestKit
import RepogenBackup
import RepogenRuntime
import ServiceLifecycle
import Testing

@Suite("Backup service")
struct BackupServiceTests {
    /// Runs `service` in a service group while `body` drives the clock, then shuts the group down.
    private func running(
        _ service: BackupService<ManualClock>, _ body: () async throws -> Void
    ) async throws {
        let group = ServiceGroup(
            services: [service], gracefulShutdownSignals: [], logger: Logger(label: "backup-service-test"))
        let runner = Task { try await group.run() }
        do {
            try await body()
        } catch {
            await group.triggerGracefulShutdown()
            _ = await runner.result
            throw error
        }
        await group.triggerGracefulShutdown()
        try await runner.value
    }

    @Test("backs up at once and every interval, verifies, prunes, and publishes age, size and verify result")
    func scheduledCycles() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let testDB = try await seededDatabase(rows: 5)
        let backups = Backups(url: testDB.url, directory: directory.path)
        let metrics = TestMetrics()
        let clock = ManualClock()
        let service = BackupService(
            backups: backups, interval: .seconds(3600), retention: BackupRetention(last: 2),
            ageRefresh: .seconds(60), clock: clock, metricsFactory: metrics)
        try await running(service) {
            try await eventually("the first backup") { clock.sleeperCount == 1 }
            let first = try backups.list()
            #expect(first.count == 1)
            #expect(try metrics.expectGauge(RepositoryMetricName.backupSize).lastValue == Double(first[0].sizeBytes))
            #expect(try metrics.expectGauge(RepositoryMetricName.backupVerified).lastValue == 1)
            #expect(try metrics.expectGauge(RepositoryMetricName.backupAge).lastValue == 0)

            clock.advance(by: .seconds(60))  // no backup due: only the age moves
            try await eventually("the age refresh") { clock.sleeperCount == 1 }
            #expect(try metrics.expectGauge(RepositoryMetricName.backupAge).lastValue == 60)
            #expect(try backups.list().count == 1)

            for cycle in 2...3 {
                clock.advance(by: .seconds(cycle == 2 ? 3540 : 3600))
                try await eventually("backup \(cycle)") {
                    guard clock.sleeperCount == 1 else { return false }
                    return try metrics.expectGauge(RepositoryMetricName.backupVerified).values.count == cycle
                }
            }
            let kept = try backups.list()
            #expect(kept.count == 2 && !kept.contains(first[0]))
            #expect(try metrics.expectGauge(RepositoryMetricName.backupAge).lastValue == 0)
        }
        #expect(throws: (any Error).self) {
            try metrics.expectCounter(RepositoryMetricName.backupFailures, [("stage", "create")])
        }
    }

    @Test("a failing backup is counted, and the age keeps growing from the service's start")
    func failingCycles() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let noTools = directory.path + "/no-tools"
        try FileManager.default.createDirectory(atPath: noTools, withIntermediateDirectories: true)
        let testDB = try await seededDatabase(rows: 1)
        let backups = Backups(url: testDB.url, directory: directory.path + "/out", toolDirectories: [noTools])
        let metrics = TestMetrics()
        let clock = ManualClock()
        var quiet = Logger(label: "backup-service-test")
        quiet.logLevel = .critical  // the failures are expected; the counter is what is checked
        let service = BackupService(
            backups: backups, interval: .seconds(120), ageRefresh: .seconds(60), clock: clock, metricsFactory: metrics,
            logger: quiet)
        try await running(service) {
            try await eventually("the first attempt") { clock.sleeperCount == 1 }
            let failures = try metrics.expectCounter(RepositoryMetricName.backupFailures, [("stage", "create")])
            #expect(failures.totalValue == 1)
            clock.advance(by: .seconds(120))
            try await eventually("the second attempt") { clock.sleeperCount == 1 && failures.totalValue == 2 }
            #expect(try metrics.expectGauge(RepositoryMetricName.backupAge).lastValue == 120)
            #expect(try backups.list().isEmpty)
        }
    }
}
