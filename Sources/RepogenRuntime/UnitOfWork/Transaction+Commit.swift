/// COMMIT, with the one failure that must never be retried told apart.
extension Transaction {
    /// COMMIT as an execution of a batch, so what must run just before it (the cache's NOTIFY) shares its round trip.
    static let commitExecution = Execution(
        statement: .unnamed(name: "repogen_commit", sql: "COMMIT"), binds: PostgresBindings())

    /// Sends `before` and COMMIT in one batch (after BEGIN, if that is still pending) and returns COMMIT's status
    /// tag; a unit of work that sent nothing and has nothing to send commits nothing.
    ///
    /// A connection found closed before COMMIT was sent means the server rolled back: a plain connection error,
    /// safe to retry. A connection lost while COMMIT was in flight throws `commitOutcomeUnknown`.
    func commit(after before: [Execution] = []) async throws -> String {
        guard !before.isEmpty || !endUnbegun() else {
            return "COMMIT"
        }
        do {
            let results = try await withBegin { begin in
                try await connection.execute(all: begin + before + [Self.commitExecution])
            }
            return results[results.count - 1].commandStatus
        } catch let stale as StaleConnection {
            var error = stale.error
            error.statement = "COMMIT"
            throw error
        } catch let error as RepogenError where error.isConnectionLoss {
            var cause = error
            cause.statement = "COMMIT"
            throw RepogenError.commitOutcomeUnknown(cause: cause)
        } catch var error as RepogenError {
            if error.statement == nil || error.statement == Self.commitExecution.statement.name {
                error.statement = "COMMIT"  // e.g. a deferred constraint, checked at COMMIT
            }
            throw error
        }
    }
}
