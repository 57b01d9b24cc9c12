import CLibPQ

/// Several independent statements sent as one libpq pipeline from the connection's own thread: the server reads
/// them in one go and the client pays one wake-up for many replies.
///
/// Each caller still gets exactly its own statement's outcome. A group of reads only (every statement a SELECT)
/// shares one sync: the server then answers all of them in one flush (it flushes at every sync). If any of them
/// fails, the implicit transaction they shared rolls back, so each of them is run again alone and its caller gets
/// the outcome of that run. A group with a write puts a sync after every statement: each its own implicit
/// transaction, succeeding or failing alone, exactly as if sent one after another.
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
        for _ in group {
            countStatement()
        }
        pipelinedStatements.withLock { $0 += group.count }
        do {
            try enterOnThread(statement: group[0].statement.name)
        } catch {
            return group.map { _ in .failure(error) }
        }
        let sharesOneSync = group.allSatisfy(\.statement.isReadOnly)
        sendAndRead(&group, syncEach: !sharesOneSync)
        recordHealth()
        gate.leave()
        markRunsAgain(&group, sharedOneSync: sharesOneSync)
        return group.map { entry in
            if entry.runAgainAlone {
                return Result { try executeOnThreadUncounted(entry.statement, entry.binds) }
            }
            return entry.outcome ?? .failure(Self.unansweredInPipeline(entry.statement.name))
        }
    }

    /// Marks what runs again alone: statements the server had not prepared (26000), and every statement of a group
    /// that shared one sync and saw a failure (its work was rolled back). Nothing runs again on a lost connection.
    private func markRunsAgain(_ group: inout [PipelinedStatement], sharedOneSync: Bool) {
        guard !isBroken else {
            return
        }
        let groupFailed = sharedOneSync && group.contains { $0.sent && (try? $0.outcome?.get()) == nil }
        for index in group.indices where group[index].sent {
            let unprepared = Self.foundUnprepared(group[index])
            if unprepared {
                preparedNames.remove(group[index].statement.name)  // all of them first: one rerun prepares it
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

    /// Sends every statement (preparing those this connection lacks) and reads the replies to the last sync.
    private func sendAndRead(_ group: inout [PipelinedStatement], syncEach: Bool) {
        let connection: OpaquePointer
        do {
            connection = try liveHandle(statement: group[0].statement.name)
            try Self.enterPipeline(connection, statement: group[0].statement.name)
        } catch {
            for index in group.indices { group[index].outcome = .failure(error) }
            return
        }
        let complete = send(&group, on: connection, syncEach: syncEach)
            && read(&group, on: connection, syncEach: syncEach)
        let left = PQexitPipelineMode(connection) == 1
        _ = PQsetnonblocking(connection, 0)
        if !complete || !left {
            health.withLock { $0.isAbandoned = true }  // lost, or replies left unread: never reused
        }
    }

    /// Queues each statement (and a sync after each, or one after all) and flushes; false when libpq refused.
    /// A statement with the wrong number of binds is not sent and gets its error as outcome.
    private func send(_ group: inout [PipelinedStatement], on connection: OpaquePointer, syncEach: Bool) -> Bool {
        var preparedHere: Set<String> = []
        var queued = true
        for index in group.indices {
            let (statement, binds) = (group[index].statement, group[index].binds)
            do {
                try Self.checkBindCount(statement, binds)
            } catch {
                group[index].outcome = .failure(error)
                continue
            }
            let preparing = !preparedNames.contains(statement.name) && !preparedHere.contains(statement.name)
            queued = (!preparing || Self.sendPrepare(statement, binds)(connection) == 1)
                && Self.sendPrepared(statement, binds)(connection) == 1
                && (!syncEach || PQpipelineSync(connection) == 1)
            guard queued else { break }
            group[index].sent = true
            group[index].preparing = preparing
            if preparing {
                preparedHere.insert(statement.name)
            }
        }
        guard queued, syncEach || PQpipelineSync(connection) == 1, Self.flushPipeline(connection) else {
            let failure = Self.libpqFailure(connection, statement: group[0].statement.name)
            for index in group.indices where group[index].outcome == nil { group[index].outcome = .failure(failure) }
            return false
        }
        return true
    }

    /// Reads every sent statement's results and the syncs; false when the pipeline could not be read to its end.
    /// A statement whose sync was not answered gets the connection's failure, never a success whose commit was
    /// not confirmed.
    private func read(_ group: inout [PipelinedStatement], on connection: OpaquePointer, syncEach: Bool) -> Bool {
        var unsynced: [Int] = []
        for index in group.indices where group[index].sent {
            let name = group[index].statement.name
            let reply = PipelineReply.read(connection, statement: name, preparing: group[index].preparing)
            group[index].outcome = reply.outcome.map { $0.map { PostgresQueryResult(handle: $0, statementName: name) } }
            if reply.prepared {
                preparedNames.insert(name)
            }
            unsynced.append(index)
            guard reply.isComplete, !syncEach || PipelineReply.readSync(connection) else {
                failUnconfirmed(&group, unsynced, connection)
                return false
            }
            if syncEach {
                unsynced.removeAll()
            }
        }
        guard syncEach || PipelineReply.readSync(connection) else {
            failUnconfirmed(&group, unsynced, connection)
            return false
        }
        return true
    }

    /// Replaces the successes among `indices` with libpq's error (the connection was lost before their sync).
    private func failUnconfirmed(_ group: inout [PipelinedStatement], _ indices: [Int], _ connection: OpaquePointer) {
        for index in indices where (try? group[index].outcome?.get()) != nil {
            group[index].outcome = .failure(Self.libpqFailure(connection, statement: group[index].statement.name))
        }
    }

    private static func unansweredInPipeline(_ statement: String) -> RepogenError {
        RepogenError(
            kind: .connectionFailed, message: "the connection ended the pipeline before this statement's reply",
            statement: statement)
    }
}
