import Logging

/// The pool's background work and its end: `run()` owns every task the pool needs besides its callers', in one task
/// group, and `close` or `shutdown` end it.
extension ConnectionPool {
    /// Work `run()` does in its task group.
    enum BackgroundJob: Sendable {
        case open
        case close(PostgresConnection)
        /// Sleep until this instant of the pool's clock, then send the state machine `wakeUp(now:)`.
        case wakeUp(at: Duration)
    }

    /// Runs the pool's background work until the pool is closed, or until the calling task is cancelled: opens
    /// connections for waiters and the minimum, closes connections, and wakes the state machine for acquire
    /// deadlines and housekeeping. Each job is a child task of one task group, so when `run()` returns nothing
    /// the pool started is still running.
    func run() async {
        update { $0.state.startHousekeeping(now: clock.now) }
        await withDiscardingTaskGroup { group in
            for await job in backgroundJobs {
                switch job {
                case .open:
                    group.addTask { await self.openPooledConnection() }
                case .close(let connection):
                    group.addTask { await connection.close() }
                case .wakeUp(let instant):
                    group.addTask {
                        guard (try? await self.clock.sleep(until: instant)) != nil else { return }
                        self.update { $0.state.wakeUp(now: self.clock.now) }
                    }
                }
            }
            group.cancelAll()  // pending wake-ups; opening and closing connections finish regardless
        }
    }

    /// Starts `run()` in a task the pool owns, for callers that run no service group of their own
    /// (`Database.connect`); it ends when the pool closes or `stopRunning` cancels it.
    ///
    /// The task holds the pool strongly: a weak reference gives the pool a side table, and then every retain and
    /// release of it (a pair per statement) takes the runtime's slow path.
    func startRunning() {
        core.withLock { core in
            guard core.runner == nil else { return }
            core.runner = Task { await self.run() }
        }
    }

    /// Cancels the task `startRunning` started, so that it lets go of the pool (`Database`'s deinit).
    func stopRunning() {
        core.withLock { $0.runner?.cancel() }
    }

    /// Closes idle connections and fails waiters with `poolClosed`; leased connections close on release.
    func close() async {
        await closeIdle()
        backgroundQueue.finish()
    }

    /// Closes the pool, waits up to `gracePeriod` for leases to come back, then closes what is still leased.
    ///
    /// Returns whether every lease came back in time.
    func shutdown(gracePeriod: Duration) async -> Bool {
        await closeIdle()
        let deadline = clock.now + gracePeriod
        while !core.withLock({ $0.state.leased.isEmpty }), clock.now < deadline {
            try? await clock.sleep(until: min(deadline, clock.now + .milliseconds(10)))
        }
        let stragglers = core.withLock { core in
            core.state.leased.compactMap { core.connections.removeValue(forKey: $0) }
        }
        for connection in stragglers {
            logger.warning("closing a connection still leased at shutdown")
            backgroundQueue.yield(.close(connection))  // closes once its statement in flight ends
        }
        backgroundQueue.finish()
        return stragglers.isEmpty
    }

    /// Stops lending: fails every waiter, then closes the idle connections, waiting for them to close.
    private func closeIdle() async {
        for effect in locked({ core in core.apply(core.state.close(), errors: error(for:)) }) {
            if case .background(.close(let connection)) = effect {
                await connection.close()  // `PoolStateMachine.close()` lists these after every failure
            } else {
                perform([effect])
            }
        }
    }

    /// Runs a state-machine event under the lock, then its effects outside it.
    func update(_ event: (inout PoolCore) -> [PoolStateMachine.Action]) {
        perform(locked { core in core.apply(event(&core), errors: error(for:)) })
    }

    /// Runs `body` under the lock, then publishes the figures it left once the lock is let go: a metrics backend
    /// never runs under the pool's lock (a slow one would stall every lease; one that read the pool would deadlock).
    func locked<T>(_ body: (inout PoolCore) -> T) -> T {
        let (value, figures) = core.withLock { core in
            let value = body(&core)
            return (value, metrics == nil ? nil : core.state.figures)
        }
        if let figures { metrics?.recordPool(figures) }
        return value
    }

    /// Runs effects outside the lock. Once `run()` has ended a connection to close is let go instead: its deinit
    /// finishes it on its own thread.
    func perform(_ effects: [PoolCore.Effect]) {
        for effect in effects {
            switch effect {
            case .grant(.lease(let continuation), let result):
                continuation.resume(with: result)
            case .grant(.statement(let job), let result):
                dispatch(job, to: result)
            case .background(let job):
                if case .close(let connection) = job {
                    logger.debug("closing pooled connection", metadata: ["broken": "\(connection.isBroken)"])
                }
                backgroundQueue.yield(job)
            case .reportLeak(let site, let heldFor):
                logger.warning(
                    "a connection has been leased for longer than the leak detection threshold",
                    metadata: ["lease_site": "\(site)", "held_ms": "\(QueryObserver.milliseconds(heldFor))"])
            }
        }
    }

    private func openPooledConnection() async {
        do {
            adopt(try await openConnection(), opened: true)
        } catch {
            logger.debug("opening a pooled connection failed", metadata: ["error": "\(error)"])
            update { core in
                core.lastConnectError = error
                return core.state.connectionFailedToOpen(now: clock.now)
            }
        }
    }

    func lifetimeFraction() -> Double {
        1 - Double.random(in: 0...poolConfiguration.lifetimeJitter)
    }

    /// The error a waiter gets for `failure` (`PoolCore` substitutes the last connect error when it has one).
    func error(for failure: PoolStateMachine.Failure) -> any Error {
        switch failure {
        case .timedOut:
            RepogenError(
                kind: .poolTimeout, message: "no connection available within \(poolConfiguration.acquireTimeout)")
        case .cancelled:
            CancellationError()
        case .poolClosed:
            RepogenError(kind: .poolClosed, message: "the database pool is closed")
        case .connectFailed:
            RepogenError(kind: .connectionFailed, message: "could not open a connection")
        }
    }
}
