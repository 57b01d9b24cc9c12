extension Database {
    /// Opens a database whose reads outside a transaction go to `replicas` when one has replayed every write they
    /// must see, and to the primary otherwise; writes and transactions always go to the primary.
    ///
    /// Read-your-writes: every write of this `Database` (or of the current `ReadYourWrites.scope`) is waited for,
    /// by the policy in `replicas.readYourWrites`. A replica that is down, fails a read, or lags more than
    /// `maximumLag` is skipped (each replica has its own pool and breaker) and used again once the monitor finds
    /// it healthy. Only statements declared read-only (`PostgresStatement.isReadOnly`) are routed.
    ///
    /// ```swift
    /// let db = try await Database.connect(
    ///     try DatabaseConfiguration(url: "postgres://app@primary/quotes"),
    ///     replicas: ReplicaConfiguration([try DatabaseConfiguration(url: "postgres://app@replica-1/quotes")]))
    /// ```
    public static func connect(
        _ primary: DatabaseConfiguration, replicas: ReplicaConfiguration, pool: PoolConfiguration = .init(),
        options: DatabaseOptions = .init()
    ) async throws -> Database {
        try replicas.pool.validate()
        let replicaSet = ReplicaSet(replicas, options: options)
        do {
            let database = try await connect(primary, pool: pool, options: options, replicaSet: replicaSet)
            await replicaSet.poll(primary: database)
            replicaSet.startMonitor(primary: database)
            return database
        } catch {
            await replicaSet.close()
            throw error
        }
    }

    /// What the monitor last knew of each replica: replayed position, lag, and whether reads may go to it.
    public var replicaStates: [(name: String, replayed: LogSequenceNumber?, lag: Duration, healthy: Bool)] {
        guard let replicaSet else { return [] }
        return zip(replicaSet.replicas, replicaSet.snapshot).map { ($0.name, $1.replayed, $1.lag, $1.healthy) }
    }

    /// Records a write (or a unit of work, or a write whose outcome is unknown) for read-your-writes.
    func noteWrite() {
        guard let replicaSet else { return }
        replicaSet.writes.noteWrite()
        ReadYourWrites.current?.token(for: self).noteWrite()
    }

    /// Runs a read-only statement on a replica that may serve it; nil sends it to the primary.
    func readOnReplica(
        _ statement: PostgresStatement, _ binds: PostgresBindings, tenant: String?
    ) async throws -> PostgresQueryResult? {
        guard let replicaSet, statement.isReadOnly, !ReplicaRouting.primaryOnly else { return nil }
        let required: LogSequenceNumber?
        switch await requiredPosition(replicaSet) {
        case .nothingWritten: required = nil
        case .atLeast(let position): required = position
        case .unknown:
            replicaSet.metrics.record(.notReplayed)
            return nil
        }
        let (chosen, route) = await replicaSet.choose(requiring: required)
        guard let replica = chosen else {
            replicaSet.metrics.record(route)
            return nil
        }
        do {
            let result = try await replica.database.read(statement, binds, tenant: tenant)
            replicaSet.metrics.record(.replayed)
            return result
        } catch let error as RepogenError where ReplicaSet.isReplicaFault(error) {
            replicaSet.markFailed(replica)
            replicaSet.metrics.record(.replicaFailed)
            return nil
        }
    }

    /// What a read must see before a replica may serve it.
    private enum RequiredPosition {
        /// Nothing was written in the read's scope: any healthy replica will do.
        case nothingWritten
        /// The primary's WAL insert position after the scope's last write.
        case atLeast(LogSequenceNumber)
        /// The position could not be learnt (the primary does not answer): the read goes there and meets the same
        /// failure.
        case unknown
    }

    /// The position a read in the current scope must see.
    private func requiredPosition(_ replicaSet: ReplicaSet) async -> RequiredPosition {
        let token = ReadYourWrites.current?.token(for: self) ?? replicaSet.writes
        switch token.requirement {
        case .none: return .nothingWritten
        case .position(let position): return .atLeast(position)
        case .unresolved(let writes):
            guard let position = try? await walInsertPosition() else { return .unknown }
            token.resolve(writes: writes, at: position)
            return .atLeast(position)
        }
    }

    /// Runs a routed read here, on a replica's own pool: no retry (the primary is the fallback), not observed
    /// again (the primary's `run` already observes it).
    private func read(
        _ statement: PostgresStatement, _ binds: PostgresBindings, tenant: String?
    ) async throws -> PostgresQueryResult {
        guard let tenant else {
            return try await resilientStatement(statement, binds, retryAfterSending: false, unknownOutcomeOnLoss: false)
        }
        return try await resilient(site: statement.name, retryAfterSending: false, unknownOutcomeOnLoss: false) {
            try await $0.execute(statement, binds, prelude: TenantContext.setting(tenant))
        }
    }

    /// The primary's current WAL insert position (past every commit that returned before this call).
    func walInsertPosition() async throws -> LogSequenceNumber {
        try await position(WALPositionSQL.primaryInsert)
    }

    /// A standby's replayed position; throws when this server is not replaying (down, or promoted).
    func replayedPosition() async throws -> LogSequenceNumber {
        try await position(WALPositionSQL.replayed)
    }

    private func position(_ statement: PostgresStatement) async throws -> LogSequenceNumber {
        let result = try await resilientStatement(
            statement, PostgresBindings(), retryAfterSending: true, unknownOutcomeOnLoss: false)
        guard let text = try result.decodeFirst({ try $0.decodeIfPresent(String.self, at: 0) }) ?? nil,
            let position = LogSequenceNumber(text)
        else {
            throw RepogenError(kind: .unexpectedNull, message: "\(statement.name): no WAL position (not a standby?)")
        }
        return position
    }
}
