// find(id:) against pgbench and createMany against COPY, measured in alternating rounds (`make bench` runs this
// after package-benchmark).
//
// On a shared machine pgbench's own rate moves by half between minutes, so a ceiling measured once and a workload
// measured minutes later give a ratio that says more about the minute than about Repogen. Here each round runs the
// ceiling and our workload back to back, in alternating order (the ceiling first in even rounds, ours first in odd
// ones), and the round's ratio pairs the two; the report takes the median round.
//
// Pairs: one task on a pool of 1 against `pgbench -S -M prepared -c 1 -j 1`; 2, 4, 8, 16 and 64 tasks on a pool of
// 4 against `-c n -j n` with n = min(tasks, 4), each side running a few seconds; the three-statement `transaction`
// workload on a pool of 1 against a pgbench script of the same statements (TransactionPair.swift); `createMany` of
// 10,000 quotes (audited) and of 10,000 analytics events (not audited) against psql's `\copy` of the same values,
// one call each; with a replica, find(id:) routed to it against the same replica opened directly
// (ReplicaPair.swift). Our side runs in a detached task with the whole cooperative pool (package-benchmark blocks one of
// its threads while a benchmark runs: see docs/performance.md); pgbench and psql run on the main thread while our
// connections sit idle.
import BenchQuoteMaster
import Foundation

let settings = try PairedSettings(ProcessInfo.processInfo.environment)
let options = DatabaseOptions(slowQueryThreshold: nil)
let single = try await Database.connect(url: settings.url, pool: .init(minimum: 1, maximum: 1), options: options)
let pooled = try await Database.connect(url: settings.url, pool: .init(minimum: 4, maximum: 4), options: options)
let quoteIDs = try await pooled.quotes.find(
    where: Quote.title.like("Quote %3"), orderBy: [Quote.id.ascending], limit: 1000).map(\.id)
let userIDs = try await pooled.users.find(where: .all, orderBy: [User.email.ascending], limit: 1000).map(\.id)

/// `count` rounds of the ceiling and our side back to back, the ceiling first in even rounds and ours first in odd;
/// each side's CPU time is recorded with its rate.
func pairedRounds(
    _ workload: String, count: Int, ceiling: () async throws -> Double, ours: () async throws -> Double
) async throws -> RoundLog {
    var log = RoundLog(workload: workload)
    for round in 0..<count {
        let ceilingFirst = round.isMultiple(of: 2)
        let ceilingBefore = ceilingFirst ? try await CPUUsage.measuring(ceiling) : nil
        let ourSide = try await CPUUsage.measuring(ours)
        if let ceilingBefore {
            log.add(ours: ourSide, ceiling: ceilingBefore)
        } else {
            log.add(ours: ourSide, ceiling: try await CPUUsage.measuring(ceiling))
        }
    }
    return log
}

var report: [RoundLog] = []
let findPairs = [FindPair(name: "single", tasks: 1, clients: 1, database: single)]
    + [2, 4, 8, 16, 64].map { FindPair(name: "pool4_t\($0)", tasks: $0, clients: min($0, 4), database: pooled) }
for pair in findPairs where settings.runs(pair.name) {
    _ = try await pair.measure(ids: quoteIDs, seconds: 1)  // warm-up: prepared statements, pool, caches
    report.append(try await pairedRounds(
        pair.name, count: settings.rounds, ceiling: { try settings.pgbench(clients: pair.clients) },
        ours: { try await pair.measure(ids: quoteIDs, seconds: settings.seconds) }))
}

for (tasks, size) in settings.replicaURL == nil ? [] : [(1, 1), (16, 4)]
    where settings.runs(ReplicaPair.name(tasks: tasks)) {
    let pair = try await ReplicaPair.open(
        primaryURL: settings.url, replicaURL: settings.replicaURL ?? "", tasks: tasks, size: size)
    _ = try await pair.direct.measure(ids: quoteIDs, seconds: 1)  // warm-up on both sides
    _ = try await pair.routed.measure(ids: quoteIDs, seconds: 1)
    report.append(try await pairedRounds(
        pair.name, count: settings.rounds, ceiling: { try await pair.direct.measure(ids: quoteIDs, seconds: settings.seconds) },
        ours: { try await pair.routed.measure(ids: quoteIDs, seconds: settings.seconds) }))
    await pair.close()
}

let directory = settings.workDirectory
if settings.runs("transaction") {
    let transactions = try await TransactionPair.prepare(single, quotes: quoteIDs)
    let script = "\(directory)/transaction.pgbench"
    try TransactionPair.pgbenchScript().write(toFile: script, atomically: true, encoding: .utf8)
    _ = try await transactions.measureOurs(seconds: 1)  // warm-up
    report.append(try await pairedRounds(
        "transaction", count: settings.rounds, ceiling: { try settings.pgbench(script: script) },
        ours: { try await transactions.measureOurs(seconds: settings.seconds) }))
}

for pair in [try CreatePair.quotes(single, owners: userIDs, csv: "\(directory)/quotes.csv"),
             try CreatePair.events(single, users: userIDs, quotes: quoteIDs, csv: "\(directory)/events.csv")]
    where settings.runs("create_\(pair.name)") {
    _ = try await pair.measureOurs()  // warm-up: the statement is prepared, the caches hold the indexes
    _ = try await pair.measureCopy(settings)
    report.append(try await pairedRounds(
        "create_\(pair.name)", count: 9, ceiling: { try await pair.measureCopy(settings) },
        ours: { try await Task.detached { try await pair.measureOurs() }.value }))
}
await single.close()
await pooled.close()
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
try encoder.encode(report).write(to: URL(fileURLWithPath: settings.output))
