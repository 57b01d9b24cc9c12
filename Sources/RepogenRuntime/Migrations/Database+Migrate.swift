extension Database {
    /// Applies the pending migrations in version order, each in its own transaction, and returns them.
    ///
    /// Holds an advisory lock so two processes never migrate at once; throws `migrationFailed` when a migration
    /// fails (nothing of it stays) or an applied migration's checksum changed.
    /// ```swift
    /// let applied = try await db.migrate(QuoteMasterSchema.migrations)
    /// ```
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [Migration] {
        try MigrationPlan.checkUniqueVersions(migrations)
        return try await withConnection { connection in
            try await connection.executeScript(MigrationPlan.lockSQL, counted: true)
            do {
                let applied = try await applyPending(migrations, on: connection)
                try await connection.executeScript(MigrationPlan.unlockSQL, counted: true)
                return applied
            } catch let stale as StaleConnection {
                throw stale.error
            } catch {
                _ = try? await connection.executeScript(MigrationPlan.unlockSQL, counted: true)
                throw error
            }
        }
    }

    private func applyPending(_ migrations: [Migration], on connection: PostgresConnection) async throws
        -> [Migration]
    {
        try await connection.executeScript(MigrationPlan.createTableSQL, counted: true)
        let recorded = try await connection.execute(MigrationPlan.selectApplied, PostgresBindings())
            .decodeRows { row in (try row.decode(Int64.self, at: 0), try row.decode(String.self, at: 1)) }
        let checksums = Dictionary(recorded, uniquingKeysWith: { first, _ in first })
        var applied: [Migration] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            if let checksum = checksums[Int64(migration.version)] {
                try MigrationPlan.checkUnchanged(migration, recordedChecksum: checksum)
                continue
            }
            try await apply(migration, on: connection)
            applied.append(migration)
        }
        return applied
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws {
        do {
            try await Transaction.unitOfWork(on: connection) { transaction in
                try await transaction.runScript(migration.up)
                var binds = PostgresBindings(capacity: 3)
                binds.append(Int64(migration.version))
                binds.append(migration.name)
                binds.append(migration.checksum)
                _ = try await transaction.run(MigrationPlan.insertApplied, binds)
            }
        } catch let error as RepogenError {
            var failure = error
            failure.kind = .migrationFailed
            failure.message = "migration \(migration.version) (\(migration.name)) failed: \(error.message)"
            throw failure
        }
    }
}

/// The SQL and checks behind `Database.migrate`.
enum MigrationPlan {
    /// The advisory lock key: "repogen" in ASCII.
    static let lockKey = 0x7265_706F_6765_6E
    static let lockSQL = "SELECT pg_advisory_lock(\(lockKey))"
    static let unlockSQL = "SELECT pg_advisory_unlock(\(lockKey))"
    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version bigint PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
    static let selectApplied = PostgresStatement(
        name: "repogen_migrations_applied", sql: "SELECT version, checksum FROM schema_migrations ORDER BY version",
        parameterTypes: [])
    static let insertApplied = PostgresStatement(
        name: "repogen_migrations_record",
        sql: "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
        parameterTypes: [.int8, .text, .text])

    static func checkUniqueVersions(_ migrations: [Migration]) throws {
        var seen = Set<Int>()
        for migration in migrations where !seen.insert(migration.version).inserted {
            throw RepogenError(
                kind: .invalidConfiguration, message: "two migrations share version \(migration.version)")
        }
    }

    static func checkUnchanged(_ migration: Migration, recordedChecksum: String) throws {
        guard recordedChecksum == migration.checksum else {
            throw RepogenError(
                kind: .migrationFailed,
                message: "migration \(migration.version) (\(migration.name)) was applied with checksum "
                    + "\(recordedChecksum) but its SQL now has checksum \(migration.checksum)")
        }
    }
}
