import Logging

/// One attempt's failure, and whether its work may have reached the server.
struct AttemptFailure: Error {
    let error: any Error
    let sent: Bool
}

/// Retries with backoff, the circuit breaker, and unknown outcomes.
extension Database {
    /// The circuit breaker's state now.
    public var circuitBreakerState: CircuitBreakerState {
        breaker.state
    }

    /// The pool's connections and waiters now.
    public func poolFigures() async -> PoolFigures {
        pool.figures
    }

    /// Count and p50/p95/p99 durations of every statement run through this database (and `transaction`).
    public func statementStatistics() -> [StatementStatistics] {
        observer.statistics.snapshot()
    }

    /// The metrics this database reports; the cache layer counts its hits and misses here.
    public var metrics: RepositoryMetrics {
        observer.metrics
    }

    /// Runs `body` on a leased connection under the breaker, retrying transient failures with backoff.
    ///
    /// Failures before anything was sent are always retryable; after sending, only when `retryAfterSending`.
    /// A connection lost after sending becomes `commitOutcomeUnknown` when `unknownOutcomeOnLoss`. `body` runs
    /// in the caller's isolation, once per attempt.
    func resilient<T>(
        site: String, retryAfterSending: Bool, unknownOutcomeOnLoss: Bool,
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await retrying(
            site: site, retryAfterSending: retryAfterSending, unknownOutcomeOnLoss: unknownOutcomeOnLoss
        ) {
            try await attemptOnce(site: site, body)
        }
    }

    /// Runs one statement on a pooled connection (`ConnectionPool.execute`) under the breaker, retrying as
    /// `resilient` does; a queued statement runs on its connection's thread, not the caller's.
    func resilientStatement(
        _ statement: PostgresStatement, _ binds: PostgresBindings, retryAfterSending: Bool, unknownOutcomeOnLoss: Bool
    ) async throws -> PostgresQueryResult {
        let site = statement.name
        return try await retrying(
            site: site, retryAfterSending: retryAfterSending, unknownOutcomeOnLoss: unknownOutcomeOnLoss
        ) {
            do {
                return (try await pool.execute(statement, binds, site: site), reachedServer: true)
            } catch let failure as PoolLeaseFailure {
                throw AttemptFailure(error: failure.error, sent: false)
            } catch let stale as StaleConnection {
                throw AttemptFailure(error: stale, sent: false)
            } catch {
                throw AttemptFailure(error: error, sent: true)
            }
        }
    }

    /// The loop of `resilient`: `attemptOnce` throws `AttemptFailure`, which is retried or becomes the final error.
    /// A success counts for the breaker only when it reached the server (a unit of work may send nothing at all).
    private func retrying<T>(
        site: String, retryAfterSending: Bool, unknownOutcomeOnLoss: Bool,
        isolation: isolated (any Actor)? = #isolation, _ attemptOnce: () async throws -> (T, reachedServer: Bool)
    ) async throws -> T {
        var attempt = 1
        var staleRetries = 0
        while true {
            let probe = try admit()
            do {
                let (value, reachedServer) = try await attemptOnce()
                breaker.record(reachedServer ? .reachedServer : .inconclusive, probe: probe)
                return value
            } catch let failure as AttemptFailure {
                breaker.record(Self.outcome(of: failure), probe: probe)
                if failure.error is StaleConnection, staleRetries < poolConfiguration.maximum {
                    staleRetries += 1  // nothing was sent: try another connection at once
                    continue
                }
                let reason = Self.retryReason(failure, retryAfterSending: retryAfterSending)
                guard let reason, attempt < options.retry.maximumAttempts else {
                    throw Self.finalError(failure, unknownOutcomeOnLoss: unknownOutcomeOnLoss)
                }
                try await backOff(after: attempt, reason: reason, site: site, error: failure.error)
                attempt += 1
            }
        }
    }

    /// Asks the breaker for a call; a refusal is counted where the call's other failures are (`QueryObserver`,
    /// `runScript`), once.
    private func admit() throws -> Bool {
        try breaker.admit()
    }

    private func backOff(after attempt: Int, reason: String, site: String, error: any Error) async throws {
        let delay = options.retry.backoff(beforeRetry: attempt, randomFraction: .random(in: 0...1))
        observer.metrics.recordRetry(reason: reason)
        options.logger.debug(
            "retrying after a transient failure",
            metadata: [
                "site": "\(site)", "attempt": "\(attempt + 1)", "reason": "\(reason)",
                "delay_ms": "\(QueryObserver.milliseconds(delay))", "error": "\(Self.unwrap(error))",
            ])
        try await Task.sleep(for: delay)
    }

    /// One lease and run, and whether it sent anything; every failure comes out as `AttemptFailure` (a stale
    /// connection keeps its own type).
    private func attemptOnce<T>(
        site: String, isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> (T, reachedServer: Bool) {
        var leased = false
        do {
            return try await pool.withLease(site: site) { connection in
                leased = true
                let sentBefore = connection.batchesSent.current
                let value = try await body(connection)
                return (value, reachedServer: connection.batchesSent.current != sentBefore)
            }
        } catch let stale as StaleConnection {
            throw AttemptFailure(error: stale, sent: false)
        } catch {
            throw AttemptFailure(error: error, sent: leased)  // a failed lease sent nothing
        }
    }

    static func unwrap(_ error: any Error) -> any Error {
        (error as? StaleConnection)?.error ?? error
    }

    /// What a failed attempt tells the breaker.
    static func outcome(of failure: AttemptFailure) -> CircuitBreaker.Outcome {
        if failure.error is StaleConnection {
            return .inconclusive
        }
        guard let error = failure.error as? RepogenError else {
            return failure.sent ? .reachedServer : .inconclusive
        }
        if error.isConnectionLoss {
            return .connectionLost
        }
        return failure.sent || error.sqlState != nil ? .reachedServer : .inconclusive
    }

    /// Why a failure may be retried (`serialization`, `deadlock`, `connection`), or nil when it may not.
    static func retryReason(_ failure: AttemptFailure, retryAfterSending: Bool) -> String? {
        guard let error = unwrap(failure.error) as? RepogenError else {
            return nil
        }
        if error.isSerializationFailure {
            return "serialization"
        }
        if error.isDeadlock {
            return "deadlock"
        }
        if error.isConnectionLoss, !failure.sent || retryAfterSending {
            return "connection"
        }
        return nil
    }

    /// The error the caller sees once retrying stops.
    static func finalError(_ failure: AttemptFailure, unknownOutcomeOnLoss: Bool) -> any Error {
        let error = unwrap(failure.error)
        if failure.sent, unknownOutcomeOnLoss, let error = error as? RepogenError, error.isConnectionLoss {
            return RepogenError.commitOutcomeUnknown(cause: error)
        }
        return error
    }
}
