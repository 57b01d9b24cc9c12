import BenchQuoteMaster
import Benchmark
import RepogenRuntime

/// Operations per iteration of each workload, read by `scripts/report.py` from the benchmark names' suffix.
enum Workload {
    static let findBatch = 1000
    static let pageBatch = 100
    static let concurrentTasks = 16
    static let concurrentBatch = 4000
}

/// `find(id:)` one at a time and from 16 tasks, a sorted specification page, a deep keyset page, eager loading.
func registerReadWorkloads() {
    Benchmark("find(id:) uncached x\(Workload.findBatch)") { benchmark async throws in
        let state = try await BenchStore.shared.get()
        let quotes = state.single.quotes
        benchmark.startMeasurement()
        for index in 0..<Workload.findBatch {
            blackHole(try await quotes.find(id: state.quoteIDs[index % state.quoteIDs.count]))
        }
    }
    Benchmark("find(id:) pool 4, 16 tasks x\(Workload.concurrentBatch)") { benchmark async throws in
        let state = try await BenchStore.shared.get()
        benchmark.startMeasurement()
        try await findConcurrently(state)
    }
    Benchmark("specification page of 20, sorted x\(Workload.pageBatch)") { benchmark async throws in
        let state = try await BenchStore.shared.get()
        let spec: Specification<Quote> = Quote.status == .sent && Quote.totalAmount > 100
        benchmark.startMeasurement()
        for _ in 0..<Workload.pageBatch {
            blackHole(try await state.single.quotes.find(where: spec, orderBy: [Quote.createdAt.descending], limit: 20))
        }
    }
    registerDeepKeyset()
    Benchmark("eager load owners of 1000 quotes x1") { benchmark async throws in
        let state = try await BenchStore.shared.get()
        benchmark.startMeasurement()
        let ownerIDs = Array(Set(state.quotes.map(\.ownerID)))
        let owners = try await state.single.users.find(where: User.id.in(ownerIDs))
        precondition(owners.count == ownerIDs.count)
    }
}

/// 16 tasks share `Workload.concurrentBatch` lookups over a pool of four connections.
private func findConcurrently(_ state: BenchState) async throws {
    let perTask = Workload.concurrentBatch / Workload.concurrentTasks
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<Workload.concurrentTasks {
            group.addTask {
                let quotes = state.pooled.quotes
                for index in 0..<perTask {
                    let id = state.quoteIDs[(task * perTask + index) % state.quoteIDs.count]
                    blackHole(try await quotes.find(id: id))
                }
            }
        }
        try await group.waitForAll()
    }
}

/// A page of 20 starting 90,000 rows into the table in primary-key order (the cursor is found once, untimed).
///
/// Primary-key order because Quote Master has no index on `(created_at, id)`: in `created_at` order every deep page
/// is a scan and sort of the table (about 56 ms here), which measures the schema, not Repogen.
private func registerDeepKeyset() {
    Benchmark("keyset page of 20 at row 90000 x\(Workload.pageBatch)") { benchmark async throws in
        let state = try await BenchStore.shared.get()
        let order: [Ordering<Quote>] = []
        let cursor = try await DeepCursor.shared.cursor(state)
        benchmark.startMeasurement()
        for _ in 0..<Workload.pageBatch {
            let page = try await state.single.quotes.page(where: .all, orderBy: order, after: cursor, limit: 20)
            precondition(page.items.count == 20)
        }
    }
}

/// The cursor 90,000 rows deep, computed once per process.
actor DeepCursor {
    static let shared = DeepCursor()
    private var value: Cursor?

    func cursor(_ state: BenchState) async throws -> Cursor {
        if let value {
            return value
        }
        let page = try await state.single.quotes.page(
            where: .all, orderBy: [], after: nil, limit: 90_000)
        guard let cursor = page.nextCursor else {
            throw RepogenError(kind: .invalidConfiguration, message: "the table has fewer than 90,000 quotes")
        }
        value = cursor
        return cursor
    }
}
