/// The unit of work behind a generated `<Namespace>Repositories.transaction(_:)`: a transaction on a `Database`, a
/// savepoint on a `Transaction`, so the same service code nests either way.
public enum RepositoryTransaction {
    /// Runs `body` on a new transaction of `executor` (a `Database`) or a savepoint of it (a `Transaction`):
    /// committed or released when `body` returns, rolled back when it throws (rethrowing `body`'s error). Any other
    /// executor throws `invalidConfiguration` before `body` runs.
    public static func run<T>(
        on executor: any DatabaseExecutor, isolation: isolated (any Actor)? = #isolation,
        _ body: (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if let database = executor as? Database {
            return try await database.transaction(isolation: isolation) { try await body($0) }
        }
        if let transaction = executor as? Transaction {
            return try await transaction.transaction(isolation: isolation) { try await body($0) }
        }
        throw RepogenError(
            kind: .invalidConfiguration,
            message: "transaction(_:) needs repositories on a Database or a Transaction, not \(type(of: executor))")
    }
}
