/// One statement queued for whichever connection comes free, with the continuation of the task awaiting its result.
struct DispatchedStatement {
    let statement: PostgresStatement
    let binds: PostgresBindings
    let site: String
    let continuation: UnsafeContinuation<PostgresQueryResult, any Error>
}

/// The pool could not lease a connection (timeout, closed, cancelled, connect failure): nothing was sent.
struct PoolLeaseFailure: Error {
    let error: any Error
}

/// Single statements outside a unit of work, run where they cost the fewest thread hand-offs.
///
/// A caller alone with the pool (a connection idle, none leased, nobody waiting) runs the statement itself
/// (`PostgresConnection.execute`: it waits for the reply inline, no hand-off at all). Under concurrency the
/// statement joins the pool's queue instead, and the connection that serves it runs it on the connection's own
/// thread, blocking there as a libpq client thread would. A plain read (`PostgresStatement.sharesPipeline`) takes
/// up to `pipelineDepth - 1` plain reads queued right behind it into one pipeline (`executePipelinedOnThread`); a
/// write runs alone, so no statement ever waits inside a pipeline behind a write that waits for a lock. The thread
/// hands out the results, then releases the connection, so the next queued statements go to the same thread, which
/// moves from one group to the next without sleeping while the queue holds any. Leasing the connection to each
/// queued task instead cost two scheduling hops per statement while the connection sat idle, and callers waiting
/// inline held the cooperative threads the queued tasks needed: 16 tasks on a pool of 4 stayed near a third of
/// pgbench with 4 clients (docs/performance.md).
extension ConnectionPool {
    /// Runs `statement` on a pooled connection and returns its result.
    ///
    /// Throws `PoolLeaseFailure` when no connection could be leased, `StaleConnection` when the one leased was
    /// unusable before anything was sent (closed by the server, failed validation, closing), and the statement's
    /// own error otherwise. A connection that fails validation costs the caller one of `resilient`'s immediate
    /// retries, as a connection found closed does; there are never more of them than the pool's `maximum`.
    func execute(_ statement: PostgresStatement, _ binds: PostgresBindings, site: String) async throws
        -> PostgresQueryResult
    {
        let idle: PooledConnection?
        do {
            idle = try leaseAtOnce(site: site, onlyWhenAlone: true)
        } catch {
            throw PoolLeaseFailure(error: error)
        }
        guard let idle else {
            return try await waitInLine { continuation in
                .statement(
                    DispatchedStatement(statement: statement, binds: binds, site: site, continuation: continuation))
            }
        }
        defer { release(idle) }
        return try await idle.connection.execute(statement, binds)
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
    /// and queues, so the release hands it to this thread straight away, often with others in the same pipeline
    /// (measured in docs/performance.md).
    private func serve(_ job: DispatchedStatement, on pooled: PooledConnection) {
        if pooled.needsValidation, !pooled.connection.validateOnThread() {
            release(pooled)
            job.continuation.resume(throwing: StaleConnection(error: Self.failedValidation))
            return
        }
        let mayTakeRiders = job.statement.sharesPipeline && job.binds.byteCount <= Self.riderByteLimit
        let riders = !mayTakeRiders ? [] : locked {
            $0.takeRiders(limit: poolConfiguration.pipelineDepth - 1, byteLimit: Self.riderByteLimit)
        }
        guard !riders.isEmpty else {
            let outcome = Result { try pooled.connection.executeOnThread(job.statement, job.binds) }
            job.continuation.resume(with: outcome)
            release(pooled)  // the next queued statement, if any, is submitted to this thread here
            return
        }
        let jobs = [job] + riders
        let outcomes = pooled.connection.executePipelinedOnThread(jobs.map { ($0.statement, $0.binds) })
        for (queued, outcome) in zip(jobs, outcomes) {
            queued.continuation.resume(with: outcome)
        }
        release(pooled)
    }

    /// A read whose binds exceed this many bytes (say `= ANY($1)` over thousands of keys) is sent alone: reads
    /// queued behind it would wait for all of it to be sent.
    static let riderByteLimit = 8 * 1024

    private static let closedConnection = RepogenError(kind: .connectionFailed, message: "connection is closed")
    private static let failedValidation = RepogenError(
        kind: .connectionFailed, message: "a long-idle connection failed validation")
}
