import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Units of work on both backends: commit, rollback, savepoints, and a transaction a failed statement aborted.
@Suite struct ConformanceTransactionTests {
    struct Planned: Error {}

    @Test(arguments: Backend.allCases)
    func commitKeepsAndRollbackUndoes(_ backend: Backend) async throws {
        try await backend.run { repos in
            try await Self.commitKeepsAndRollbackUndoes(repos)
        }
    }

    static func commitKeepsAndRollbackUndoes<R: QuoteMasterRepositoriesProtocol>(_ repos: R) async throws {
        let user = try await repos.transaction { tx in try await Seed.user(tx) }
        #expect(try await repos.users.find(id: user.id) == user)
        await #expect(throws: Planned.self) {
            try await repos.transaction { tx in
                _ = try await Seed.quote(tx, user, "Roof")
                #expect(try await tx.quotes.count() == 1)
                throw Planned()
            }
        }
        #expect(try await repos.quotes.count() == 0)
        let times = try await repos.transaction { tx in
            let quote = try await Seed.quote(tx, user, "Wall")
            let updated = try await tx.quotes.update(id: quote.id, QuotePatch(title: "Wall 2"))
            return (quote.createdAt, updated.updatedAt)
        }
        #expect(times.0 == times.1)
    }

    @Test(arguments: Backend.allCases)
    func savepointsRollBackAlone(_ backend: Backend) async throws {
        try await backend.run { repos in
            try await Self.savepointsRollBackAlone(repos)
        }
    }

    static func savepointsRollBackAlone<R: QuoteMasterRepositoriesProtocol>(_ repos: R) async throws {
        let user = try await Seed.user(repos)
        try await repos.transaction { tx in
            _ = try await Seed.quote(tx, user, "kept")
            await #expect(throws: Planned.self) {
                try await tx.transaction { inner in
                    _ = try await Seed.quote(inner, user, "undone")
                    throw Planned()
                }
            }
            let duplicate = await repogenError {
                try await tx.transaction { inner in _ = try await Seed.user(inner) }
            }
            #expect(duplicate?.violation == .unique)
            try await tx.transaction { inner in _ = try await Seed.quote(inner, user, "nested") }
        }
        let titles = try await repos.quotes.find(where: .all, orderBy: [Quote.title.ascending]).map(\.title)
        #expect(titles == ["kept", "nested"])
    }

    @Test(arguments: Backend.allCases)
    func aFailedStatementAbortsTheTransaction(_ backend: Backend) async throws {
        try await backend.run { repos in
            try await Self.aFailedStatementAbortsTheTransaction(repos)
        }
    }

    static func aFailedStatementAbortsTheTransaction<R: QuoteMasterRepositoriesProtocol>(_ repos: R) async throws {
        let user = try await Seed.user(repos)
        let commit = await repogenError {
            try await repos.transaction { tx in
                _ = try await Seed.quote(tx, user, "lost")
                let duplicate = await repogenError { _ = try await Seed.user(tx) }
                #expect(duplicate?.violation == .unique)
                let next = await repogenError { _ = try await tx.quotes.count() }
                #expect(next?.sqlState == "25P02")
            }
        }
        #expect(commit?.kind == .transactionFailed && commit?.sqlState == "25P02")
        #expect(try await repos.quotes.count() == 0)
    }
}
