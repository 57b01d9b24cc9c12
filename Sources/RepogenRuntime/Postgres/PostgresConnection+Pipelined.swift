import CLibPQ

/// Several independent statements sent as one libpq pipeline from the connection's own thread, each followed by
/// its own sync: each runs in its own implicit transaction and succeeds or fails alone, exactly as if sent one
/// after another, but the server reads them in one go and the client pays one wake-up for all their replies.
extension PostgresConnection {
    /// One statement of a pipelined group and what happened to it.
    private struct PipelinedStatement {
        let statement: PostgresStatement
        let binds: PostgresBindings
        var outcome: Result<PostgresQueryResult, any Error>?
    }

    /// Runs `group` as one pipeline on the calling thread (the connection's own), in order; every statement gets
    /// an outcome. A statement whose prepared form was missing on the server (26000) is run again alone.
    func executePipelinedOnThread(_ statements: [(PostgresStatement, PostgresBindings)])
        -> [Result<PostgresQueryResult, any Error>]
    {
        var group = statements.map { PipelinedStatement(statement: $0.0, binds: $0.1) }
        for _ in group {
            countStatement()
        }
        pipelinedStatements.withLock { $0 += group.count }
        do {
            try enterOnThread(statement: group[0].statement.name)
        } catch {
            return group.map { _ in .failure(error) }
        }
        sendAndRead(&group)
        recordHealth()
        gate.leave()
        let unprepared = group.filter(Self.foundUnprepared)
        for entry in unprepared {
            preparedNames.remove(entry.statement.name)  // all of them first: the first rerun prepares it again
        }
        return group.map { entry in
            if Self.foundUnprepared(entry) {
                return Result { try executeOnThreadUncounted(entry.statement, entry.binds) }
            }
            return entry.outcome ?? .failure(Self.unansweredInPipeline(entry.statement.name))
        }
    }

    /// Whether the server did not have the entry's statement prepared (26000, e.g. after `DEALLOCATE ALL`).
    private static func foundUnprepared(_ entry: PipelinedStatement) -> Bool {
        if case .failure(let error as RepogenError)? = entry.outcome {
            return error.sqlState == "26000"
        }
        return false
    }

    /// Sends every statement (preparing those this connection lacks), then reads each one's results to its sync.
    private func sendAndRead(_ group: inout [PipelinedStatement]) {
        let connection: OpaquePointer
        do {
            connection = try liveHandle(statement: group[0].statement.name)
            try Self.enterPipeline(connection, statement: group[0].statement.name)
        } catch {
            for index in group.indices { group[index].outcome = .failure(error) }
            return
        }
        let preparing = send(&group, on: connection)
        for index in group.indices where group[index].outcome == nil {
            let statement = group[index].statement.name
            let read = Self.readToSync(connection, statement: statement, preparing: preparing.contains(index))
            group[index].outcome = read.outcome.map { PostgresQueryResult(handle: $0, statementName: statement) }
            if read.prepared {
                preparedNames.insert(statement)
            }
            guard read.canGoOn else {
                health.withLock { $0.isAbandoned = true }  // lost, or stuck in COPY: never reused
                break
            }
        }
        let left = PQexitPipelineMode(connection) == 1
        _ = PQsetnonblocking(connection, 0)
        if !left {
            health.withLock { $0.isAbandoned = true }  // results unread: never reused
        }
    }

    /// Queues each statement and its sync and flushes them; returns the indices whose statement is prepared on
    /// the way. A statement that could not be queued gets its failure as outcome, and so do the ones after it.
    private func send(_ group: inout [PipelinedStatement], on connection: OpaquePointer) -> Set<Int> {
        var preparing: Set<Int> = []
        var preparedHere: Set<String> = []
        for index in group.indices {
            let (statement, binds) = (group[index].statement, group[index].binds)
            do {
                try Self.checkBindCount(statement, binds)
            } catch {
                group[index].outcome = .failure(error)
                continue
            }
            let needsPrepare = !preparedNames.contains(statement.name) && !preparedHere.contains(statement.name)
            if needsPrepare {
                preparing.insert(index)
                preparedHere.insert(statement.name)
            }
            let queued = (!needsPrepare || Self.sendPrepare(statement, binds)(connection) == 1)
                && Self.sendPrepared(statement, binds)(connection) == 1 && PQpipelineSync(connection) == 1
            guard queued else {
                let failure = Self.libpqFailure(connection, statement: statement.name)
                for rest in index..<group.count { group[rest].outcome = .failure(failure) }
                break
            }
        }
        if !Self.flushPipeline(connection) {
            let failure = Self.libpqFailure(connection, statement: group[0].statement.name)
            for index in group.indices where group[index].outcome == nil { group[index].outcome = .failure(failure) }
        }
        return preparing
    }

    /// Reads one statement's results up to its sync: its outcome, whether its PREPARE succeeded, and whether the
    /// pipeline can be read further (not once the connection is lost or a statement started COPY).
    private static func readToSync(_ connection: OpaquePointer, statement: String, preparing: Bool)
        -> (outcome: Result<ResultHandle, any Error>, prepared: Bool, canGoOn: Bool)
    {
        var pending = PendingResults()
        var prepared = false
        var queriesEnded = 0
        while true {
            guard let pointer = PQgetResult(connection) else {
                queriesEnded += 1  // NULL ends one query's results (the PREPARE's, then the execution's)
                guard PQstatus(connection) == CONNECTION_OK, queriesEnded <= (preparing ? 2 : 1) else { break }
                continue
            }
            let status = PQresultStatus(pointer)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(pointer)
                return (Result { try pending.outcome(on: connection, statement: statement) }, prepared, true)
            }
            if status == PGRES_PIPELINE_ABORTED {
                PQclear(pointer)
                continue
            }
            prepared = prepared || (preparing && queriesEnded == 0 && status == PGRES_COMMAND_OK)
            guard pending.add(ResultHandle(pointer)) else { break }  // COPY: libpq repeats it from here on
        }
        let failure = Result<ResultHandle, any Error> { try pending.outcome(on: connection, statement: statement) }
        let outcome = (try? failure.get()) == nil ? failure : .failure(libpqFailure(connection, statement: statement))
        return (outcome, prepared, false)
    }

    private static func unansweredInPipeline(_ statement: String) -> RepogenError {
        RepogenError(
            kind: .connectionFailed, message: "the connection ended the pipeline before this statement's reply",
            statement: statement)
    }
}
