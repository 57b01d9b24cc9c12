import CLibPQ

/// The entry points that build batches: statements the pool queued, a unit of work's BEGIN, `runBatched`'s chunks,
/// validation.
extension PostgresConnection {
    /// Runs statements the pool queued, on the connection's own thread: one alone, or several reads of different
    /// callers sharing a sync. Throws nothing: each execution gets its own outcome, `StaleConnection` when the
    /// connection is closing (a pooled connection is leased to this job alone, so its gate is free otherwise).
    func executeOnThread(_ executions: [Execution]) -> [Outcome] {
        for _ in executions {
            countStatement()
        }
        if executions.count > 1 {
            pipelinedStatements.withLock { $0 += executions.count }
        }
        guard gate.tryEnter() else {
            let closing = RepogenError(
                kind: .connectionFailed, message: "the connection is closing",
                statement: executions.first?.statement.name)
            return executions.map { _ in .failure(StaleConnection(error: closing)) }
        }
        defer { gate.leave() }
        return runToEnd(.batch(StatementBatch(executions: executions, kind: .independent)))
    }

    /// Whether the connection answers `SELECT 1`, run on the connection's own thread.
    func validateOnThread() -> Bool {
        guard gate.tryEnter() else {
            return false
        }
        defer { gate.leave() }
        return (try? runToEnd(.script("SELECT 1"))[0].get()) != nil
    }

    /// Whether the connection answers `SELECT 1` (`validateOnThread`, from a task).
    func validate() async -> Bool {
        (try? await worker.run { self.validateOnThread() }) ?? false
    }

    /// Runs `executions` as one atomic batch and returns every result, or throws its first failure: a statement
    /// after its prelude, a unit of work's BEGIN alone, its NOTIFY and COMMIT. Counts none of them as a statement;
    /// callers count their own.
    func execute(all executions: [Execution]) async throws -> [PostgresQueryResult] {
        return try await runAwaiting(.batch(StatementBatch(executions: executions, kind: .atomic))).map { try $0.get() }
    }

    /// Rows per execution of `runBatched`; inputs of fewer than twice this many go as one execution. Chunks let the
    /// server start on the first rows while the rest are still being sent (figures in docs/performance.md).
    static let pipelineChunkRows = 2_500

    /// The input ranges to execute separately: one range unless there are at least two full chunks.
    static func pipelineChunks(count: Int, chunkRows: Int = pipelineChunkRows) -> [Range<Int>] {
        guard count >= 2 * chunkRows else {
            return [0..<count]
        }
        let chunks = (count + chunkRows - 1) / chunkRows
        return (0..<chunks).map { index in (index * count / chunks)..<((index + 1) * count / chunks) }
    }

    /// Runs `statement` once per chunk of `inputs` as one atomic batch and returns all rows in input order: outside
    /// a transaction the chunks share the batch's implicit transaction, so a failing chunk leaves no row of the
    /// others. `prelude` (a tenant's `set_config`, a unit of work's BEGIN) goes first in the same batch.
    func executeBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row, prelude: [Execution] = []
    ) async throws -> [Row] {
        countStatement()
        let executions = Self.pipelineChunks(count: inputs.count).map { range in
            Execution(statement: statement, binds: binds(inputs[range]))
        }
        let outcomes = await runAwaiting(.batch(StatementBatch(executions: prelude + executions, kind: .atomic)))
        return try outcomes.map { try $0.get() }.dropFirst(prelude.count).flatMap { try $0.decodeRows(decode) }
    }
}
