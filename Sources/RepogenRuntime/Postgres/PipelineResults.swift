import CLibPQ

/// The results of one pipeline (several executions, then one sync) as libpq hands them out.
///
/// Each execution yields its result and then a NULL; after the first failure every later execution yields
/// `PGRES_PIPELINE_ABORTED`, and the pipeline ends with `PGRES_PIPELINE_SYNC`. Results that arrive are kept in
/// order until the caller decodes them (`takeCompleted`).
struct PipelineResults: @unchecked Sendable {
    /// Executions sent so far.
    private(set) var sentExecutions = 0
    /// Executions whose results are all in (their terminating NULL was read).
    private var finishedExecutions = 0
    private var isSyncSent = false
    /// Whether `PGRES_PIPELINE_SYNC` was read: the pipeline is over and the connection idle again.
    private(set) var isSynced = false
    /// Whether the connection was lost before the pipeline ended.
    private(set) var isLost = false
    /// Whether an execution started COPY, which a pipeline cannot finish: libpq hands out that result from then on.
    private(set) var enteredCopy = false
    /// The first failed execution's result (never an aborted one).
    private(set) var firstFailure: ResultHandle?
    /// Successful results not yet taken by the caller, in execution order.
    private var completed: [ResultHandle] = []

    /// Notes that one more execution was queued; `withSync` when the pipeline's sync follows it.
    mutating func noteSent(withSync: Bool) {
        sentExecutions += 1
        isSyncSent = isSyncSent || withSync
    }

    /// Whether libpq still owes results: an execution's, or the sync's.
    var awaitsMore: Bool {
        !isLost && !enteredCopy && (finishedExecutions < sentExecutions || (isSyncSent && !isSynced))
    }

    /// Records what one `PQgetResult` returned (nil ends an execution's results).
    mutating func take(_ pointer: OpaquePointer?, on connection: OpaquePointer) {
        guard let pointer else {
            if PQstatus(connection) == CONNECTION_BAD {
                isLost = true
            }
            finishedExecutions += 1
            return
        }
        let result = ResultHandle(pointer)
        switch PQresultStatus(pointer) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            completed.append(result)
        case PGRES_PIPELINE_SYNC:
            isSynced = true
        case PGRES_PIPELINE_ABORTED:
            break
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            enteredCopy = true
        default:
            firstFailure = firstFailure ?? result
            if PQstatus(connection) == CONNECTION_BAD {
                isLost = true
            }
        }
    }

    /// Hands over the successful results read so far, in order, and forgets them.
    mutating func takeCompleted() -> [ResultHandle] {
        defer { completed.removeAll() }
        return completed
    }

    /// Reads whatever results the socket already holds, without waiting; false when the connection failed.
    mutating func readAvailable(_ connection: OpaquePointer) -> Bool {
        guard PQconsumeInput(connection) != 0 else {
            isLost = PQstatus(connection) == CONNECTION_BAD
            return false
        }
        while awaitsMore, PQisBusy(connection) == 0 {
            take(PQgetResult(connection), on: connection)
        }
        return true
    }

    /// Reads until the pipeline's sync, waiting in libpq (which also flushes what is left to send).
    mutating func readToSync(_ connection: OpaquePointer) {
        while awaitsMore {
            take(PQgetResult(connection), on: connection)
        }
    }
}
