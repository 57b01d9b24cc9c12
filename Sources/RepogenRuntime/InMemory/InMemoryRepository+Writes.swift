import Foundation

/// The bulk writes of `QueryOperations` in memory, with the checks the PostgreSQL path makes before sending.
extension InMemoryRepository {
    /// Sets `assignments` on every live row matching `predicate`; the number of rows changed.
    @discardableResult
    public func updateMany(where predicate: Predicate<Entity>, set assignments: [Assignment<Entity>]) async throws
        -> Int
    {
        guard !assignments.isEmpty else { return 0 }
        return try await assign(assignments, where: predicate).count
    }

    /// Sets `assignments` on every live row matching `predicate` and returns those rows as written.
    public func updateManyReturning(where predicate: Predicate<Entity>, set assignments: [Assignment<Entity>])
        async throws -> [Entity]
    {
        try Self.requireAssignments(assignments)
        return try entities(try await assign(assignments, where: predicate))
    }

    /// `invalidArgument` for an empty `set:`, which the PostgreSQL path refuses before sending (a by-key
    /// `update(id:set:)` goes through its `updateManyReturning`).
    static func requireAssignments(_ assignments: [Assignment<Entity>]) throws {
        guard assignments.isEmpty else { return }
        throw RepogenError(kind: .invalidArgument, message: "set: needs at least one assignment")
    }

    /// Deletes every live row matching `predicate` (soft-deletes them when the entity has `soft_delete`).
    @discardableResult
    public func deleteMany(where predicate: Predicate<Entity>) async throws -> Int {
        guard let deletedAt = table.managed.deletedAt else { return try await hardDeleteMany(where: predicate) }
        return try await write { state, now in
            let found = try positions(of: predicate, .live, in: state)
            for index in found {
                var row = state.rows[table.table, default: []][index]
                row[deletedAt] = .timestamp(now.postgresMicroseconds)
                _ = try state.replace(at: index, with: row, in: table, now: now)
            }
            return found.count
        }
    }

    /// Removes every row matching `predicate` for good, soft-deleted or not.
    @discardableResult
    public func hardDeleteMany(where predicate: Predicate<Entity>) async throws -> Int {
        try await write { state, _ in
            let found = try positions(of: predicate, .all, in: state)
            try state.remove(at: found, from: table, store: context.store)
            return found.count
        }
    }

    /// Applies `assignments` to every live row matching `predicate` in one statement and returns the rows as
    /// written; the same refusals as the PostgreSQL path before anything is written.
    func assign(_ assignments: [Assignment<Entity>], where predicate: Predicate<Entity>) async throws
        -> [InMemoryRow]
    {
        try Self.check(assignments)
        let computed = try assignments.map { assignment in
            guard let compute = assignment.compute else {
                throw RepogenError.unsupportedInMemory("an assignment written as SQL to \(assignment.column)")
            }
            return (assignment.column, compute)
        }
        let columns = Dictionary(table.columns.map { ($0.name, $0) }) { first, _ in first }
        do {
            return try await write { state, now in
                try Self.apply(computed, columns, where: predicate, repository: self, state: &state, now: now)
            }
        } catch let error as RepogenError where error.violation == .outOfRange && error.fields.isEmpty {
            var named = error
            named.fields = assignments.filter(\.isRelative).compactMap {
                Entity.fieldCatalog.columns[EntityTable.unquoted($0.column)]
            }
            throw named
        }
    }

    /// Writes the computed assignments to every live row matching `predicate`; the rows as written.
    static func apply(
        _ computed: [(String, InMemoryAssignment)], _ columns: [String: InMemoryColumn],
        where predicate: Predicate<Entity>, repository: Self, state: inout InMemoryState, now: Date
    ) throws -> [InMemoryRow] {
        let table = repository.table
        var written: [InMemoryRow] = []
        for index in try repository.positions(of: predicate, .live, in: state) {
            let old = state.rows[table.table, default: []][index]
            var row = old
            for (column, compute) in computed {
                let value = try compute(old)
                row[column] = try columns[column].map { try $0.fit(value) } ?? value
            }
            written.append(try state.replace(at: index, with: row, in: table, now: now))
        }
        return written
    }

    /// Runs one writing statement; a refused value's error names the entity's fields, as `runWrite` does.
    func write<T>(_ body: (inout InMemoryState, Date) throws -> T) async throws -> T {
        do {
            return try await context.statement(body)
        } catch let error as RepogenError {
            throw error.namingFields(from: Entity.fieldCatalog)
        }
    }

    /// The PostgreSQL path's checks before sending: no maintained column, every value within its field's limit.
    static func check(_ assignments: [Assignment<Entity>]) throws {
        if let fixed = assignments.first(where: { !$0.isWritable }) {
            throw RepogenError(
                kind: .invalidConfiguration, message: "\(fixed.column) is maintained by the repository; not settable")
        }
        for assignment in assignments {
            try assignment.validate(against: Entity.fieldCatalog, entity: Entity.entityTable.entity)
        }
    }
}
