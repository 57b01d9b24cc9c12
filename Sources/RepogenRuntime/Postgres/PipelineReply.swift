import CLibPQ

/// One statement's reply inside a pipeline of independent statements (`executePipelinedOnThread`), read with
/// libpq's blocking `PQgetResult` on the connection's own thread.
///
/// In pipeline mode every query's results end with a NULL (a PREPARE sent ahead of the statement is a query of
/// its own); after a failure the server skips to the next sync and libpq reports each skipped query as
/// `PGRES_PIPELINE_ABORTED`; each sync is answered by one `PGRES_PIPELINE_SYNC`.
struct PipelineReply {
    /// The statement's result or failure; nil when the server skipped it after an earlier statement failed.
    let outcome: Result<ResultHandle, any Error>?
    /// Whether a PREPARE sent ahead of the statement succeeded (prepared statements outlive a rolled-back
    /// transaction, so the connection has it either way).
    let prepared: Bool
    /// Whether the reply was read to its end, so the pipeline can be read further: not once the connection was
    /// lost, a statement started COPY or the replies were out of step.
    let isComplete: Bool

    /// Reads the statement's results up to the NULL that ends them (two NULLs when `preparing`).
    static func read(_ connection: OpaquePointer, statement: String, preparing: Bool) -> PipelineReply {
        var pending = PendingResults()
        var prepared = false
        var answered = false
        var ended = 0
        while ended < (preparing ? 2 : 1) {
            guard let pointer = PQgetResult(connection) else {
                guard PQstatus(connection) == CONNECTION_OK else {
                    return failed(pending, connection, statement, prepared: prepared)
                }
                ended += 1
                continue
            }
            let status = PQresultStatus(pointer)
            guard status != PGRES_PIPELINE_ABORTED, status != PGRES_PIPELINE_SYNC else {
                PQclear(pointer)
                guard status == PGRES_PIPELINE_ABORTED else {  // a sync where a result belongs: out of step
                    return failed(pending, connection, statement, prepared: prepared)
                }
                continue
            }
            answered = true
            prepared = prepared || (preparing && ended == 0 && status == PGRES_COMMAND_OK)
            guard pending.add(ResultHandle(pointer)) else {  // COPY: libpq repeats that result from here on
                return failed(pending, connection, statement, prepared: prepared)
            }
        }
        let outcome = Result { try pending.outcome(on: connection, statement: statement) }
        return PipelineReply(outcome: answered ? outcome : nil, prepared: prepared, isComplete: true)
    }

    /// Reads the result a sync is answered with; false when something else came.
    static func readSync(_ connection: OpaquePointer) -> Bool {
        guard let pointer = PQgetResult(connection) else {
            return false
        }
        defer { PQclear(pointer) }
        return PQresultStatus(pointer) == PGRES_PIPELINE_SYNC
    }

    /// The reply of a statement whose results could not be read to their end: its own failure if it had one,
    /// else libpq's error (the connection's loss), never a success whose commit was not confirmed.
    private static func failed(
        _ pending: PendingResults, _ connection: OpaquePointer, _ statement: String, prepared: Bool
    ) -> PipelineReply {
        var outcome = Result<ResultHandle, any Error> { try pending.outcome(on: connection, statement: statement) }
        if case .success = outcome {
            outcome = .failure(PostgresConnection.libpqFailure(connection, statement: statement))
        }
        return PipelineReply(outcome: outcome, prepared: prepared, isComplete: false)
    }
}
