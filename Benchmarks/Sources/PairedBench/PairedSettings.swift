import Foundation

/// Why a paired run stopped.
enum PairedError: Error, CustomStringConvertible {
    case missingSetting(String)
    case toolFailed(tool: String, status: Int32, output: String)
    case missingRow
    case shortInsert(inserted: Int, expected: Int)

    var description: String {
        switch self {
        case .missingSetting(let name): "PairedBench: set \(name) (make bench does)"
        case .toolFailed(let tool, let status, let output): "\(tool) exited with \(status):\n\(output)"
        case .missingRow: "a seeded quote was not found"
        case .shortInsert(let inserted, let expected): "createMany inserted \(inserted) rows, not \(expected)"
        }
    }
}

/// What `run-bench` passes in the environment: where the two databases are, the tools, how long and how often to
/// measure.
struct PairedSettings {
    /// The Quote Master database (`REPOGEN_BENCH_URL`).
    let url: String
    /// Where the rounds are written as JSON (`REPOGEN_BENCH_PAIRED_FILE`).
    let output: String
    /// pgbench's executable (`REPOGEN_BENCH_PGBENCH`).
    let pgbench: String
    /// pgbench's connection arguments and database, split on spaces (`REPOGEN_BENCH_PGBENCH_ARGS`).
    let pgbenchArguments: [String]
    /// pgbench's connection arguments for the Quote Master database, where the transaction script runs
    /// (`REPOGEN_BENCH_PGBENCH_SCRIPT_ARGS`).
    let pgbenchScriptArguments: [String]
    /// psql's executable and connection arguments for the Quote Master database (`REPOGEN_BENCH_PSQL`, split on
    /// spaces), which runs the COPY side of the createMany pairs.
    let psql: [String]
    /// A folder for the CSV files COPY reads (`REPOGEN_BENCH_WORK_DIR`).
    let workDirectory: String
    /// Seconds each side of a find round runs (`REPOGEN_BENCH_PAIRED_SECONDS`, default 3).
    let seconds: Double
    /// Rounds per find pair (`REPOGEN_BENCH_PAIRED_ROUNDS`, default 6); the createMany pairs run 9.
    let rounds: Int
    /// A streaming replica of the Quote Master database (`REPOGEN_BENCH_REPLICA_URL`); nil skips the replica pairs.
    let replicaURL: String?
    /// The pairs to run, by name (`REPOGEN_BENCH_PAIRS`, comma-separated, e.g. `single,pool4_t4`); nil runs all.
    let pairs: Set<String>?

    /// Reads the settings; a missing one is an error naming it.
    init(_ environment: [String: String]) throws {
        func required(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else { throw PairedError.missingSetting(name) }
            return value
        }
        url = try required("REPOGEN_BENCH_URL")
        output = try required("REPOGEN_BENCH_PAIRED_FILE")
        pgbench = try required("REPOGEN_BENCH_PGBENCH")
        pgbenchArguments = try required("REPOGEN_BENCH_PGBENCH_ARGS").split(separator: " ").map(String.init)
        pgbenchScriptArguments = try required("REPOGEN_BENCH_PGBENCH_SCRIPT_ARGS").split(separator: " ")
            .map(String.init)
        psql = try required("REPOGEN_BENCH_PSQL").split(separator: " ").map(String.init)
        workDirectory = try required("REPOGEN_BENCH_WORK_DIR")
        seconds = environment["REPOGEN_BENCH_PAIRED_SECONDS"].flatMap(Double.init) ?? 3
        rounds = environment["REPOGEN_BENCH_PAIRED_ROUNDS"].flatMap(Int.init) ?? 6
        replicaURL = environment["REPOGEN_BENCH_REPLICA_URL"].flatMap { $0.isEmpty ? nil : $0 }
        pairs = environment["REPOGEN_BENCH_PAIRS"].flatMap { list in
            list.isEmpty ? nil : Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// Whether the pair named `name` is to run.
    func runs(_ name: String) -> Bool {
        pairs?.contains(name) ?? true
    }

    /// Runs `pgbench -S -M prepared` with `clients` clients and threads for `seconds`; returns its tps without
    /// the initial connection time. Blocks the calling thread (the main thread) while pgbench runs.
    func pgbench(clients: Int) throws -> Double {
        let arguments = ["-S", "-M", "prepared", "-c", "\(clients)", "-j", "\(clients)",
                         "-T", "\(Int(seconds.rounded()))"] + pgbenchArguments
        return try figure(from: [pgbench] + arguments, linePrefix: "tps = ", lineContaining: "without initial")
    }

    /// Runs the pgbench script at `path` (`-M prepared`, one client, no vacuum) on the Quote Master database for
    /// `seconds`; returns its tps without the initial connection time.
    func pgbench(script path: String) throws -> Double {
        let arguments = ["-n", "-M", "prepared", "-c", "1", "-j", "1", "-f", path,
                         "-T", "\(Int(seconds.rounded()))"] + pgbenchScriptArguments
        return try figure(from: [pgbench] + arguments, linePrefix: "tps = ", lineContaining: "without initial")
    }

    /// Runs one psql command with `\timing on` (the Quote Master database); returns psql's time in milliseconds.
    func psqlTiming(_ command: String) throws -> Double {
        try figure(from: psql + ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "\\timing on", "-c", command],
                   linePrefix: "Time: ", lineContaining: " ms")
    }

    /// Runs `command` to its end and reads the number after `linePrefix` on the output line that also contains
    /// `lineContaining`; anything else is an error carrying the output.
    private func figure(from command: [String], linePrefix: String, lineContaining: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try withSignalsUnblocked { try process.run() }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = output.split(separator: "\n").first { $0.hasPrefix(linePrefix) && $0.contains(lineContaining) }
        guard process.terminationStatus == 0, let line,
              let value = Double(line.dropFirst(linePrefix.count).prefix { $0 != " " }) else {
            let tool = URL(fileURLWithPath: command[0]).lastPathComponent
            throw PairedError.toolFailed(tool: tool, status: process.terminationStatus, output: output)
        }
        return value
    }
}

/// One pair's rounds: our rate and the ceiling's (pgbench's tps or COPY's rows/s), in the order they were measured,
/// with the CPU time each side's client and the whole machine spent per operation.
struct RoundLog: Encodable {
    /// `single`, `pool4_t<tasks>`, `transaction`, `create_quotes` or `create_events`.
    let workload: String
    /// Our rate, one per round.
    private(set) var ours: [Double] = []
    /// The ceiling's rate, one per round.
    private(set) var ceiling: [Double] = []
    /// Microseconds of our process's CPU per operation, one per round.
    private(set) var oursClientCPU: [Double] = []
    /// Microseconds of the ceiling client's CPU (pgbench, psql) per operation, one per round.
    private(set) var ceilingClientCPU: [Double] = []
    /// Microseconds of the machine's busy CPU per operation while our side ran (nil off Linux).
    private(set) var oursMachineCPU: [Double?] = []
    /// The same while the ceiling ran.
    private(set) var ceilingMachineCPU: [Double?] = []

    init(workload: String) {
        self.workload = workload
    }

    /// Records one round.
    mutating func add(ours: MeasuredSide, ceiling: MeasuredSide) {
        self.ours.append(ours.rate)
        self.ceiling.append(ceiling.rate)
        oursClientCPU.append(ours.clientMicroseconds)
        ceilingClientCPU.append(ceiling.clientMicroseconds)
        oursMachineCPU.append(ours.machineMicroseconds)
        ceilingMachineCPU.append(ceiling.machineMicroseconds)
        let cpu = String(format: "client CPU %.1f / %.1f µs per op", ours.clientMicroseconds,
                         ceiling.clientMicroseconds)
        print("\(workload) round \(self.ours.count): ours \(Int(ours.rate))/s, ceiling \(Int(ceiling.rate))/s, "
            + String(format: "%.2f", ours.rate / ceiling.rate) + ", " + cpu)
        fflush(nil)  // each round's line as it ends, also when run-bench's output is a file
    }
}

/// Runs `body` (which starts a child process) with no signal blocked on the calling thread, then restores the mask.
///
/// The child inherits the thread's signal mask, and after the first `await` the main actor runs on a thread that
/// blocks almost every signal; pgbench's `-T` ends on `SIGALRM`, so a blocked one made it run forever.
private func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
    var none = sigset_t()
    var previous = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}
