import CLibPQ

/// Preparing statements through the connection's `PreparedStatementCache`, and deallocating what it evicts.
extension PostgresConnection {
    /// The server name of `statement`, preparing it first (and then deallocating what exceeds the cache's
    /// capacity) when this connection does not have it.
    func ensurePrepared(_ statement: PostgresStatement, _ binds: PostgresBindings, on connection: OpaquePointer)
        async throws -> String
    {
        let types = PreparedStatementCache.types(statement, binds)
        if let name = preparedStatements.preparedName(statement, types: types) {
            return name
        }
        let name = preparedStatements.admit(statement, types: types)
        let offload = statement.sql.utf8.count > Self.inlineSendLimit
        do {
            _ = try await roundTrip(
                connection, statement: statement.name, offloadSend: offload,
                send: Self.sendPrepare(statement, name: name, types: types))
        } catch {
            preparedStatements.forget(statement, types: types)
            throw error
        }
        await deallocateOverflow(on: connection)
        return name
    }

    /// Deallocates the statements beyond the cache's capacity, in one round trip; nothing is in flight here. A
    /// connection whose DEALLOCATE fails is not reused, so the server's statements stay bounded.
    func deallocateOverflow(on connection: OpaquePointer) async {
        guard let sql = takeOverflowSQL(on: connection) else { return }
        do {
            _ = try await roundTrip(connection, statement: nil, offloadSend: false) { PQsendQuery($0, sql) }
        } catch {
            health.withLock { $0.isAbandoned = true }
        }
    }

    /// The DEALLOCATE text for the cache's overflow, or nil when there is none or the transaction has failed (a
    /// DEALLOCATE would be refused there; the overflow waits for the next statement).
    func takeOverflowSQL(on connection: OpaquePointer) -> String? {
        guard preparedStatements.count > preparedStatements.capacity,
            PQtransactionStatus(connection) != PQTRANS_INERROR
        else {
            return nil
        }
        let names = preparedStatements.takeOverflow()
        return names.isEmpty ? nil : PreparedStatementCache.deallocateSQL(names)
    }

    /// Forgets `statement` with the types of `binds` (the server no longer has it, or its PREPARE failed).
    func forgetPrepared(_ statement: PostgresStatement, _ binds: PostgresBindings) {
        preparedStatements.forget(statement, types: PreparedStatementCache.types(statement, binds))
    }
}
