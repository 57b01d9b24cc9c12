import CLibPQ

/// Statements run by a job on the connection's own thread (`ConnectionPool.execute` for a queued statement): the
/// thread blocks in libpq until the reply is in, as a libpq client thread would, and no cooperative thread waits.
extension PostgresConnection {
    /// Runs a prepared statement (preparing it first if needed) on the calling thread, which must be the
    /// connection's own; throws `StaleConnection` when the server had already closed the connection.
    func executeOnThread(_ statement: PostgresStatement, _ binds: PostgresBindings) throws -> PostgresQueryResult {
        countStatement()
        return try executeOnThreadUncounted(statement, binds)
    }

    /// `executeOnThread` for a statement already counted (run again after its pipelined try found it unprepared).
    func executeOnThreadUncounted(_ statement: PostgresStatement, _ binds: PostgresBindings) throws
        -> PostgresQueryResult
    {
        try enterOnThread(statement: statement.name)
        defer { gate.leave() }
        defer { recordHealth() }
        let connection = try liveHandle(statement: statement.name)
        let name = try ensurePreparedOnThread(statement, binds, on: connection)
        do {
            return try executePreparedOnThread(statement, name, binds, on: connection)
        } catch let error as RepogenError where error.sqlState == "26000" {
            forgetPrepared(statement, binds)
            let again = try ensurePreparedOnThread(statement, binds, on: connection)
            return try executePreparedOnThread(statement, again, binds, on: connection)
        }
    }

    /// Runs `SELECT 1` on the calling thread; false when the connection does not answer it.
    func validateOnThread() -> Bool {
        guard (try? enterOnThread(statement: nil)) != nil else {
            return false
        }
        defer { gate.leave() }
        defer { recordHealth() }
        guard let connection = try? liveHandle(statement: nil) else {
            return false
        }
        return (try? Self.roundTripOnThread(connection, statement: nil) { PQsendQuery($0, "SELECT 1") }) != nil
    }

    /// Takes the gate without waiting: a pooled connection is leased to this job alone, so it is free unless the
    /// pool is closing it at shutdown; that throws `StaleConnection`, since nothing was sent.
    func enterOnThread(statement: String?) throws {
        guard gate.tryEnter() else {
            let closing = "the connection is closing"
            throw StaleConnection(error: RepogenError(kind: .connectionFailed, message: closing, statement: statement))
        }
    }

    /// `ensurePrepared` on the connection's own thread: the server name of `statement`, preparing it first (and
    /// then deallocating what exceeds the cache's capacity) when this connection does not have it.
    private func ensurePreparedOnThread(
        _ statement: PostgresStatement, _ binds: PostgresBindings, on connection: OpaquePointer
    ) throws -> String {
        let types = PreparedStatementCache.types(statement, binds)
        if let name = preparedStatements.preparedName(statement, types: types) {
            return name
        }
        let name = preparedStatements.admit(statement, types: types)
        do {
            _ = try Self.roundTripOnThread(
                connection, statement: statement.name, send: Self.sendPrepare(statement, name: name, types: types))
        } catch {
            preparedStatements.forget(statement, types: types)
            throw error
        }
        deallocateOverflowOnThread(on: connection)
        return name
    }

    /// `deallocateOverflow` on the connection's own thread (between statements or after a pipeline's sync).
    func deallocateOverflowOnThread(on connection: OpaquePointer) {
        guard let sql = takeOverflowSQL(on: connection) else { return }
        if (try? Self.roundTripOnThread(connection, statement: nil, send: { PQsendQuery($0, sql) })) == nil {
            health.withLock { $0.isAbandoned = true }
        }
    }

    private func executePreparedOnThread(
        _ statement: PostgresStatement, _ name: String, _ binds: PostgresBindings, on connection: OpaquePointer
    ) throws -> PostgresQueryResult {
        try Self.checkBindCount(statement, binds)
        let handle = try Self.roundTripOnThread(
            connection, statement: statement.name, send: Self.sendPrepared(name, binds))
        return PostgresQueryResult(handle: handle, statementName: statement.name)
    }

    /// Sends with `send` and blocks until every result is in; returns the final one or throws it.
    private static func roundTripOnThread(
        _ connection: OpaquePointer, statement: String?, send: (OpaquePointer) -> Int32
    ) throws -> ResultHandle {
        guard send(connection) == 1 else {
            throw libpqFailure(connection, statement: statement)
        }
        var pending = PendingResults()
        awaitBlocking(connection, &pending)
        return try pending.outcome(on: connection, statement: statement)
    }
}
