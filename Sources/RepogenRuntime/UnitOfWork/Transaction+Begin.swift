/// BEGIN without a round trip of its own: a unit of work's BEGIN (and its tenant's `set_config`) goes at the head
/// of the batch of its first statement.
///
/// Invariant: nothing of the unit of work reaches the server ahead of BEGIN. The statement that carries it holds the
/// state at `.inFlight` until its batch is done; statements started meanwhile (`async let` on one transaction) wait
/// for that, then go as they would have. BEGIN counts as sent once the connection is inside a transaction after that
/// batch; if it is not (nothing was sent), BEGIN is pending again and the next statement carries it. SQL text and a
/// SAVEPOINT cannot share a pipeline: BEGIN goes alone before them.
extension Transaction {
    /// Where a unit of work's BEGIN is.
    enum BeginState {
        /// Not sent: the statements that begin the unit of work.
        case pending([Execution])
        /// In the batch of a statement now running; the statements waiting for that batch to finish.
        case inFlight([CheckedContinuation<Void, Never>])
        /// Sent: the connection is inside the transaction (or was lost after sending it).
        case sent
        /// Never sent, and never to be: the unit of work has ended without a statement, its connection is going
        /// back to the pool. A statement racing the end (a `Transaction` kept past its closure) fails here.
        case ended
    }

    /// BEGIN with `options`, as an execution of a batch (the extended protocol runs transaction control too).
    static func beginExecution(_ options: TransactionOptions) -> Execution {
        Execution(statement: .unnamed(name: "repogen_begin", sql: options.beginStatement), binds: PostgresBindings())
    }

    /// Marks the unit of work over once it has committed or rolled back: a statement racing the end fails.
    func closeBegin() {
        begin.withLock { $0 = .ended }
    }

    /// Ends a unit of work whose BEGIN is still pending, so nothing can begin it later; true when it had sent
    /// nothing (there is then nothing to commit or roll back).
    func endUnbegun() -> Bool {
        begin.withLock { state in
            guard case .pending = state else {
                return false
            }
            state = .ended
            return true
        }
    }

    /// Runs `send` with the executions to put ahead of the caller's own: BEGIN's when they are still pending, none
    /// otherwise (after waiting for the batch that carries them, if one is running).
    func withBegin<T>(_ send: ([Execution]) async throws -> T) async throws -> T {
        let carried = if case .sent = begin.current { [Execution]() } else { try await claimBegin() }
        guard !carried.isEmpty else {
            return try await send([])
        }
        defer { finishBegin(carried) }
        return try await send(carried)
    }

    /// Sends a pending BEGIN alone, before SQL text or a SAVEPOINT, which cannot share its batch.
    func sendBegin() async throws {
        try await withBegin { carried in
            guard !carried.isEmpty else {
                return
            }
            do {
                _ = try await connection.execute(all: carried)
            } catch let stale as StaleConnection {
                throw stale.error
            }
        }
    }

    /// BEGIN's executions when the caller is to carry them; none once sent, after waiting for a batch in flight.
    private func claimBegin() async throws -> [Execution] {
        while true {
            let claim: [Execution]? = try begin.withLock { state in
                switch state {
                case .pending(let executions):
                    state = .inFlight([])
                    return executions
                case .inFlight:
                    return nil
                case .sent:
                    return []
                case .ended:
                    throw Self.ended(statement: nil)
                }
            }
            if let claim {
                return claim
            }
            await waitForBegin()
        }
    }

    /// Suspends until the batch carrying BEGIN is done.
    private func waitForBegin() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow: Bool = begin.withLock { state in
                guard case .inFlight(let waiters) = state else {
                    return true
                }
                state = .inFlight(waiters + [continuation])
                return false
            }
            if resumeNow {
                continuation.resume()
            }
        }
    }

    /// Marks BEGIN sent, or pending again when the batch left the connection outside a transaction (it never
    /// reached the server), and lets the statements that waited for the batch claim it anew.
    private func finishBegin(_ carried: [Execution]) {
        let begun = connection.isInTransaction
        let waiters: [CheckedContinuation<Void, Never>] = begin.withLock { state in
            defer { state = begun ? .sent : .pending(carried) }
            if case .inFlight(let waiters) = state { return waiters }
            return []
        }
        waiters.forEach { $0.resume() }
    }
}
