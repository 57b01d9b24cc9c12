import BenchQuoteMaster
import Benchmark
import Foundation
import RepogenRuntime

/// `createMany` of 10,000 quotes (removed again untimed) and a unit of work with three writes and an audit row.
func registerWriteWorkloads() {
    Benchmark(
        "createMany 10000 quotes x10000",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident], warmupIterations: 1, maxIterations: 15)
    ) { benchmark async throws in
        let state = try await BenchStore.shared.get()
        let inputs = newQuotes(count: 10_000, owners: state.userIDs)
        benchmark.startMeasurement()
        let created = try await state.single.quotes.createMany(inputs)
        benchmark.stopMeasurement()
        precondition(created.count == inputs.count)
        try await state.single.runScript(removeCreated)
    }
    Benchmark("transaction: 3 writes + audit row x10") { benchmark async throws in
        let state = try await BenchStore.shared.get()
        benchmark.startMeasurement()
        for index in 0..<10 {
            try await threeWrites(state, index: index)
        }
    }
}

/// The SQL that removes the benchmark's own quotes and their audit rows (untimed).
let removeCreated = """
    DELETE FROM audit_entries WHERE entity = 'Quote' AND after->>'title' LIKE 'bench-create-%';
    DELETE FROM quotes WHERE title LIKE 'bench-create-%';
    """

/// The rows `createMany` inserts and `make bench` also COPYs (scripts/copy-rows.sql builds the same shape).
func newQuotes(count: Int, owners: [UUID]) -> [NewQuote] {
    (0..<count).map { index in
        NewQuote(
            ownerID: owners[index % owners.count], title: "bench-create-\(index)", prompt: "Write quote \(index)",
            status: .draft, totalAmount: Decimal(index % 1000), currency: "USD",
            metadata: ["source": "bench"])
    }
}

/// Updates a quote (audited: its audit row is written in the same statement), a user, and records an event.
private func threeWrites(_ state: BenchState, index: Int) async throws {
    let quoteID = state.quoteIDs[index]
    let userID = state.userIDs[index]
    try await state.single.transaction { tx in
        _ = try await tx.quotes.update(id: quoteID, QuotePatch(status: .sent))
        _ = try await tx.users.update(id: userID, UserPatch(displayName: "Bench \(index)"))
        _ = try await tx.analyticsEvents.create(NewAnalyticsEvent(userID: userID, kind: "bench", quoteID: quoteID))
    }
}
