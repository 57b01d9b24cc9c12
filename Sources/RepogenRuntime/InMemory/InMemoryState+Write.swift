import Foundation

/// Inserting and updating rows with PostgreSQL's checks in its order: NOT NULL, then each unique constraint or
/// index in creation order (primary key first), then foreign keys.
extension InMemoryState {
    /// Inserts one row per element of `inputs` (quoted column → value; a missing or NULL column takes its
    /// default, as `COALESCE(value, default)` does) and returns the rows as stored. Foreign keys are checked
    /// after every row is in, as PostgreSQL's constraint triggers run at the end of the statement.
    mutating func insert(
        _ inputs: [[String: InMemoryValue]], into table: InMemoryTable, store: InMemoryStore, now: Date
    ) throws -> [InMemoryRow] {
        try Self.requireSupported(table)
        var inserted: [InMemoryRow] = []
        for input in inputs {
            var row = InMemoryRow([:])
            for column in table.columns {
                let given = input[column.name] ?? .null
                row[column.name] = given.isNull ? try Self.defaultValue(column, table, store, now) : given
            }
            let managed = table.managed
            let time = InMemoryValue.timestamp(now.postgresMicroseconds)
            for column in [managed.createdAt, managed.updatedAt].compactMap({ $0 }) { row[column] = time }
            if let version = managed.version { row[version] = .integer(1) }
            if let deletedAt = managed.deletedAt { row[deletedAt] = .null }
            try Self.checkNotNull(row, table)
            try checkUniques(row, table, replacing: nil)
            rows[table.table, default: []].append(row)
            inserted.append(row)
        }
        for row in inserted { try checkForeignKeys(row, table, changedFrom: nil) }
        return inserted
    }

    /// Writes `row` (an updated copy of the row at `index`), after `updated_at` and `version` are maintained,
    /// and returns it as stored.
    mutating func replace(
        at index: Int, with row: InMemoryRow, in table: InMemoryTable, now: Date
    ) throws -> InMemoryRow {
        try Self.requireSupported(table)
        var row = row
        let old = rows[table.table, default: []][index]
        if let updatedAt = table.managed.updatedAt { row[updatedAt] = .timestamp(now.postgresMicroseconds) }
        if let version = table.managed.version, case .integer(let current) = old[version] {
            row[version] = .integer(current + 1)
        }
        try Self.checkNotNull(row, table)
        try checkUniques(row, table, replacing: index)
        rows[table.table, default: []][index] = row
        try checkForeignKeys(row, table, changedFrom: old)
        return row
    }

    static func requireSupported(_ table: InMemoryTable) throws {
        if let reason = table.unsupported { throw RepogenError.unsupportedInMemory(reason) }
        if let partial = table.uniques.first(where: { $0.unsupportedPredicate != nil }) {
            throw RepogenError.unsupportedInMemory("the partial unique index \(partial.name) on \(table.table)")
        }
    }

    static func defaultValue(
        _ column: InMemoryColumn, _ table: InMemoryTable, _ store: InMemoryStore, _ now: Date
    ) throws -> InMemoryValue {
        switch column.defaultValue {
        case .null: return .null
        case .value(let value): return value
        case .now: return .timestamp(now.postgresMicroseconds)
        case .today: return .date(CalendarDate(utcDayOf: now))
        case .randomUUID: return .uuid(UUID())
        case .identity: return .integer(store.nextIdentity(table.table))
        case .unsupported(let what): throw RepogenError.unsupportedInMemory(what)
        }
    }

    /// NOT NULL (23502), naming the column as the server does.
    static func checkNotNull(_ row: InMemoryRow, _ table: InMemoryTable) throws {
        guard let column = table.columns.first(where: { !$0.isNullable && row[$0.name].isNull }) else { return }
        let name = EntityTable.unquoted(column.name)
        throw RepogenError(
            kind: .constraintViolation,
            message: "null value in column \"\(name)\" of relation \"\(table.unquotedTable)\" violates not-null "
                + "constraint", sqlState: "23502", table: table.unquotedTable, column: name)
    }

    /// Each unique key of `row` against the table's other rows (NULLs never collide; a live-rows-only index
    /// ignores deleted rows), 23505 naming the first constraint broken.
    func checkUniques(_ row: InMemoryRow, _ table: InMemoryTable, replacing index: Int?) throws {
        let others = rows[table.table] ?? []
        for unique in table.uniques {
            if unique.liveRowsOnly, let deletedAt = table.managed.deletedAt, !row[deletedAt].isNull { continue }
            let key = unique.columns.map { row[$0].distinctKey }
            guard !key.contains(where: { $0 == nil }) else { continue }
            let clash = others.indices.contains { position in
                guard position != index else { return false }
                let other = others[position]
                if unique.liveRowsOnly, let deletedAt = table.managed.deletedAt, !other[deletedAt].isNull {
                    return false
                }
                return unique.columns.map { other[$0].distinctKey } == key
            }
            if clash {
                throw RepogenError(
                    kind: .constraintViolation,
                    message: "duplicate key value violates unique constraint \"\(unique.name)\"", sqlState: "23505",
                    constraint: unique.name, table: table.unquotedTable)
            }
        }
    }

    /// Each foreign key of `row` whose value is set (and changed, for an update) names an existing row: 23503.
    func checkForeignKeys(_ row: InMemoryRow, _ table: InMemoryTable, changedFrom old: InMemoryRow?) throws {
        for key in table.foreignKeys {
            let value = row[key.column]
            guard !value.isNull, old.map({ $0[key.column] != value }) ?? true else { continue }
            let exists = try (rows[key.referencedTable] ?? []).contains {
                try InMemoryValue.equals($0[key.referencedColumn], value) == true
            }
            if !exists {
                throw RepogenError(
                    kind: .constraintViolation,
                    message: "insert or update on table \"\(table.unquotedTable)\" violates foreign key constraint "
                        + "\"\(key.name)\"", sqlState: "23503", constraint: key.name, table: table.unquotedTable)
            }
        }
    }
}

extension CalendarDate {
    /// The UTC calendar day of `date`.
    init(utcDayOf date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(daysSince2000: Int32(days - 10_957))
    }
}
