import BenchQuoteMaster
import Benchmark
import Foundation
import RepogenRuntime

/// Operations per iteration of the cache workloads and the shape of the skewed one.
enum CacheWorkload {
    static let hitBatch = 100_000
    static let uncachedBatch = 1000
    static let zipfBatch = 10_000
    /// Distinct users the skewed workload draws from, and the L1 bound it runs under.
    static let zipfUsers = 10_000
    static let zipfCapacity = 1000
    static let zipfExponent = 1.0
}

/// `users.find(id:)` from L1 (every lookup a hit), the same lookups uncached (for the speed-up), and a Zipf
/// (s = 1) draw over 10,000 users through an L1 of 1,000 entries, whose hit ratio goes to a side file.
func registerCacheWorkloads() {
    Benchmark("find(id:) L1 cache x\(CacheWorkload.hitBatch)") { benchmark async throws in
        let cached = try await CacheBench.shared.get()
        benchmark.startMeasurement()
        try await findUsers(cached.hot.users, ids: cached.hotIDs, count: CacheWorkload.hitBatch)
    }
    Benchmark("users find(id:) uncached x\(CacheWorkload.uncachedBatch)") { benchmark async throws in
        let cached = try await CacheBench.shared.get()
        benchmark.startMeasurement()
        try await findUsers(cached.uncached.users, ids: cached.hotIDs, count: CacheWorkload.uncachedBatch)
    }
    Benchmark("find(id:) Zipf L1 1000 of 10000 x\(CacheWorkload.zipfBatch)") { benchmark async throws in
        let cached = try await CacheBench.shared.get()
        let users = cached.skewed.users
        let draws = cached.zipfDraws
        let before = cached.skewed.cache?.statistics ?? CacheStatistics()
        benchmark.startMeasurement()
        for id in draws {
            blackHole(try await users.find(id: id))
        }
        benchmark.stopMeasurement()
        let after = cached.skewed.cache?.statistics ?? CacheStatistics()
        SideFigures.append(hitRatio: after, since: before)
    }
}

/// `count` lookups of `users.find(id:)`, one after another, cycling through `ids`.
private func findUsers(_ users: UserRepository, ids: [UUID], count: Int) async throws {
    for index in 0..<count {
        blackHole(try await users.find(id: ids[index % ids.count]))
    }
}

/// The cached databases (one connection each) and the ids the cache workloads read, opened once per process.
final class CachedBenchState: Sendable {
    /// A cache large enough for every id of `hotIDs`, filled before the first measurement: every lookup hits.
    let hot: Database
    /// A cache of `CacheWorkload.zipfCapacity` entries for the skewed workload.
    let skewed: Database
    /// No cache: the same `users.find(id:)`, for the speed-up.
    let uncached: Database
    /// 1,000 user ids.
    let hotIDs: [UUID]
    /// `CacheWorkload.zipfBatch` user ids drawn with Zipf's law from `CacheWorkload.zipfUsers` users.
    let zipfDraws: [UUID]

    init(url: String) async throws {
        let options = DatabaseOptions(slowQueryThreshold: nil)
        let pool = PoolConfiguration(minimum: 1, maximum: 1)
        hot = try await Database.connect(url: url, pool: pool, options: options)
        skewed = try await Database.connect(url: url, pool: pool, options: options)
        uncached = try await Database.connect(url: url, pool: pool, options: options)
        try await hot.enableCache(CacheConfiguration(maximumEntries: 10_000))
        try await skewed.enableCache(CacheConfiguration(maximumEntries: CacheWorkload.zipfCapacity))
        let all = try await uncached.users.find(
            where: .all, orderBy: [User.email.ascending], limit: CacheWorkload.zipfUsers
        ).map(\.id)
        hotIDs = Array(all.prefix(1000))
        var sampler = ZipfSampler(count: all.count, exponent: CacheWorkload.zipfExponent, seed: 42)
        zipfDraws = (0..<CacheWorkload.zipfBatch).map { _ in all[sampler.next()] }
        for id in hotIDs {
            _ = try await hot.users.find(id: id)
        }
    }
}

/// Opens the cached state on first use.
actor CacheBench {
    /// The process-wide store.
    static let shared = CacheBench()
    private var state: CachedBenchState?

    /// The shared state, opened when first asked for.
    func get() async throws -> CachedBenchState {
        if let state {
            return state
        }
        let opened = try await CachedBenchState(url: BenchState.url)
        state = opened
        return opened
    }
}

/// Ranks 0..<count drawn with probability proportional to 1 / (rank + 1)^exponent, from a fixed seed.
struct ZipfSampler {
    private var cumulative: [Double] = []
    private var state: UInt64

    init(count: Int, exponent: Double, seed: UInt64) {
        var total = 0.0
        cumulative.reserveCapacity(count)
        for rank in 1...count {
            total += 1 / pow(Double(rank), exponent)
            cumulative.append(total)
        }
        cumulative = cumulative.map { $0 / total }
        state = seed
    }

    /// The next rank (SplitMix64, then a binary search of the cumulative distribution).
    mutating func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        let uniform = Double(mixed >> 11) / Double(1 << 53)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < uniform { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Figures the report reads besides package-benchmark's: the skewed workload's hit ratio per iteration.
enum SideFigures {
    /// Appends `hit ratio` of the lookups between `before` and `after` to `REPOGEN_BENCH_HIT_RATIO_FILE`.
    static func append(hitRatio after: CacheStatistics, since before: CacheStatistics) {
        guard let path = ProcessInfo.processInfo.environment["REPOGEN_BENCH_HIT_RATIO_FILE"] else { return }
        let hits = after.hits - before.hits
        let lookups = hits + after.misses - before.misses
        guard lookups > 0 else { return }
        appendLine("\(Double(hits) / Double(lookups))", to: path)
    }
}

/// Appends `line` and a newline to the file at `path`, creating it first if needed (the report's side files).
func appendLine(_ line: String, to path: String) {
    let text = line + "\n"
    if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
    } else {
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
