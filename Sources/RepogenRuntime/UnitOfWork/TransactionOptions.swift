/// How a unit of work begins: its isolation level, whether it may write, and whether it may wait for a safe snapshot.
///
/// The options travel in the BEGIN statement itself (`BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE`),
/// so they cost no extra round trip. A savepoint (`tx.transaction { ... }`) runs under its outer transaction's
/// options; PostgreSQL cannot change them once the transaction has begun.
/// ```swift
/// try await db.transaction(options: .serializable) { tx in
///     let onCall = try await tx.doctors.count(where: Doctor.onCall == true)
///     if onCall > 1 { try await tx.doctors.update(id: me, .init(onCall: false)) }
/// }  // a 40001 (another transaction's write skew) rolls back and runs the closure again, whole
/// ```
public struct TransactionOptions: Sendable, Hashable, CustomStringConvertible {
    /// The SQL isolation levels PostgreSQL implements (`READ UNCOMMITTED` behaves as `READ COMMITTED` there).
    public enum IsolationLevel: String, Sendable, Hashable, CaseIterable {
        /// Each statement sees what was committed before it began (PostgreSQL's default).
        case readCommitted = "READ COMMITTED"
        /// Every statement sees the snapshot taken at the first statement; a write to a row changed since
        /// then fails with 40001.
        case repeatableRead = "REPEATABLE READ"
        /// As if the transactions ran one at a time; one of a pair whose reads and writes conflict fails with 40001.
        case serializable = "SERIALIZABLE"
    }

    /// The isolation level, or nil for the server's `default_transaction_isolation`.
    public var isolationLevel: IsolationLevel?
    /// Whether every write is refused (SQLSTATE 25006, `RepogenError.Kind.readOnlyTransaction`).
    public var readOnly: Bool
    /// Whether BEGIN may wait for a snapshot that no serialization failure can touch; only with
    /// `.serializable` and `readOnly`, the one combination where PostgreSQL gives it a meaning.
    public var deferrable: Bool

    /// Creates options; the defaults are a plain `BEGIN`.
    public init(isolationLevel: IsolationLevel? = nil, readOnly: Bool = false, deferrable: Bool = false) {
        self.isolationLevel = isolationLevel
        self.readOnly = readOnly
        self.deferrable = deferrable
    }

    /// A plain `BEGIN`: the server's default isolation level, reads and writes.
    public static let `default` = TransactionOptions()
    /// `BEGIN ISOLATION LEVEL READ COMMITTED`.
    public static let readCommitted = TransactionOptions(isolationLevel: .readCommitted)
    /// `BEGIN ISOLATION LEVEL REPEATABLE READ`.
    public static let repeatableRead = TransactionOptions(isolationLevel: .repeatableRead)
    /// `BEGIN ISOLATION LEVEL SERIALIZABLE`.
    public static let serializable = TransactionOptions(isolationLevel: .serializable)
    /// `BEGIN READ ONLY`: any write fails with `readOnlyTransaction`.
    public static let readOnly = TransactionOptions(readOnly: true)
    /// `BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE`: a consistent snapshot for long reports, which
    /// may wait at its first statement but then never fails with 40001 nor makes other transactions fail.
    public static let serializableSnapshot = TransactionOptions(
        isolationLevel: .serializable, readOnly: true, deferrable: true)

    /// The statement that begins a transaction with these options, e.g. `BEGIN ISOLATION LEVEL SERIALIZABLE`.
    public var beginStatement: String {
        var words = ["BEGIN"]
        if let isolationLevel {
            words.append("ISOLATION LEVEL " + isolationLevel.rawValue)
        }
        if readOnly {
            words.append("READ ONLY")
        }
        if deferrable {
            words.append("DEFERRABLE")
        }
        return words.joined(separator: " ")
    }

    /// The options as their BEGIN statement.
    public var description: String {
        beginStatement
    }

    /// Throws `invalidConfiguration` for a combination PostgreSQL would accept but ignore: `deferrable`
    /// without a serializable read-only transaction.
    public func validate() throws {
        guard deferrable, isolationLevel != .serializable || !readOnly else {
            return
        }
        throw RepogenError(
            kind: .invalidConfiguration,
            message: "transaction option DEFERRABLE has an effect only with ISOLATION LEVEL SERIALIZABLE READ ONLY; "
                + "got \(beginStatement)")
    }
}
