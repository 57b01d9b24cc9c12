import Benchmark

/// Every workload of issue 9; each iteration runs a fixed number of operations (`Workload.operations`), and
/// `scripts/report.py` divides by it. Names here are the keys of the report.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], warmupIterations: 3, maxDuration: .seconds(5),
        maxIterations: 200)
    registerReadWorkloads()
    registerWriteWorkloads()
    registerOtherWorkloads()
    registerCacheWorkloads()
}
