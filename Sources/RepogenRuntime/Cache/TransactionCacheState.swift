/// What a unit of work has done that the cache must hear about: whether it wrote, and the tags it changed.
///
/// Shared by a transaction and its savepoints; applied only after COMMIT succeeds.
final class TransactionCacheState: Sendable {
    private struct State {
        var hasWritten = false
        var tags: [String] = []
        var seen: Set<String> = []
    }

    private let state = Locked(State())

    /// Whether any statement that may write has run; reads then bypass the cache.
    var hasWritten: Bool {
        state.withLock { $0.hasWritten }
    }

    /// The tags queued so far, in order, without repeats.
    var pendingTags: [String] {
        state.withLock { $0.tags }
    }

    /// Records that the unit of work may have written.
    func markWritten() {
        state.withLock { $0.hasWritten = true }
    }

    /// Queues tags to invalidate after COMMIT (and marks the unit of work as written).
    func queue(_ tags: [String]) {
        state.withLock { state in
            state.hasWritten = true
            for tag in tags where state.seen.insert(tag).inserted {
                state.tags.append(tag)
            }
        }
    }
}
