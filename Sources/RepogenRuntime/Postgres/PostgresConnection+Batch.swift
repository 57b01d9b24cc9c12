import CLibPQ

/// The one routine that runs statements: a `StatementBatch` (or a script) is sent, its replies are collected into a
/// `BatchReply`, and each execution gets its own outcome. Every caller holds the connection's gate.
extension PostgresConnection {
    /// One execution's outcome.
    typealias Outcome = Result<PostgresQueryResult, any Error>

    /// A batch or script under way: what was sent, what came back, and, once finished, the outcomes.
    struct BatchRun: @unchecked Sendable {
        enum Work {
            case batch(StatementBatch)
            case script(String)

            /// The batch's executions; none for a script.
            var executions: [Execution] {
                if case .batch(let batch) = self { batch.executions } else { [] }
            }

            /// How many outcomes it has: one per execution, one for a script.
            var outcomeCount: Int {
                if case .script = self { 1 } else { executions.count }
            }

            /// The bytes it sends: SQL text and binds.
            var byteCount: Int {
                switch self {
                case .batch(let batch): batch.byteCount
                case .script(let sql): sql.utf8.count
                }
            }
        }

        let work: Work
        var reply: BatchReply
        var connection: OpaquePointer?
        /// Why nothing more could be sent; then no reply is awaited.
        var sendFailure: (any Error)?
        var outcomes: [Outcome]?
        /// How often this batch already ran again after finding a statement unprepared (26000): each try forgets
        /// and prepares again at least one more, so there are fewer tries than executions.
        var retries = 0
    }

    /// Runs `work` to its end on the calling thread, which may block in libpq: the connection's own thread.
    func runToEnd(_ work: BatchRun.Work) -> [Outcome] {
        var run = send(work)
        return complete(&run)
    }

    /// Sends `work`; a closed connection or a refused send becomes the run's `sendFailure`.
    func send(_ work: BatchRun.Work, retries: Int = 0) -> BatchRun {
        var run = BatchRun(work: work, reply: BatchReply(executions: work.outcomeCount), retries: retries)
        do {
            let connection = try liveHandle(statement: work.executions.first?.statement.name)
            run.connection = connection
            batchesSent.withLock { $0 += 1 }
            switch work {
            case .batch(let batch):
                try sendPipeline(batch, &run.reply, on: connection)
            case .script(let sql):
                guard PQsendQuery(connection, sql) == 1 else {
                    throw Self.libpqFailure(connection, statement: nil)
                }
                run.reply.expect(.execute(0))
            }
        } catch {
            run.sendFailure = error
        }
        return run
    }

    /// Queues each execution and the sync, which flushes: after its PREPARE when this connection lacks the
    /// statement (`.prepared`), or as one unnamed statement (`.unnamed`, nothing outlives the sync on the server;
    /// BEGIN, COMMIT and the NOTIFY always go so).
    private func sendPipeline(_ batch: StatementBatch, _ reply: inout BatchReply, on connection: OpaquePointer) throws {
        let known = statementMode == .prepared ? knownNamesMakingRoom(batch) : []
        guard PQenterPipelineMode(connection) == 1 else {
            throw Self.libpqFailure(connection, statement: batch.executions.first?.statement.name)
        }
        for (index, execution) in batch.executions.enumerated() {
            let (statement, binds) = (execution.statement, execution.binds)
            if let refusal = Self.refusal(of: execution) {
                reply.refuse(index, refusal)
                continue
            }
            let types = execution.types
            let sent: Int32
            if statementMode == .unnamed || statement.isAlwaysUnnamed {
                let oids = types.map { Oid($0.oid) }
                sent = binds.withParameterArrays { values, lengths, formats in
                    PQsendQueryParams(connection, statement.sql, Int32(binds.count), oids, values, lengths, formats, 1)
                }
            } else {
                let name = try known[index] ?? preparedName(statement, types, index, &reply, on: connection)
                sent = binds.withParameterArrays { values, lengths, formats in
                    PQsendQueryPrepared(connection, name, Int32(binds.count), values, lengths, formats, 1)
                }
            }
            guard sent == 1 else {
                throw Self.libpqFailure(connection, statement: statement.name)
            }
            reply.expect(.execute(index))
        }
        guard PQpipelineSync(connection) == 1 else {
            throw Self.libpqFailure(connection, statement: batch.executions.first?.statement.name)
        }
        reply.expect(.sync)
    }

    /// The prepared name of each execution's statement, nil where this connection lacks it. Room for the missing
    /// ones is made first, so the server never holds more than the cache's capacity unless one batch alone uses more.
    private func knownNamesMakingRoom(_ batch: StatementBatch) -> [String?] {
        let usedSince = preparedStatements.clock + 1
        let known = batch.executions.map { execution in
            execution.statement.isAlwaysUnnamed
                ? nil : preparedStatements.preparedName(execution.statement, types: execution.types)
        }
        let unprepared = known.contains(nil) ? unpreparedStatements(batch) : 0  // all prepared: no second lookup
        if unprepared > 0, preparedStatements.count + unprepared > preparedStatements.capacity {
            deallocateOverflow(room: unprepared, usedBefore: usedSince)
        }
        return known
    }

    /// Whether sending `work` first deallocates statements to make room in the cache: a round trip of its own,
    /// whose wait is not bounded by `inlineWait`, so such a batch is sent from the connection's thread.
    func mustMakeRoom(for work: BatchRun.Work) -> Bool {
        guard statementMode == .prepared, case .batch(let batch) = work,
            preparedStatements.count + batch.executions.count > preparedStatements.capacity
        else {
            return false  // even if every statement were new, they would fit
        }
        return preparedStatements.count + unpreparedStatements(batch) > preparedStatements.capacity
    }

    /// How many distinct statements (text and parameter types) of `batch` this connection has not prepared; the
    /// chunks of one statement (a large `createMany`) are one, so they make room for one. Marks nothing used.
    private func unpreparedStatements(_ batch: StatementBatch) -> Int {
        var missing: [Execution] = []
        for execution in batch.executions where !execution.statement.isAlwaysUnnamed {
            let (sql, types) = (execution.statement.sql, execution.types)
            guard !preparedStatements.isPrepared(execution.statement, types: types),
                !missing.contains(where: { $0.statement.sql == sql && $0.types == types })
            else {
                continue
            }
            missing.append(execution)
        }
        return missing.count
    }

    /// The statement's prepared name, queueing its PREPARE first when the cache lacks it. A statement is admitted
    /// before its PREPARE's reply, so a later execution of the same statement in the batch uses that PREPARE.
    private func preparedName(
        _ statement: PostgresStatement, _ types: [PostgresType], _ index: Int, _ reply: inout BatchReply,
        on connection: OpaquePointer
    ) throws -> String {
        if let name = preparedStatements.preparedName(statement, types: types) {
            return name
        }
        let admitted = preparedStatements.admit(statement, types: types)
        let oids = types.map { Oid($0.oid) }
        guard PQsendPrepare(connection, admitted, statement.sql, Int32(oids.count), oids) == 1 else {
            throw Self.libpqFailure(connection, statement: statement.name)
        }
        reply.expect(.prepare(index))
        return admitted
    }

    /// Reads what is still owed, finishes the run and does what follows it (reruns, DEALLOCATE of the cache's
    /// overflow); blocks in libpq, so it runs on the connection's thread.
    func complete(_ run: inout BatchRun) -> [Outcome] {
        if let connection = run.connection, run.sendFailure == nil, run.outcomes == nil {
            run.reply.readBlocking(connection)
        }
        let outcomes = run.outcomes ?? finish(&run)
        let rerun = rerunOutcomes(run) ?? outcomes
        deallocateOverflow()
        return rerun
    }

    /// Leaves pipeline mode and turns the replies into outcomes (`PostgresConnection+Outcomes.swift`).
    @discardableResult
    func finish(_ run: inout BatchRun) -> [Outcome] {
        defer { recordHealth() }
        let outcomes = outcomes(of: run)
        run.outcomes = outcomes
        return outcomes
    }

    /// Whether a finished run leaves nothing for `complete` to do: no rerun and no overflow to deallocate.
    func needsNoFollowUp(_ run: BatchRun) -> Bool {
        run.outcomes != nil && rerunPlan(run) == .none && preparedStatements.count <= preparedStatements.capacity
    }

    /// Deallocates the least recently used statements until `room` more fit in the cache, never one used at or after
    /// `usedBefore`, in one round trip while nothing is in flight. Not inside a failed transaction, which would
    /// refuse it: the overflow then waits for a later batch. A connection whose DEALLOCATE fails is not reused, so
    /// the server's statements stay bounded.
    private func deallocateOverflow(room: Int = 0, usedBefore: UInt64 = .max) {
        guard preparedStatements.count + room > preparedStatements.capacity, let connection = handle,
            PQtransactionStatus(connection) != PQTRANS_INERROR
        else {
            return
        }
        let names = preparedStatements.takeOverflow(room: room, usedBefore: usedBefore)
        guard !names.isEmpty else {
            return
        }
        if case .failure = runToEnd(.script(PreparedStatementCache.deallocateSQL(names)))[0] {
            health.withLock { $0.isAbandoned = true }
        }
    }
}
