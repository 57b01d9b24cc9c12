import RepogenRuntime

/// The two backends a conformance test runs the same assertions on: PostgreSQL (a fresh throwaway database with the
/// schema's migrations applied) and the generated in-memory repositories (a fresh store), so a test fails on the
/// backend that diverges.
///
/// ```swift
/// @Test(arguments: RepositoryBackend.allCases)
/// func quotesAreFoundByTitle(_ backend: RepositoryBackend) async throws {
///     try await backend.run(
///         migrations: QuoteMasterSchema.migrations,
///         postgres: { QuoteMasterRepositories($0) as any QuoteMasterRepositoriesProtocol },
///         memory: { InMemoryQuoteMasterRepositories() }
///     ) { repos in
///         // the same assertions on both backends
///     }
/// }
/// ```
public enum RepositoryBackend: String, CaseIterable, Sendable {
    /// A throwaway PostgreSQL database, migrated (`withTestDatabase`).
    case postgres
    /// The generated in-memory repositories.
    case memory

    /// Runs `body` on fresh repositories of this backend: `postgres` builds them on a throwaway database migrated
    /// with `migrations` (closed after `body`), `memory` builds an empty in-memory store.
    public func run<Repositories, T>(
        migrations: [Migration], postgres: (Database) throws -> Repositories, memory: () throws -> Repositories,
        isolation: isolated (any Actor)? = #isolation, _ body: (Repositories) async throws -> T
    ) async throws -> T {
        switch self {
        case .postgres:
            try await withTestDatabase(migrations: migrations, isolation: isolation) { try await body(try postgres($0)) }
        case .memory:
            try await body(try memory())
        }
    }
}
