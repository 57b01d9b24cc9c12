/// Runs migration steps on the one connection that holds the migration lock.
struct MigrationRunner {
    let connection: PostgresConnection
    let options: MigrationOptions

    static func records(on connection: PostgresConnection) async throws -> [Int: MigrationSQL.Record] {
        let rows = try await connection.run(MigrationSQL.selectApplied, PostgresBindings()).decodeRows { row in
            MigrationSQL.Record(
                version: Int(try row.decode(Int64.self, at: 0)), name: try row.decode(String.self, at: 1),
                checksum: try row.decode(String.self, at: 2),
                resumeAt: try row.decodeIfPresent(Int32.self, at: 3).map(Int.init))
        }
        return Dictionary(rows.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func status(of migrations: [Migration], records: [Int: MigrationSQL.Record]) -> [MigrationStatus] {
        var lines = migrations.map { migration -> MigrationStatus in
            guard let record = records[migration.version] else {
                return MigrationStatus(version: migration.version, name: migration.name, state: .pending)
            }
            let state: MigrationStatus.State = record.checksum != migration.checksum ? .checksumChanged
                : record.resumeAt.map { .partiallyApplied(nextStep: $0) } ?? .applied
            return MigrationStatus(version: migration.version, name: migration.name, state: state)
        }
        let known = Set(migrations.map(\.version))
        lines += records.values.filter { !known.contains($0.version) }.map {
            MigrationStatus(version: $0.version, name: $0.name, state: .unknown)
        }
        return lines.sorted { $0.version < $1.version }
    }

    func applyPending(_ migrations: [Migration]) async throws -> [Migration] {
        let recorded = try await Self.records(on: connection)
        var applied: [Migration] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            var start = 0
            if let record = recorded[migration.version] {
                try MigrationSQL.checkUnchanged(migration, recordedChecksum: record.checksum)
                guard let resumeAt = record.resumeAt else { continue }
                start = resumeAt
            }
            let began = ContinuousClock.now
            let steps = migration.steps
            try await run(steps, from: start, of: migration, direction: "apply") { executor, next in
                try await record(migration, resumeAt: next < steps.count ? next : nil, on: executor)
            }
            report(migration, .applied, steps: steps.count - start, since: began)
            applied.append(migration)
        }
        return applied
    }

    func revertLatest(_ count: Int, of migrations: [Migration]) async throws -> [Migration] {
        let recorded = try await Self.records(on: connection)
        var reverted: [Migration] = []
        for record in recorded.values.sorted(by: { $0.version > $1.version }).prefix(max(0, count)) {
            let migration = try revertible(record, in: migrations)
            let steps = migration.downSteps ?? []
            let began = ContinuousClock.now
            try await run(steps, from: 0, of: migration, direction: "revert") { executor, next in
                guard next == steps.count else { return }
                var binds = PostgresBindings(capacity: 1)
                binds.append(Int64(migration.version))
                _ = try await executor.run(MigrationSQL.deleteApplied, binds)
            }
            report(migration, .reverted, steps: steps.count, since: began)
            reverted.append(migration)
        }
        return reverted
    }

    /// The migration of `record`, checked to be known, unchanged, complete and reversible.
    private func revertible(_ record: MigrationSQL.Record, in migrations: [Migration]) throws -> Migration {
        let label = "migration \(record.version) (\(record.name))"
        guard let migration = migrations.first(where: { $0.version == record.version }) else {
            throw RepogenError(
                kind: .migrationFailed, message: "\(label) is applied but not among the migrations given")
        }
        try MigrationSQL.checkUnchanged(migration, recordedChecksum: record.checksum)
        guard record.resumeAt == nil else {
            throw RepogenError(kind: .migrationFailed, message: "\(label) is only partly applied; apply it first")
        }
        guard migration.isReversible else {
            throw RepogenError(kind: .migrationFailed, message: "\(label) cannot be reverted: it has no down SQL "
                + "or a step marked irreversible")
        }
        return migration
    }

    private func record(_ migration: Migration, resumeAt: Int?, on executor: any DatabaseExecutor) async throws {
        var binds = PostgresBindings(capacity: 4)
        binds.append(Int64(migration.version))
        binds.append(migration.name)
        binds.append(migration.checksum)
        binds.append(resumeAt.map { Int32($0) })
        _ = try await executor.run(MigrationSQL.recordApplied, binds)
    }

    private func report(
        _ migration: Migration, _ direction: MigrationProgress.Direction, steps: Int,
        since began: ContinuousClock.Instant
    ) {
        options.progress?(MigrationProgress(
            version: migration.version, name: migration.name, direction: direction, steps: steps,
            duration: ContinuousClock.now - began))
    }
}
