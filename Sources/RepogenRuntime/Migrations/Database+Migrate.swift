extension Database {
    /// Applies the pending migrations in version order and returns them.
    ///
    /// Holds a session advisory lock, so concurrent runners apply each migration exactly once. Each migration runs
    /// in one transaction together with its `schema_migrations` row, except steps marked `-- repogen:no-transaction`,
    /// which run alone; a migration stopped in such a step resumes there. Throws `migrationFailed` naming the
    /// migration, step, statement and SQLSTATE, or when an applied migration's checksum changed.
    /// ```swift
    /// let applied = try await db.migrate(QuoteMasterSchema.migrations, options: .init(progress: { print($0) }))
    /// ```
    @discardableResult
    public func migrate(_ migrations: [Migration], options: MigrationOptions = MigrationOptions()) async throws
        -> [Migration]
    {
        try MigrationSQL.checkUniqueVersions(migrations)
        return try await withMigrationLock(options) { runner in try await runner.applyPending(migrations) }
    }

    /// Reverts the `count` most recently applied migrations, newest first, with their down SQL; returns them.
    ///
    /// Refuses a migration that is not among `migrations`, has no down SQL, is marked irreversible, was edited
    /// after it was applied, or is only partly applied.
    /// ```swift
    /// try await db.revertMigrations(AppSchema.migrations, count: 1)
    /// ```
    @discardableResult
    public func revertMigrations(
        _ migrations: [Migration], count: Int = 1, options: MigrationOptions = MigrationOptions()
    ) async throws -> [Migration] {
        try MigrationSQL.checkUniqueVersions(migrations)
        return try await withMigrationLock(options) { runner in try await runner.revertLatest(count, of: migrations) }
    }

    /// The state of every migration given and of every recorded one, in version order, without changing anything.
    public func migrationStatus(_ migrations: [Migration]) async throws -> [MigrationStatus] {
        try await withConnection { connection in
            let exists = try await connection.run(MigrationSQL.tableExists, PostgresBindings())
                .decodeFirst { try $0.decode(Bool.self, at: 0) } ?? false
            let records = exists ? try await MigrationRunner.records(on: connection) : [:]
            return MigrationRunner.status(of: migrations, records: records)
        }
    }

    /// Takes the advisory lock, pins the session settings migrations depend on, sets `lock_timeout`, makes sure `schema_migrations` exists, runs `body`, and
    /// undoes the session settings whatever happens.
    private func withMigrationLock<T>(
        _ options: MigrationOptions, _ body: (MigrationRunner) async throws -> T
    ) async throws -> T {
        guard configuration.statements == .prepared else {
            throw RepogenError(
                kind: .invalidConfiguration,
                message: "migrations hold a session advisory lock and session settings, which a transaction pooler "
                    + "does not keep: run them with the server's direct URL (docs/scaling.md)")
        }
        return try await withConnection { connection in
            try await Self.acquireMigrationLock(on: connection)
            let cleanup = ["RESET lock_timeout", MigrationSQL.resetSessionSQL, MigrationSQL.unlockSQL]
                .joined(separator: "; ")
            do {
                try await connection.runScript(MigrationSQL.pinSessionSQL)
                if let milliseconds = options.lockTimeoutMilliseconds {
                    try await connection.runScript("SET lock_timeout = \(milliseconds)")
                }
                try await connection.runScript(MigrationSQL.createTableSQL)
                let value = try await body(MigrationRunner(connection: connection, options: options))
                try await connection.runScript(cleanup)
                return value
            } catch {
                _ = try? await connection.executeScript(cleanup, counted: true)
                throw error
            }
        }
    }

    /// Polls `pg_try_advisory_lock`, sleeping between attempts (up to half a second), until this session holds it.
    private static func acquireMigrationLock(on connection: PostgresConnection) async throws {
        var pause = Duration.milliseconds(20)
        while true {
            let acquired = try await connection.execute(MigrationSQL.tryLock, PostgresBindings())
                .decodeFirst { try $0.decode(Bool.self, at: 0) } ?? false
            if acquired {
                return
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(500))
        }
    }
}
