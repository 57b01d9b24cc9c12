import FeatureFactories
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Aggregates over the column types QuoteMaster lacks, on PostgreSQL and in memory (issue 20): `sum(integer)` is a
/// `bigint`, `sum(bigint)` a `numeric` past `Int64`, `double precision` sums and averages stay `Double`, and an
/// overflowing `double precision` sum or average fails with the same SQLSTATE.
@Suite struct FactoryAggregateConformanceTests {
    static func seed(
        _ repos: any FeatureFactoriesRepositoriesProtocol, _ rows: [(Int32, Int64, Double)]
    ) async throws {
        let make = FeatureFactoriesFactories(repos, sequence: FactorySequence())
        let account = try await make.createAccount()
        for (rank, total, score) in rows {
            _ = try await make.createSample(account: account) { ($0.rank, $0.total, $0.score) = (rank, total, score) }
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func integerAndDoubleAggregatesKeepPostgresTypes(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            try await Self.seed(repos, [(.max, .max, 0.5), (.max - 1, .max - 1, 0.25), (3, 5, 1.5)])
            let samples = repos.samples
            let rankTotal: Int64 = try await samples.aggregate(Sample.rank.sum)
            #expect(rankTotal == 4_294_967_296)
            let rankMean: Decimal? = try await samples.aggregate(Sample.rank.avg)
            #expect(rankMean == Decimal(string: "1431655765.33333333"))
            let total: Decimal = try await samples.aggregate(Sample.total.sum)
            #expect(total == Decimal(string: "18446744073709551618"))
            #expect(try await samples.aggregate(Sample.total.avg) == Decimal(string: "6148914691236517206"))
            let scores: Double = try await samples.aggregate(Sample.score.sum)
            #expect(scores == 2.25)
            let scoreMean: Double? = try await samples.aggregate(Sample.score.avg)
            #expect(scoreMean == 0.75)
            #expect(try await samples.aggregate(Sample.score.max) == 1.5)
            #expect(try await samples.aggregate(Sample.rank.min) == 3)
            #expect(try await samples.aggregate(Sample.score.sum, where: .none) == 0)
            let perRank = try await samples.aggregate(having: Sample.score.avg > 0.3) {
                Sample.rank
                Sample.score.avg
            }
            #expect(perRank.map(\.0) == [3, .max] && perRank.map(\.1) == [1.5, 0.5])
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func anOverflowingDoubleSumFailsOnBoth(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let huge = Double.greatestFiniteMagnitude
            try await Self.seed(repos, [(1, 1, huge), (2, 2, huge), (3, 3, -1e200)])
            do {
                _ = try await repos.samples.aggregate(Sample.score.sum)
                Issue.record("expected the sum to overflow")
            } catch let error as RepogenError {
                #expect(error.sqlState == "22003")
            }
            let extremes = await #expect(throws: RepogenError.self) {
                _ = try await repos.samples.aggregate(Sample.score.avg, where: Sample.rank == 1 || Sample.rank == 3)
            }
            #expect(extremes?.sqlState == "22003")                          // squared deviations overflow
            if backend == .memory {
                do {
                    _ = try await repos.samples.aggregate(Sample.flag.min)   // PostgreSQL has no min(boolean)
                    Issue.record("expected unsupportedInMemory")
                } catch let error as RepogenError {
                    #expect(error.kind == .unsupportedInMemory)
                }
            }
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureFactories repositories of this backend.
    func run(_ body: (any FeatureFactoriesRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureFactoriesSchema.migrations, postgres: { FeatureFactoriesRepositories($0) },
            memory: { InMemoryFeatureFactoriesRepositories() }, body)
    }
}
