// The pool-of-4 workload in a process of its own (`make bench` runs it after package-benchmark).
//
// package-benchmark runs an async benchmark by blocking the calling thread, a thread of Swift's cooperative
// pool, in a semaphore until the benchmark's task ends (`Benchmark.runAsync`, seen in gdb). On a two-core machine
// that leaves the workload one cooperative thread, so 16 tasks on a pool of 4 ran no faster than one connection.
// pgbench's ceiling for this workload is 4 client threads, so this measures the same 16 tasks with the whole
// cooperative pool: 3 warm-up rounds, then 9 measured rounds of 4,000 lookups; the median round's ops/s is written
// to REPOGEN_BENCH_CONCURRENT_FILE.
import BenchQuoteMaster
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let url = environment["REPOGEN_BENCH_URL"], let output = environment["REPOGEN_BENCH_CONCURRENT_FILE"] else {
    print("ConcurrentFind: set REPOGEN_BENCH_URL and REPOGEN_BENCH_CONCURRENT_FILE (make bench does)")
    exit(2)
}

let tasks = 16
let lookupsPerRound = 4000
let options = DatabaseOptions(slowQueryThreshold: nil)
let pooled = try await Database.connect(url: url, pool: .init(minimum: 4, maximum: 4), options: options)
let sample = try await pooled.quotes.find(
    where: Quote.title.like("Quote %3"), orderBy: [Quote.id.ascending], limit: 1000)
let ids = sample.map(\.id)

/// One round: 16 tasks share `lookupsPerRound` lookups; returns the round's ops/s.
@Sendable func round() async throws -> Double {
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<tasks {
            group.addTask {
                let perTask = lookupsPerRound / tasks
                for index in 0..<perTask {
                    _ = try await pooled.quotes.find(id: ids[(task * perTask + index) % ids.count])
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(lookupsPerRound) / seconds
}

/// All rounds in a detached task at default priority, off the main actor, like an application's request tasks.
let rates = try await Task.detached {
    for _ in 0..<3 { _ = try await round() }
    var rates: [Double] = []
    for _ in 0..<9 { rates.append(try await round()) }
    return rates.sorted()
}.value
await pooled.close()
let median = rates[rates.count / 2]
try "\(median)\n".write(toFile: output, atomically: true, encoding: .utf8)
print("ConcurrentFind: 16 tasks on a pool of 4, median of 9 rounds: \(Int(median)) ops/s")
print("rounds: \(rates.map { Int($0) })")
