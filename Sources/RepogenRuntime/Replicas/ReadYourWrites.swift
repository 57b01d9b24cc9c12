/// The writes a reader must see: each write makes the token unresolved, and the first read after it resolves it
/// to a WAL position read from the primary (past every commit before it), so writes cost no extra round trip.
final class ConsistencyToken: Sendable {
    private struct State {
        /// Writes noted so far.
        var writes: UInt64 = 0
        /// The position covering the first `writes` writes, once resolved.
        var resolved: (writes: UInt64, position: LogSequenceNumber)?
    }

    /// What a read must wait for.
    enum Requirement: Equatable {
        /// Nothing written: any replica will do.
        case none
        /// Every write is covered by this position.
        case position(LogSequenceNumber)
        /// Writes happened since the last resolution; resolve with the primary's position, read after `writes`.
        case unresolved(writes: UInt64)
    }

    private let state = Locked(State())

    /// Records a write (or an attempt whose outcome is unknown).
    func noteWrite() {
        state.withLock { $0.writes += 1 }
    }

    /// What a read must wait for now.
    var requirement: Requirement {
        state.withLock { state in
            guard state.writes > 0 else { return .none }
            guard let resolved = state.resolved, resolved.writes == state.writes else {
                return .unresolved(writes: state.writes)
            }
            return .position(resolved.position)
        }
    }

    /// Records that `position`, read from the primary after `writes` writes were noted, covers them.
    func resolve(writes: UInt64, at position: LogSequenceNumber) {
        state.withLock { state in
            let previous = state.resolved
            guard previous.map({ writes >= $0.writes }) ?? true else { return }
            state.resolved = (writes, max(position, previous?.position ?? position))
        }
    }
}

/// A scope of read-your-writes narrower than the whole `Database`: reads inside wait only for writes inside.
///
/// Without a scope every read of a `Database` waits for every write that `Database` made, which is always safe
/// but sends more reads to the primary while writes keep coming. A request handler that wraps its work in a
/// scope lets other requests' reads use replicas that have not replayed its writes yet.
///
/// ```swift
/// try await ReadYourWrites.scope {
///     try await db.quotes.update(id: id, patch)
///     return try await db.quotes.find(id: id)     // sees the update, on a replica that replayed it or the primary
/// }
/// ```
public enum ReadYourWrites {
    @TaskLocal static var current: ConsistencyScope?

    /// Runs `body` with a scope of its own; child tasks share it.
    public static func scope<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async rethrows -> T {
        try await $current.withValue(ConsistencyScope(), operation: body, isolation: isolation)
    }
}

/// The tokens of one scope, one per `Database` (positions of different primaries do not compare).
final class ConsistencyScope: Sendable {
    private let tokens = Locked<[ObjectIdentifier: ConsistencyToken]>([:])

    /// This scope's token for `database`.
    func token(for database: AnyObject) -> ConsistencyToken {
        tokens.withLock { tokens in
            if let token = tokens[ObjectIdentifier(database)] { return token }
            let token = ConsistencyToken()
            tokens[ObjectIdentifier(database)] = token
            return token
        }
    }
}

/// Reads that must go to the primary even with replicas: the cache's fills. The cache's coherence rests on a fill
/// seeing every commit whose invalidation it has applied, which a lagging replica cannot promise.
enum ReplicaRouting {
    @TaskLocal static var primaryOnly = false

    /// Runs `body` with its reads kept on the primary.
    static func onPrimary<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async rethrows -> T {
        try await $primaryOnly.withValue(true, operation: body, isolation: isolation)
    }
}
