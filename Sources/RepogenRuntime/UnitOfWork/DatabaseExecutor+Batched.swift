/// `runBatched` on the executors of this module: large inputs go as one libpq pipeline of several executions
/// (`PostgresConnection+EntryPoints.swift`), which PostgreSQL runs in one implicit transaction outside a unit of work.
extension PostgresConnection {
    /// Runs `statement` over chunks of `inputs` in one pipeline and returns the decoded rows in input order.
    public func runBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        do {
            return try await executeBatched(statement, inputs, binds: binds, decode: decode)
        } catch let stale as StaleConnection {
            throw stale.error
        }
    }
}

extension Database {
    /// Runs `statement` over chunks of `inputs` in one pipeline on a pooled connection, reported like `run`.
    ///
    /// A write whose connection is lost mid-pipeline throws `commitOutcomeUnknown`; with a tenant its `set_config`
    /// goes first in the same batch, as for `run`.
    public func runBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        let readOnly = statement.isReadOnly
        let tenant = TenantContext.current
        defer { if !readOnly { noteWrite() } }
        return try await observer.observe(
            statement.name, statement.labels, sql: statement.sql, rows: { $0.count }
        ) {
            try await resilient(site: statement.name, retryAfterSending: readOnly, unknownOutcomeOnLoss: !readOnly) {
                try await $0.executeBatched(statement, inputs, binds: binds, decode: decode, prelude: TenantContext.setting(tenant))
            }
        }
    }
}

extension Transaction {
    /// Runs `statement` over chunks of `inputs` in one pipeline inside this unit of work, reported like `run`.
    public func runBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        try ensureOpen(statement: statement.name)
        noteCacheEffect(readOnly: statement.isReadOnly)
        guard let observer else {
            return try await executeBatched(statement, inputs, binds: binds, decode: decode)
        }
        return try await observer.observe(
            statement.name, statement.labels, sql: statement.sql, rows: { $0.count }
        ) {
            try await executeBatched(statement, inputs, binds: binds, decode: decode)
        }
    }

    /// The chunks in one pipeline on this unit of work's connection, after its BEGIN if that is still pending.
    private func executeBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        do {
            return try await withBegin { begin in
                try await connection.executeBatched(statement, inputs, binds: binds, decode: decode, prelude: begin)
            }
        } catch let stale as StaleConnection {
            throw stale.error
        }
    }
}

extension UncachedExecutor {
    /// Runs `statement` over chunks of `inputs` on the database, as `Database.runBatched` does.
    func runBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        try await database.runBatched(statement, inputs, binds: binds, decode: decode)
    }
}
