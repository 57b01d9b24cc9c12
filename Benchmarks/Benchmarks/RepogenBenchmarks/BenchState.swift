import BenchQuoteMaster
import Foundation
import RepogenRuntime

/// The databases and fixtures the workloads share, opened once per benchmark process.
final class BenchState: Sendable {
    /// One connection: the single-client workloads, compared with pgbench with 1 client.
    let single: Database
    /// Four connections: the concurrent workload, compared with pgbench with 4 clients.
    let pooled: Database
    /// Ids of 1,000 seeded quotes, spread over the table.
    let quoteIDs: [UUID]
    /// 1,000 seeded quotes, for eager loading.
    let quotes: [Quote]
    /// Seeded users, owners of the quotes the write workloads create.
    let userIDs: [UUID]

    private init(single: Database, pooled: Database) async throws {
        self.single = single
        self.pooled = pooled
        let sample = try await single.quotes.find(where: Quote.title.like("Quote %3"), orderBy: [Quote.id.ascending])
        quotes = Array(sample.prefix(1000))
        quoteIDs = quotes.map(\.id)
        userIDs = try await single.users.find(where: .all, orderBy: [User.email.ascending], limit: 1000).map(\.id)
    }

    /// The URL `make bench` passes in `REPOGEN_BENCH_URL`.
    static var url: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["REPOGEN_BENCH_URL"], !url.isEmpty else {
                throw RepogenError(kind: .invalidConfiguration, message: "REPOGEN_BENCH_URL is not set; run make bench")
            }
            return url
        }
    }

    /// Opens both pools and loads the fixtures.
    static func open() async throws -> BenchState {
        let url = try url
        let options = DatabaseOptions(slowQueryThreshold: nil)
        let single = try await Database.connect(url: url, pool: .init(minimum: 1, maximum: 1), options: options)
        let pooled = try await Database.connect(url: url, pool: .init(minimum: 4, maximum: 4), options: options)
        return try await BenchState(single: single, pooled: pooled)
    }
}

/// Opens the shared state on first use.
actor BenchStore {
    /// The process-wide store.
    static let shared = BenchStore()
    private var state: BenchState?

    /// The shared state, opened when first asked for.
    func get() async throws -> BenchState {
        if let state {
            return state
        }
        let opened = try await BenchState.open()
        state = opened
        return opened
    }
}
