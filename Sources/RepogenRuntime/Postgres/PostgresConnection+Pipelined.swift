import CLibPQ

/// Plain reads of several callers (`PostgresStatement.sharesPipeline`) sent as one libpq pipeline from the
/// connection's own thread, with one sync after the last: the server reads them in one go and answers with one
/// flush, and the client pays one wake-up for all the replies.
///
/// Each caller still gets exactly its own statement's outcome. The reads share one implicit transaction, so if
/// any of them fails the others' work is rolled back with it, and each of them is run again alone; its caller gets
/// the outcome of that run (a SELECT that calls a writing function still takes effect once). A statement the server
/// had lost the prepared form of (26000) is also run again alone, after the rest of the group.
extension PostgresConnection {
    /// One statement of a pipelined group and what happened to it.
    struct PipelinedStatement {
        let statement: PostgresStatement
        let binds: PostgresBindings
        /// Nil until known; stays nil for a statement the server skipped after an earlier failure.
        var outcome: Result<PostgresQueryResult, any Error>?
        var sent = false
        /// Whether its PREPARE went ahead of it in this pipeline.
        var preparing = false
        var runAgainAlone = false
    }

    /// Runs the statements as one pipeline on the calling thread (the connection's own), in order, and returns
    /// each one's outcome. A statement whose prepared form the server had lost (26000) is run again alone.
    func executePipelinedOnThread(_ statements: [(PostgresStatement, PostgresBindings)])
        -> [Result<PostgresQueryResult, any Error>]
    {
        var group = statements.map { PipelinedStatement(statement: $0.0, binds: $0.1) }
        guard !group.isEmpty else {
            return []
        }
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
        markRunsAgain(&group)
        gate.leave()  // the reruns below take it again, one at a time
        return group.map { entry in
            if entry.runAgainAlone {
                return Result { try executeOnThreadUncounted(entry.statement, entry.binds) }
            }
            return entry.outcome ?? .failure(Self.unansweredInPipeline(entry.statement.name))
        }
    }

    /// Marks what runs again alone: every statement sent, when one of them failed or was skipped (their shared
    /// transaction rolled back), and in any case those the server had not prepared (26000). Nothing runs again on
    /// a lost connection.
    private func markRunsAgain(_ group: inout [PipelinedStatement]) {
        guard !isBroken else {
            return
        }
        let groupFailed = group.contains { $0.sent && (try? $0.outcome?.get()) == nil }
        for index in group.indices where group[index].sent {
            let unprepared = Self.foundUnprepared(group[index])
            if unprepared {  // all of them first: one rerun prepares it
                forgetPrepared(group[index].statement, group[index].binds)
            }
            group[index].runAgainAlone = unprepared || groupFailed
        }
    }

    /// Whether the server did not have the entry's statement prepared (26000, e.g. after `DEALLOCATE ALL`).
    private static func foundUnprepared(_ entry: PipelinedStatement) -> Bool {
        if case .failure(let error as RepogenError)? = entry.outcome {
            return error.sqlState == "26000"
        }
        return false
    }

    /// Sends every statement (preparing those this connection lacks) and the sync, and reads the replies.
    private func sendAndRead(_ group: inout [PipelinedStatement]) {
        let connection: OpaquePointer
        do {
            connection = try liveHandle(statement: group[0].statement.name)
            try Self.enterPipeline(connection, statement: group[0].statement.name)
        } catch {
            for index in group.indices { group[index].outcome = .failure(error) }
            return
        }
        let complete = send(&group, on: connection) && read(&group, on: connection)
        let left = PQexitPipelineMode(connection) == 1
        _ = PQsetnonblocking(connection, 0)
        guard complete, left else {
            health.withLock { $0.isAbandoned = true }  // lost, or replies left unread: never reused
            return
        }
        deallocateOverflowOnThread(on: connection)  // after the sync: no statement of the group is in flight
    }

    /// Queues each statement and then the sync, and flushes; false when libpq refused. A statement with the wrong
    /// number of binds is not sent and gets its error as outcome.
    private func send(_ group: inout [PipelinedStatement], on connection: OpaquePointer) -> Bool {
        var queued = true
        for index in group.indices {
            let (statement, binds) = (group[index].statement, group[index].binds)
            do {
                try Self.checkBindCount(statement, binds)
            } catch {
                group[index].outcome = .failure(error)
                continue
            }
            // Admitted before its reply: a later statement of the group with the same text uses this PREPARE.
            let types = PreparedStatementCache.types(statement, binds)
            let known = preparedStatements.preparedName(statement, types: types)
            let name = known ?? preparedStatements.admit(statement, types: types)
            queued = (known != nil || Self.sendPrepare(statement, name: name, types: types)(connection) == 1)
                && Self.sendPrepared(name, binds)(connection) == 1
            guard queued else { break }
            group[index].sent = true
            group[index].preparing = known == nil
        }
        guard queued, PQpipelineSync(connection) == 1, Self.flushPipeline(connection) else {
            let failure = Self.libpqFailure(connection, statement: group[0].statement.name)
            for index in group.indices where group[index].outcome == nil { group[index].outcome = .failure(failure) }
            return false
        }
        return true
    }

    /// Reads every sent statement's results and then the sync; false when the pipeline could not be read to its
    /// end. Without the sync's answer no statement reports success: its transaction's end was not confirmed.
    private func read(_ group: inout [PipelinedStatement], on connection: OpaquePointer) -> Bool {
        var complete = true
        for index in group.indices where group[index].sent && complete {
            let name = group[index].statement.name
            let reply = PipelineReply.read(connection, statement: name, preparing: group[index].preparing)
            group[index].outcome = reply.outcome.map { $0.map { PostgresQueryResult(handle: $0, statementName: name) } }
            if group[index].preparing, !reply.prepared {
                forgetPrepared(group[index].statement, group[index].binds)
            }
            complete = reply.isComplete
        }
        guard complete, PipelineReply.readSync(connection) else {
            for index in group.indices where (try? group[index].outcome?.get()) != nil {
                group[index].outcome = .failure(Self.libpqFailure(connection, statement: group[index].statement.name))
            }
            return false
        }
        return true
    }

    private static func unansweredInPipeline(_ statement: String) -> RepogenError {
        RepogenError(
            kind: .connectionFailed, message: "the connection ended the pipeline before this statement's reply",
            statement: statement)
    }
}
