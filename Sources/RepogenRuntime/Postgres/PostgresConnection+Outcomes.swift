import CLibPQ

/// Replies become outcomes here, and here alone a statement is run again: after the server said it does not have
/// the statement prepared (SQLSTATE 26000, e.g. after `DEALLOCATE ALL`), or after a failure rolled back the
/// transaction that independent statements shared.
extension PostgresConnection {
    /// What runs again once a batch is finished.
    enum RerunPlan: Equatable {
        case none
        /// The whole batch: it found a statement unprepared, which has now been forgotten and is prepared again.
        case whole
        /// Every execution sent, each alone: a statement of several callers failed and rolled the others back.
        case eachAlone
    }

    /// Each execution's outcome. A success counts only when the sync was read and its implicit transaction, if any,
    /// committed, since until then the batch may still be rolled back; a connection that did not end the batch
    /// cleanly is never reused.
    func outcomes(of run: BatchRun) -> [Outcome] {
        let count = run.reply.replies.count
        guard let connection = run.connection else {
            return Array(repeating: .failure(run.sendFailure!), count: count)
        }
        let left = PQpipelineStatus(connection) == PQ_PIPELINE_OFF || PQexitPipelineMode(connection) == 1
        if run.sendFailure != nil || !run.reply.isComplete || !left {
            health.withLock { $0.isAbandoned = true }
        }
        forgetUnprepared(run)
        let executions = run.work.executions
        return run.reply.replies.indices.map { index in
            let statement = executions.isEmpty ? nil : executions[index].statement.name
            switch run.reply.replies[index] {
            case _ where run.reply.enteredCopy:
                return .failure(Self.copyRefused(statement: statement))
            case .succeeded where run.reply.isComplete && run.reply.commitFailure != nil:
                let failure = run.reply.commitFailure!.pointer  // rolled back: nothing of the batch holds
                return .failure(RepogenError(result: failure, connection: connection, statement: statement))
            case .succeeded(let handle) where run.reply.isComplete:
                return .success(PostgresQueryResult(handle: handle, statementName: statement))
            case .failed(let result):
                return .failure(RepogenError(result: result.pointer, connection: connection, statement: statement))
            case .skipped where run.reply.isComplete:
                return .failure(Self.skipped(statement: statement))
            case .refused(let error):
                return .failure(error)
            case .succeeded, .skipped, .pending:
                return .failure(run.sendFailure ?? Self.lossError(run.reply, connection, statement: statement))
            }
        }
    }

    /// Why an execution has no confirmed outcome once the batch was cut short: the server's error in place of the
    /// sync (e.g. 57P01, terminated), else libpq's, as a lost connection whatever libpq's status says yet. Even a
    /// statement whose own reply arrived may have been rolled back with the batch's transaction, or, a COMMIT, may
    /// have committed: only the sync would have told.
    private static func lossError(_ reply: BatchReply, _ connection: OpaquePointer, statement: String?)
        -> RepogenError
    {
        var error =
            reply.lossResult.map { RepogenError(result: $0.pointer, connection: connection, statement: statement) }
            ?? libpqFailure(connection, statement: statement)
        if !error.isConnectionLoss {
            error.kind = .connectionFailed
        }
        return error
    }

    /// Forgets the statements whose PREPARE was sent but did not succeed, and those the server did not have.
    private func forgetUnprepared(_ run: BatchRun) {
        guard case .batch(let batch) = run.work else {
            return
        }
        for item in run.reply.items {
            if case .prepare(let index) = item, !run.reply.prepareSucceeded[index] {
                preparedStatements.forget(batch.executions[index])
            }
        }
        for (index, reply) in run.reply.replies.enumerated() {
            if case .failed(let result) = reply, Self.isUnprepared(result) {
                preparedStatements.forget(batch.executions[index])
            }
        }
    }

    /// What runs again after `run`; nothing once the connection is lost or the batch was not read to its end.
    func rerunPlan(_ run: BatchRun) -> RerunPlan {
        guard case .batch(let batch) = run.work, run.reply.isComplete, !isBroken else {
            return .none
        }
        let replies = run.reply.replies
        if batch.kind == .independent, replies.count > 1 {
            let failed = run.reply.commitFailure != nil || replies.contains(where: \.needsRerunInGroup)
            return failed ? .eachAlone : .none
        }
        let unprepared = replies.contains { reply in
            if case .failed(let result) = reply { Self.isUnprepared(result) } else { false }
        }
        return unprepared && run.retries < replies.count ? .whole : .none
    }

    /// The outcomes of running again what `rerunPlan` says, on the calling thread; nil when nothing runs again.
    func rerunOutcomes(_ run: BatchRun) -> [Outcome]? {
        guard case .batch(let batch) = run.work else {
            return nil
        }
        switch rerunPlan(run) {
        case .none:
            return nil
        case .whole:
            guard readyToRunAgain(batch) else {
                return nil
            }
            var again = send(.batch(batch), retries: run.retries + 1)
            return complete(&again)
        case .eachAlone:
            return batch.executions.indices.map { index in
                if case .refused(let error) = run.reply.replies[index] {
                    return .failure(error)
                }
                let alone = StatementBatch(executions: [batch.executions[index]], kind: .atomic)
                return runToEnd(.batch(alone))[0]
            }
        }
    }

    /// Whether a batch that found a statement unprepared can run again. Outside a transaction it can: its implicit
    /// one was rolled back. Inside one, the 26000 failed it: a batch that began the unit of work with BEGIN holds
    /// nothing older, so that transaction is rolled back and the batch, BEGIN included, runs again; any other batch
    /// cannot, and its 26000 stands (the unit of work is lost, and says why).
    private func readyToRunAgain(_ batch: StatementBatch) -> Bool {
        guard let handle, PQtransactionStatus(handle) == PQTRANS_INERROR else {
            return true
        }
        guard batch.opensTransaction, case .success = runToEnd(.script("ROLLBACK"))[0] else {
            return false
        }
        return true
    }

    private static func isUnprepared(_ result: ResultHandle) -> Bool {
        PQresultErrorField(result.pointer, Int32(Character("C").asciiValue!)).map { String(cString: $0) } == "26000"
    }

    static func copyRefused(statement: String?) -> RepogenError {
        RepogenError(
            kind: .queryFailed,
            message: "COPY is not supported by runBatched, run or runScript; the connection is not reused",
            statement: statement)
    }

    private static func skipped(statement: String?) -> RepogenError {
        RepogenError(
            kind: .queryFailed, message: "not run: an earlier statement of its batch failed", statement: statement)
    }

    /// Why `execution` cannot be sent, if it cannot: binds that do not match its declared types in number, or a
    /// value too long for the protocol.
    static func refusal(of execution: Execution) -> RepogenError? {
        let (statement, binds) = (execution.statement, execution.binds)
        if !statement.parameterTypes.isEmpty, statement.parameterTypes.count != binds.count {
            return RepogenError(
                kind: .queryFailed,
                message: "expected \(statement.parameterTypes.count) bind values, got \(binds.count)",
                statement: statement.name)
        }
        return binds.oversizedValueLength.map { length in
            RepogenError(
                kind: .invalidArgument,
                message: "a bind value of \(length) bytes is longer than PostgreSQL accepts (1 GB in a field)",
                statement: statement.name)
        }
    }
}

extension BatchReply.Reply {
    /// Whether a statement of a group that shared a sync runs again alone: it was sent and did not succeed.
    var needsRerunInGroup: Bool {
        switch self {
        case .succeeded, .refused: false
        case .pending, .failed, .skipped: true
        }
    }
}
