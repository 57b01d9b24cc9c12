/// COMMIT, with the one failure that must never be retried told apart.
extension Transaction {
    /// Sends COMMIT and returns its status tag; a unit of work that never sent BEGIN has nothing to commit.
    ///
    /// A connection found closed before COMMIT was sent means the server rolled back: a plain connection error,
    /// safe to retry. A connection lost while COMMIT was in flight throws `commitOutcomeUnknown`.
    func commit() async throws -> String {
        guard hasBegun else {
            return "COMMIT"
        }
        do {
            return try await connection.executeScript("COMMIT", counted: false)
        } catch let stale as StaleConnection {
            var error = stale.error
            error.statement = "COMMIT"
            throw error
        } catch let error as RepogenError where error.isConnectionLoss {
            var cause = error
            cause.statement = "COMMIT"
            throw RepogenError.commitOutcomeUnknown(cause: cause)
        } catch var error as RepogenError {
            error.statement = error.statement ?? "COMMIT"
            throw error
        }
    }
}
