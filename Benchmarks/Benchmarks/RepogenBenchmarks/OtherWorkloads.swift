import BenchQuoteMaster
import Benchmark
import Foundation
import RepogenCore
import RepogenRuntime

/// Code generation for 500 entities, validation of 60,000 entities with unresolved names, and streaming 100k rows
/// (memory).
func registerOtherWorkloads() {
    let schema = SyntheticSchema.yaml(entities: 500)
    Benchmark(
        "codegen 500 entities x1",
        configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxIterations: 5)
    ) { benchmark throws in
        let read = SchemaReader.read(yaml: schema, file: "synthetic.yaml")
        guard let parsed = read.schema else {
            throw RepogenError(kind: .invalidConfiguration, message: "\(read.diagnostics.first.map { "\($0)" } ?? "")")
        }
        let templates = try TemplateSet(overrides: nil)
        let files = Generator(templates: templates).generate(
            parsed, namespace: "Synthetic", sourceFile: "synthetic.yaml", migrations: [])
        precondition(files.allSatisfy { !$0.contents.isEmpty })
    }
    let unresolved = SyntheticSchema.unresolvedYAML(entities: 60_000)
    Benchmark(
        "validate 60000 entities with unresolved names x1",
        configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 1, maxIterations: 3)
    ) { benchmark throws in
        let read = SchemaReader.read(yaml: unresolved, file: "unresolved.yaml")
        guard read.schema == nil, read.diagnostics.count >= 60_000 else {
            throw RepogenError(kind: .invalidConfiguration, message: "expected every unresolved name reported")
        }
    }
    Benchmark(
        "stream 100000 quotes x100000",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident], warmupIterations: 0, maxIterations: 3)
    ) { benchmark async throws in
        let state = try await BenchStore.shared.get()
        let baseline = MemoryProbe.resetPeak()
        benchmark.startMeasurement()
        var count = 0
        for try await quote in state.single.quotes.stream(where: .all, batchSize: 1000) {
            blackHole(quote)
            count += 1
            if count == 100_000 { break }
        }
        benchmark.stopMeasurement()
        MemoryProbe.record(aboveBaseline: MemoryProbe.peak() - baseline)
    }
}

/// Resident memory from /proc/self/status, for the streaming workload's "above baseline" figure.
enum MemoryProbe {
    /// Resets the kernel's peak-RSS mark and returns the current RSS in bytes.
    static func resetPeak() -> Int {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return field("VmRSS")
    }

    /// The peak RSS since the last reset, in bytes.
    static func peak() -> Int {
        field("VmHWM")
    }

    /// Appends the figure to `REPOGEN_BENCH_MEMORY_FILE` (one number of bytes per line) for the report.
    static func record(aboveBaseline bytes: Int) {
        guard let path = ProcessInfo.processInfo.environment["REPOGEN_BENCH_MEMORY_FILE"] else { return }
        appendLine("\(bytes)", to: path)
    }

    private static func field(_ name: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }
}
