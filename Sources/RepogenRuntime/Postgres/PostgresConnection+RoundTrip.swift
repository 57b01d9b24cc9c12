import CLibPQ
import Foundation
import Synchronization

/// One statement's round trip, driven from the calling task.
///
/// The query is sent on the caller's thread and the reply is awaited there for up to `inlineWait` (a `ppoll` on the
/// socket, which sleeps and leaves the CPU to the server): a point lookup then costs no thread hand-off at all.
/// A reply that takes longer is awaited on the connection's own thread instead, so a slow statement never holds a
/// thread of Swift's cooperative pool for more than `inlineWait`. At most `inlineWaiterLimit` threads (one per
/// core) wait inline at once; any other caller hands its wait off at once. Statements or bind payloads over 64 KiB
/// are sent from the connection's thread too, because writing them can block on the socket; smaller ones fit in
/// the socket's buffer.
extension PostgresConnection {
    /// Bind payloads above this many bytes are written from the connection's thread.
    static let inlineSendLimit = 64 * 1024

    /// How many threads may wait for a reply inline at once: one per core, the width of the cooperative pool.
    ///
    /// One fewer than the cores kept a thread free for other work, but on two cores it left the pool of 4 at 0.46
    /// of pgbench instead of 0.77 to 0.80 (docs/performance.md); every inline wait is bounded by `inlineWait`.
    static let inlineWaiterLimit = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Sends with `send` and returns the final result, or throws it as a `RepogenError`.
    func roundTrip(
        _ connection: OpaquePointer, statement: String?, offloadSend: Bool,
        send: @escaping @Sendable (OpaquePointer) -> Int32
    ) async throws -> ResultHandle {
        let owned = UnsafeHandle(pointer: connection)
        let sent = offloadSend ? try await worker.run { send(owned.pointer) } : send(connection)
        guard sent == 1 else {
            throw Self.libpqFailure(connection, statement: statement)
        }
        var pending = PendingResults()
        if !Self.awaitInlineIfAllowed(connection, &pending, microseconds: inlineWaitMicroseconds) {
            handedOffWaits.withLock { $0 += 1 }
            pending = try await worker.run { [pending] in
                var parked = pending
                Self.awaitBlocking(owned.pointer, &parked)
                return parked
            }
        }
        return try pending.outcome(on: connection, statement: statement)
    }

    /// `awaitInline` unless `inlineWaiterLimit` threads are already waiting inline; false (hand off) then.
    private static func awaitInlineIfAllowed(
        _ connection: OpaquePointer, _ pending: inout PendingResults, microseconds: Int
    ) -> Bool {
        guard microseconds > 0 else {
            return false
        }
        let waiters = inlineWaiters.add(1, ordering: .relaxed).newValue
        defer { inlineWaiters.subtract(1, ordering: .relaxed) }
        return waiters <= inlineWaiterLimit && awaitInline(connection, &pending, microseconds: microseconds)
    }

    /// Reads replies for up to `microseconds` in all; true once every result of the query is in.
    private static func awaitInline(_ connection: OpaquePointer, _ pending: inout PendingResults, microseconds: Int)
        -> Bool
    {
        let deadline = ContinuousClock.now + .microseconds(microseconds)
        repeat {
            let left = deadline - .now
            let (seconds, attoseconds) = left.components
            let remaining = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
            guard remaining > 0, waitReadable(connection, microseconds: remaining) != 0 else {
                return false
            }
        } while !readAvailable(connection, &pending)
        return true
    }

    /// Reads replies until every result of the query is in; runs on the connection's thread.
    ///
    /// A blocking `PQgetResult` rather than a wait on the socket: with TLS, libpq waits on data OpenSSL has
    /// already buffered, which the socket no longer shows.
    static func awaitBlocking(_ connection: OpaquePointer, _ pending: inout PendingResults) {
        while let result = PQgetResult(connection) {
            guard pending.add(ResultHandle(result)) else {
                return
            }
        }
    }

    /// Consumes what the socket holds and collects finished results; true once the query is done.
    ///
    /// A lost connection ends the wait with libpq's error (older libpq kept `PQisBusy` true after end of file),
    /// and so does COPY, which `run` and `runScript` do not speak: the connection is then left in COPY state, not
    /// reusable, as `PQexec` left it.
    private static func readAvailable(_ connection: OpaquePointer, _ pending: inout PendingResults) -> Bool {
        if PQconsumeInput(connection) == 0, PQstatus(connection) == CONNECTION_BAD || PQsocket(connection) < 0 {
            while let result = PQgetResult(connection), pending.add(ResultHandle(result)) {}
            return true
        }
        while PQisBusy(connection) == 0 {
            guard let result = PQgetResult(connection), pending.add(ResultHandle(result)) else {
                return true
            }
        }
        return false
    }

    /// Waits for the socket to become readable; 0 on timeout. An interrupted or failed wait counts as readable,
    /// so the caller reads (and learns of any failure from libpq) and recomputes the time left.
    private static func waitReadable(_ connection: OpaquePointer, microseconds: Int) -> Int32 {
        let ready = repogen_wait_readable(PQsocket(connection), Int64(microseconds))
        return ready < 0 ? 1 : ready
    }

    /// libpq's last error on `connection` as a `RepogenError`: `connectionFailed` once the connection is bad.
    static func libpqFailure(_ connection: OpaquePointer, statement: String?) -> RepogenError {
        RepogenError(
            kind: PQstatus(connection) == CONNECTION_OK ? .queryFailed : .connectionFailed,
            message: String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines),
            statement: statement)
    }
}

/// The results of one query as they arrive: like `PQexec`, the last one wins unless one of them failed.
struct PendingResults: @unchecked Sendable {
    private var last: ResultHandle?
    private var firstFailure: ResultHandle?
    private var enteredCopy = false

    /// Records a result; false when the query cannot go on (COPY), so reading must stop here.
    mutating func add(_ result: ResultHandle) -> Bool {
        switch PQresultStatus(result.pointer) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            last = result
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            enteredCopy = true
            return false  // libpq hands out a COPY result on every call from here on
        default:
            firstFailure = firstFailure ?? result
        }
        return true
    }

    /// The query's result, or its first failure as a `RepogenError`.
    func outcome(on connection: OpaquePointer, statement: String?) throws -> ResultHandle {
        if enteredCopy {
            throw RepogenError(
                kind: .queryFailed,
                message: "COPY is not supported by run or runScript; the connection is left in COPY state",
                statement: statement)
        }
        if let failure = firstFailure {
            throw RepogenError(result: failure.pointer, connection: connection, statement: statement)
        }
        guard let last else {
            throw PostgresConnection.libpqFailure(connection, statement: statement)
        }
        return last
    }
}

/// Threads now waiting for a reply inline (see `PostgresConnection.roundTrip`).
private let inlineWaiters = Atomic<Int>(0)
