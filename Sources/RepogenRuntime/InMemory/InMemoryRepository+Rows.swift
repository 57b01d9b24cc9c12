import Foundation

/// The by-key operations the generated in-memory repositories are made of, each as its PostgreSQL statement
/// behaves: live rows only unless said otherwise, `updated_at` and `version` maintained on every write.
extension InMemoryRepository {
    /// The row whose primary key is `key`.
    public func findRow(key: some Sendable, includeDeleted: Bool) async throws -> Entity? {
        try await context.statement { state, _ in
            guard let index = try position(ofKey: key, includeDeleted ? .all : .live, in: state) else { return nil }
            return try Self.inMemoryEntity(from: state.rows[table.table, default: []][index])
        }
    }

    /// Up to `limit` rows in primary-key order after `offset`; a negative one fails as the server's does.
    public func findAllRows(limit: Int, offset: Int, includeDeleted: Bool) async throws -> [Entity] {
        guard limit >= 0 else {
            throw RepogenError(kind: .queryFailed, message: "LIMIT must not be negative", sqlState: "2201W")
        }
        guard offset >= 0 else {
            throw RepogenError(kind: .queryFailed, message: "OFFSET must not be negative", sqlState: "2201X")
        }
        return try await context.statement { state, _ in
            try entities(matching(.all, orderBy: [], limit: limit, offset: offset, includeDeleted ? .all : .live,
                                  in: state))
        }
    }

    /// Inserts one row per input (quoted column → value; a missing or NULL column takes its default), all or
    /// none, and returns them as stored in input order.
    public func insertRows(_ inputs: [[String: InMemoryValue]]) async throws -> [Entity] {
        try await write { state, now in
            try entities(try state.insert(inputs, into: table, store: context.store, now: now))
        }
    }

    /// Writes `changes` to the live row with `key` (only while it is at `expectedVersion`, when given) and returns
    /// it as written; `notFound` without such a row, `versionConflict` when its version moved on.
    public func updateRow(
        key: some Sendable, expectedVersion: Int64?, changes: [String: InMemoryValue]
    ) async throws -> Entity {
        try await write { state, now in
            let index = try livePosition(key, expectedVersion, in: state)
            var row = state.rows[table.table, default: []][index]
            for (column, value) in changes { row[column] = value }
            return try Self.inMemoryEntity(from: try state.replace(at: index, with: row, in: table, now: now))
        }
    }

    /// Applies `assignments` to the live row with `key` (only while it is at `expectedVersion`, when given);
    /// `invalidArgument` when there are none, before the row is looked for, as on PostgreSQL.
    public func assignRow(
        key: some Sendable, expectedVersion: Int64?, _ assignments: [Assignment<Entity>]
    ) async throws -> Entity {
        try Self.requireAssignments(assignments)
        let written = try await assign(assignments, where: keyPredicate(key, version: expectedVersion))
        if let row = written.first { return try Self.inMemoryEntity(from: row) }
        try await context.statement { state, _ in _ = try livePosition(key, expectedVersion, in: state) }
        throw RepogenError.notFound(table.entity)
    }

    /// Deletes the row with `key`: soft-deletes a live one when the entity has `soft_delete`; false when none.
    public func deleteRow(key: some Sendable) async throws -> Bool {
        try await deleteMany(where: keyPredicate(key, version: nil)) > 0
    }

    /// Brings back the soft-deleted row with `key`; false when it is not deleted or there is none.
    public func restoreRow(key: some Sendable) async throws -> Bool {
        guard let deletedAt = table.managed.deletedAt else { return false }
        return try await write { state, now in
            guard let index = try position(ofKey: key, .deleted, in: state) else { return false }
            var row = state.rows[table.table, default: []][index]
            row[deletedAt] = .null
            _ = try state.replace(at: index, with: row, in: table, now: now)
            return true
        }
    }

    /// Removes the row with `key` for good, deleted or not; false when there was none.
    public func hardDeleteRow(key: some Sendable) async throws -> Bool {
        try await hardDeleteMany(where: keyPredicate(key, version: nil)) > 0
    }

    /// The number of rows (live ones unless `includeDeleted`).
    public func countRows(includeDeleted: Bool) async throws -> Int {
        try await count(where: .all, includeDeleted: includeDeleted, onlyDeleted: false, cache: .off)
    }

    /// Whether a row with `key` exists (live unless `includeDeleted`).
    public func rowExists(key: some Sendable, includeDeleted: Bool) async throws -> Bool {
        try await findRow(key: key, includeDeleted: includeDeleted) != nil
    }

    /// `primary key = key [AND version = expected]`, evaluated in memory only.
    func keyPredicate(_ key: some Sendable, version: Int64?) -> Predicate<Entity> {
        let (primaryKey, versionColumn) = (table.primaryKey, table.managed.version)
        return Predicate(SQLFragment("FALSE"), evaluator: { row in
            guard try InMemoryValue.equals(row[primaryKey], try InMemoryValue.require(key)) == true else {
                return false
            }
            guard let version, let versionColumn else { return true }
            return try InMemoryValue.equals(row[versionColumn], .integer(version))
        })
    }

    /// The position of the live row with `key`: `notFound` without one, `versionConflict` when it is not at
    /// `expectedVersion`.
    func livePosition(_ key: some Sendable, _ expectedVersion: Int64?, in state: InMemoryState) throws -> Int {
        guard let index = try position(ofKey: key, .live, in: state) else {
            throw RepogenError.notFound(table.entity)
        }
        if let expectedVersion, let column = table.managed.version,
            case .integer(let current) = state.rows[table.table, default: []][index][column],
            current != expectedVersion
        {
            throw RepogenError.versionConflict(table.entity, expected: expectedVersion, current: current)
        }
        return index
    }
}
