import Foundation

/// Where in-memory repositories run their operations: the store itself (each operation its own unit of work, as
/// on a `Database`) or an open transaction of it (as on a `Transaction`).
///
/// ```swift
/// let context = InMemoryContext(store)
/// try await context.transaction { tx in try await InMemoryQuoteRepository(tx).create(input) }
/// ```
public struct InMemoryContext: Sendable {
    /// The store the rows live in.
    public let store: InMemoryStore
    /// The open transaction, nil outside one.
    let transaction: InMemoryTransaction?

    /// A context running each operation on its own.
    public init(_ store: InMemoryStore) {
        self.store = store
        transaction = nil
    }

    init(_ store: InMemoryStore, transaction: InMemoryTransaction) {
        self.store = store
        self.transaction = transaction
    }

    /// Runs one statement on the rows: all of its changes or, when it throws, none. Inside a transaction a
    /// statement that fails as PostgreSQL would (an error with a SQLSTATE) aborts it, so later ones fail with
    /// 25P02 until a savepoint rolls back, as on the server.
    func statement<T>(_ body: (inout InMemoryState, Date) throws -> T) async throws -> T {
        if let transaction {
            return try transaction.run(body)
        }
        guard InMemoryStore.openTransaction != ObjectIdentifier(store) else {
            throw RepogenError.unsupportedInMemory(
                "a statement outside the transaction this task is running (it would wait for itself)")
        }
        await store.gate.acquire()
        defer { store.gate.release() }
        let now = Date()
        return try store.committed.withLock { state in
            var working = state
            let value = try body(&working, now)
            state = working
            return value
        }
    }

    /// Runs `body` in a transaction (a savepoint when this context is one): committed or released when it
    /// returns, rolled back when it throws, rethrowing its error.
    public func transaction<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (InMemoryContext) async throws -> T
    ) async throws -> T {
        if let transaction {
            return try await transaction.savepoint(isolation: isolation) { try await body(self) }
        }
        guard InMemoryStore.openTransaction != ObjectIdentifier(store) else {
            throw RepogenError.unsupportedInMemory(
                "a second transaction from the task running one (it would wait for itself)")
        }
        await store.gate.acquire()
        defer { store.gate.release() }
        let transaction = InMemoryTransaction(store.committed.current)
        let value: T
        do {
            value = try await InMemoryStore.$openTransaction.withValue(ObjectIdentifier(store)) {
                try await body(InMemoryContext(store, transaction: transaction))
            }
        } catch {
            transaction.close()
            throw error
        }
        let outcome = try transaction.finish()
        store.committed.withLock { $0 = outcome }
        return value
    }
}

/// An open in-memory transaction: its own copy of the rows, the time `now()` gives inside it, and whether a
/// failed statement has aborted it.
final class InMemoryTransaction: Sendable {
    private let state: Locked<(rows: InMemoryState, aborted: Bool, open: Bool)>
    /// `now()` inside the transaction: its start, as in PostgreSQL.
    let startedAt = Date()

    init(_ rows: InMemoryState) {
        state = Locked((rows, false, true))
    }

    /// Runs one statement on the transaction's rows; see `InMemoryContext.statement`.
    func run<T>(_ body: (inout InMemoryState, Date) throws -> T) throws -> T {
        try state.withLock { state in
            guard state.open else {
                throw RepogenError(kind: .transactionFailed, message: "the transaction has ended")
            }
            guard !state.aborted else {
                throw RepogenError(
                    kind: .queryFailed, message: "current transaction is aborted, commands ignored until end of "
                        + "transaction block", sqlState: "25P02")
            }
            var working = state.rows
            do {
                let value = try body(&working, startedAt)
                state.rows = working
                return value
            } catch let error as RepogenError where error.sqlState != nil {
                state.aborted = true
                throw error
            }
        }
    }

    /// Runs `body` as a savepoint: on throw the rows return to what they were and the abort is lifted.
    func savepoint<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async throws -> T {
        let saved = try state.withLock { state in
            guard !state.aborted else {
                throw RepogenError(
                    kind: .queryFailed, message: "current transaction is aborted, commands ignored until end of "
                        + "transaction block", sqlState: "25P02")
            }
            return state.rows
        }
        do {
            return try await body()
        } catch {
            state.withLock { ($0.rows, $0.aborted) = (saved, false) }
            throw error
        }
    }

    /// Ends the transaction without committing (a rollback).
    func close() {
        state.withLock { $0.open = false }
    }

    /// Ends the transaction: its rows to commit, or the error COMMIT gives when a statement aborted it.
    func finish() throws -> InMemoryState {
        try state.withLock { state in
            state.open = false
            guard !state.aborted else {
                throw RepogenError(
                    kind: .transactionFailed, message: "an earlier statement failed, so COMMIT rolled back instead",
                    sqlState: "25P02", statement: "COMMIT")
            }
            return state.rows
        }
    }
}
