/// Counts and latency percentiles of one statement, from `db.statementStatistics()`.
public struct StatementStatistics: Sendable, Hashable {
    /// The statement's name, e.g. `repogen_quotes_find`.
    public let statement: String
    /// How many times it ran (successes and failures).
    public let count: Int
    /// How many of those runs failed.
    public let failures: Int
    /// The median duration over the recent sample.
    public let p50: Duration
    /// The 95th percentile duration over the recent sample.
    public let p95: Duration
    /// The 99th percentile duration over the recent sample.
    public let p99: Duration
}

/// Per-statement counts and a bounded ring of recent durations, for percentiles.
final class StatementStatisticsStore: Sendable {
    private struct Entry {
        var count = 0
        var failures = 0
        var samples: [Duration] = []
        var next = 0

        /// Counts one run and keeps its duration in the ring, in place (no copy of the samples).
        mutating func add(_ duration: Duration, failed: Bool) {
            count += 1
            failures += failed ? 1 : 0
            if samples.count < StatementStatisticsStore.sampleSize {
                samples.append(duration)
            } else {
                samples[next] = duration
            }
            next = (next + 1) % StatementStatisticsStore.sampleSize
        }
    }

    /// Durations kept per statement for the percentiles.
    static let sampleSize = 1024
    private let entries = Locked<[String: Entry]>([:])

    func record(_ statement: String, duration: Duration, failed: Bool) {
        entries.withLock { entries in
            entries[statement, default: Entry()].add(duration, failed: failed)
        }
    }

    /// Every statement's figures, sorted by name.
    func snapshot() -> [StatementStatistics] {
        let current = entries.current
        return current.keys.sorted().map { name in
            let entry = current[name]!
            let sorted = entry.samples.sorted()
            return StatementStatistics(
                statement: name, count: entry.count, failures: entry.failures,
                p50: Self.percentile(0.50, of: sorted), p95: Self.percentile(0.95, of: sorted),
                p99: Self.percentile(0.99, of: sorted))
        }
    }

    /// The nearest-rank percentile of sorted samples; zero when there are none.
    static func percentile(_ fraction: Double, of sorted: [Duration]) -> Duration {
        guard !sorted.isEmpty else {
            return .zero
        }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
