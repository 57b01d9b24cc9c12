import Foundation

/// The rows of every table of one schema, shared by the in-memory repositories built on it, so foreign keys,
/// transactions and savepoints span repositories as they do in one PostgreSQL database.
///
/// One unit of work runs at a time: a transaction holds the store until it ends, and a statement outside any
/// transaction waits for it (the results are those of some serial order, as under `SERIALIZABLE`).
///
/// ```swift
/// let repos = InMemoryQuoteMasterRepositories()          // a fresh, empty store
/// try await repos.transaction { tx in ... }
/// ```
public final class InMemoryStore: Sendable {
    /// The tables by quoted name.
    let tables: [String: InMemoryTable]
    /// The committed rows.
    let committed = Locked(InMemoryState())
    /// Identity counters by quoted table name, outside any transaction: a rollback never gives numbers back.
    let sequences = Locked<[String: Int64]>([:])
    /// Serialises units of work.
    let gate = InMemoryGate()

    /// The store of the transaction the current task runs in, so a statement sent around it is refused rather
    /// than left waiting for the transaction it runs inside.
    @TaskLocal static var openTransaction: ObjectIdentifier?

    /// An empty store for `tables`.
    public init(tables: [InMemoryTable]) {
        self.tables = Dictionary(tables.map { ($0.table, $0) }) { first, _ in first }
    }

    /// The description of the table `name` (quoted).
    func table(_ name: String) throws -> InMemoryTable {
        guard let table = tables[name] else { throw RepogenError.unsupportedInMemory("the table \(name)") }
        return table
    }

    /// The next identity value of `table`.
    func nextIdentity(_ table: String) -> Int64 {
        sequences.withLock { counters in
            let next = (counters[table] ?? 0) + 1
            counters[table] = next
            return next
        }
    }
}

/// The rows of every table, by quoted table name, each table in insertion order (PostgreSQL's order for rows
/// no `ORDER BY` sorts is unspecified; every read here sorts by the primary key at least).
struct InMemoryState: Sendable {
    var rows: [String: [InMemoryRow]] = [:]
}

/// An asynchronous mutex handed from one waiter to the next in arrival order.
final class InMemoryGate: Sendable {
    private let state = Locked<(held: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until the gate is free, then holds it.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state in
                guard state.held else {
                    state.held = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    /// Frees the gate, or hands it to the first waiter.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
