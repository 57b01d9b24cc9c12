/// One statement queued for whichever connection comes free, with the continuation of the task awaiting its result.
struct DispatchedStatement {
    let statement: PostgresStatement
    let binds: PostgresBindings
    let site: String
    let continuation: UnsafeContinuation<PostgresQueryResult, any Error>
}

extension PoolStateMachine.Want {
    /// What a statement queues for, as the state machine sees it.
    init(_ statement: PostgresStatement, _ binds: PostgresBindings) {
        self = .statement(sharesPipeline: statement.isReadOnly, bindBytes: binds.bytes.count)
    }
}

/// The pool could not lease a connection (timeout, closed, cancelled, connect failure): nothing was sent.
struct PoolLeaseFailure: Error {
    let error: any Error
}

/// Single statements outside a unit of work, run where they cost the fewest thread hand-offs.
///
/// While few tasks run statements (no more than the cores, `RecentCallers`), a caller that finds a connection idle
/// and nobody waiting runs the statement itself and waits for the reply inline, as a libpq client thread would. With
/// more tasks the statement queues, and the connection that serves it runs it on its own thread, blocking there as a
/// libpq client thread would, in one pipeline with the riders the state machine picks (`PoolStateMachine.takeRiders`).
extension ConnectionPool {
    /// How many statements run inline between two yields of their tasks. A task whose statements all run inline
    /// never suspends, so without a yield it would keep its thread of the cooperative pool, and tasks that are
    /// ready but not running would neither run nor be counted by `RecentCallers`; a yield that returns late tells
    /// that such tasks were waiting (`yieldNotingContention`).
    static let inlineRunsBetweenYields = 16

    /// Runs `statement` on a pooled connection and returns its result.
    ///
    /// Throws `PoolLeaseFailure` when no connection could be leased, `StaleConnection` when the one leased was
    /// unusable before anything was sent (closed by the server, failed validation, closing), and the statement's
    /// own error otherwise. A connection that fails validation costs the caller one of `resilient`'s immediate
    /// retries, as a connection found closed does; there are never more of them than the pool's `maximum`.
    func execute(_ statement: PostgresStatement, _ binds: PostgresBindings, site: String) async throws
        -> PostgresQueryResult
    {
        let task = withUnsafeCurrentTask { $0?.hashValue ?? 0 }
        let idle = try Result { try leaseAtOnce(site: site, inlineCaller: task) }.mapError(PoolLeaseFailure.init).get()
        guard let idle else {
            queuedStatements.add(1, ordering: .relaxed)
            return try await waitInLine(wanting: .init(statement, binds)) { continuation in
                .statement(
                    DispatchedStatement(statement: statement, binds: binds, site: site, continuation: continuation))
            }
        }
        let result: PostgresQueryResult
        do {  // released before the yield: the connection is never held by a task that is off its thread
            defer { release(idle) }
            result = try await idle.connection.execute(statement, binds)
        }
        if inlineRuns.add(1, ordering: .relaxed).newValue % Self.inlineRunsBetweenYields == 0 {
            await yieldNotingContention()
        }
        return result
    }

    /// Yields the task's thread; when the task got it back later than an inline wait may hold a thread, other tasks
    /// were ready and waiting for one, so the threads are taken (busy elsewhere, or fewer than the cores) and
    /// statements queue for a while (`RecentCallers.crowd`) rather than hold a thread while others wait for it.
    private func yieldNotingContention() async {
        let before = clock.now
        await Task.yield()
        let now = clock.now
        // With no inline wait no thread is held, so there is nothing to stop.
        if poolConfiguration.inlineWait > .zero, now - before > poolConfiguration.inlineWait {
            locked { $0.state.cooperativeThreadsTaken(now: now) }
        }
    }

    /// Sends a granted statement to its connection's thread, or fails it with the pool's error.
    func dispatch(_ job: DispatchedStatement, to grant: Result<PooledConnection, any Error>) {
        switch grant {
        case .success(let pooled):
            let accepted = pooled.connection.worker.submit { self.serve(job, on: pooled) }
            if !accepted {
                release(pooled)
                job.continuation.resume(throwing: StaleConnection(error: Self.closedConnection))
            }
        case .failure(let error):
            job.continuation.resume(throwing: PoolLeaseFailure(error: error))
        }
    }

    /// Runs the statement on the connection's thread, with the statements queued behind it that fit in one
    /// pipeline, gives each result to its task, then the connection back to the pool.
    ///
    /// Results go out first: a task that runs its next statement at once then finds the connection still leased
    /// and queues, so the release hands it to this thread straight away, often with others in the same pipeline.
    private func serve(_ job: DispatchedStatement, on pooled: PooledConnection) {
        if pooled.needsValidation, !pooled.connection.validateOnThread() {
            release(pooled, discard: true)
            job.continuation.resume(throwing: StaleConnection(error: Self.failedValidation))
            return
        }
        let leader = PoolStateMachine.Want(job.statement, job.binds)
        let riders = limits.mayLead(leader) ? locked { $0.takeRiders(joining: leader) } : []
        let pipeline = [job] + riders
        let executions = pipeline.map { Execution(statement: $0.statement, binds: $0.binds) }
        let outcomes = pooled.connection.executeOnThread(executions)
        for (queued, outcome) in zip(pipeline, outcomes) {
            queued.continuation.resume(with: outcome)
        }
        release(pooled)  // the next queued statement, if any, is submitted to this thread here
    }

    private static let closedConnection = RepogenError(kind: .connectionFailed, message: "connection is closed")
    private static let failedValidation = RepogenError(
        kind: .connectionFailed, message: "a long-idle connection failed validation")
}
