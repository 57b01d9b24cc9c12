import CLibPQ
import Foundation
import Synchronization

/// How a task waits for a batch's replies: on its own thread for up to `inlineWait` (a `ppoll` on the socket, which
/// sleeps and leaves the CPU to the server), so a point lookup costs no thread hand-off at all; a reply that takes
/// longer is awaited on the connection's own thread, so a slow statement never holds a thread of Swift's
/// cooperative pool for more than `inlineWait`.
///
/// At most `inlineWaiterLimit` threads wait inline at once; any other caller hands its wait off at once. A batch
/// whose statements and binds exceed `inlineSendLimit` bytes is sent from the connection's thread too, because
/// writing it can block on the socket (smaller ones fit in the socket's buffer), and so is one that must first
/// deallocate statements to make room in the cache (`mustMakeRoom`), a round trip of its own. While a connection's
/// replies keep outlasting the inline wait (a database across a network, a run of slow statements) its tasks skip
/// the wait and hand off right after sending (`InlineWaitPolicy`): the wait would only add a wake-up before the
/// hand-off.
extension PostgresConnection {
    /// Batches above this many bytes are sent from the connection's thread.
    static let inlineSendLimit = 64 * 1024

    /// How many threads may wait for a reply inline at once: one per core, the width of the cooperative pool
    /// (one fewer was measured to cost throughput: docs/performance.md); every inline wait is bounded anyway.
    static let inlineWaiterLimit = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// What became of a task's wait for its replies.
    enum InlineWait {
        /// Every reply came within `inlineWait`.
        case replied
        /// The replies outlasted `inlineWait`.
        case outlasted
        /// `inlineWaiterLimit` threads already waited inline.
        case crowded
        /// `InlineWaitPolicy` said not to wait.
        case skipped
    }

    /// Runs `work` under the gate: sent and awaited inline when it may be, finished on the connection's thread
    /// when the reply is slow or something follows it (a rerun, a DEALLOCATE).
    func runAwaiting(_ work: BatchRun.Work) async -> [Outcome] {
        await gate.enter()
        defer { gate.leave() }
        guard work.byteCount <= Self.inlineSendLimit, inlineWaitMicroseconds > 0, !mustMakeRoom(for: work) else {
            handedOffWaits.withLock { $0 += 1 }
            return await onThread(count: work.outcomeCount) { $0.runToEnd(work) }
        }
        var run = send(work)
        if let connection = run.connection, run.sendFailure == nil {
            let wait =
                inlineWaits.admitsWait()
                ? Self.awaitInline(&run.reply, connection, microseconds: inlineWaitMicroseconds) : .skipped
            inlineWaits.record(wait)
            guard wait == .replied else {
                return await handOff(run, after: wait)
            }
        }
        finish(&run)
        return needsNoFollowUp(run) ? run.outcomes! : await handOff(run, after: .replied)
    }

    /// Finishes `run` on the connection's thread.
    private func handOff(_ run: BatchRun, after wait: InlineWait) async -> [Outcome] {
        if wait != .replied {
            handedOffWaits.withLock { $0 += 1 }
        }
        return await onThread(count: run.work.outcomeCount) { [run] connection in
            var handedOff = run
            return connection.complete(&handedOff)
        }
    }

    /// Runs `body` on the connection's thread; every execution fails alike when the thread has stopped.
    private func onThread(count: Int, _ body: @escaping @Sendable (PostgresConnection) -> [Outcome]) async
        -> [Outcome]
    {
        do {
            return try await worker.run { body(self) }
        } catch {
            return Array(repeating: .failure(error), count: count)
        }
    }

    /// Reads replies for up to `microseconds` in all, unless `inlineWaiterLimit` threads already wait inline.
    private static func awaitInline(_ reply: inout BatchReply, _ connection: OpaquePointer, microseconds: Int)
        -> InlineWait
    {
        let waiters = inlineWaiters.add(1, ordering: .relaxed).newValue
        defer { inlineWaiters.subtract(1, ordering: .relaxed) }
        guard waiters <= inlineWaiterLimit else {
            return .crowded
        }
        let deadline = ContinuousClock.now + .microseconds(microseconds)
        repeat {
            let (seconds, attoseconds) = (deadline - .now).components
            let remaining = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
            // An interrupted or failed wait counts as readable: the read learns of any failure from libpq.
            guard remaining > 0, repogen_wait_readable(PQsocket(connection), Int64(remaining)) != 0 else {
                return .outlasted
            }
        } while !reply.readAvailable(connection)
        return .replied
    }
}

/// Whether a connection's tasks wait inline for replies: not once `slowRepliesBeforeSkipping` replies in a row
/// outlasted the inline wait, except every `probeEvery`-th task, whose wait tells whether replies come in time again.
///
/// The probe is an inline wait like any other, so what turns waiting back on is measured the way it pays off.
struct InlineWaitPolicy {
    /// How many replies in a row must outlast the inline wait before tasks skip it.
    static let slowRepliesBeforeSkipping = 4
    /// While skipping, one task in this many waits inline anyway.
    static let probeEvery = 8
    private var slowReplies = 0
    private var skippedSinceProbe = 0
    /// How many waits were skipped (for tests).
    private(set) var skips = 0

    /// Whether the next task waits inline; a skipped wait is counted.
    mutating func admitsWait() -> Bool {
        guard slowReplies >= Self.slowRepliesBeforeSkipping, skippedSinceProbe < Self.probeEvery - 1 else {
            skippedSinceProbe = 0
            return true
        }
        skippedSinceProbe += 1
        skips += 1
        return false
    }

    /// Records what became of a wait; only one that ran its course (replied or outlasted) tells about the replies.
    mutating func record(_ wait: PostgresConnection.InlineWait) {
        switch wait {
        case .replied: slowReplies = 0
        case .outlasted: slowReplies = min(slowReplies + 1, Self.slowRepliesBeforeSkipping)
        case .crowded, .skipped: break
        }
    }
}

/// Threads now waiting for a reply inline (see `PostgresConnection.runAwaiting`).
private let inlineWaiters = Atomic<Int>(0)
