/// The table and column renames a new schema asks for through `renamed_from:` hints.
struct RenameMap: Sendable {
    /// Old table name to new table name.
    var tables: [String: String] = [:]
    /// New table name to (old column name to new column name).
    var columns: [String: [String: String]] = [:]

    /// Keeps only the hints that name something the old schema has and the new one no longer has.
    init(from old: Schema, to new: Schema) {
        let oldTables = Set(old.entities.map(\.table))
        let newTables = Set(new.entities.map(\.table))
        for entity in new.entities {
            guard let previous = entity.renamedFrom, oldTables.contains(previous), !newTables.contains(previous),
                  !oldTables.contains(entity.table) else { continue }
            tables[previous] = entity.table
        }
        for entity in new.entities {
            let oldTable = tables.first { $0.value == entity.table }?.key ?? entity.table
            guard let oldEntity = old.entities.first(where: { $0.table == oldTable }) else { continue }
            for field in entity.fields {
                guard let previous = field.renamedFrom, oldEntity.field(forColumn: previous) != nil,
                      entity.field(forColumn: previous) == nil, oldEntity.field(forColumn: field.column) == nil
                else { continue }
                columns[entity.table, default: [:]][previous] = field.column
            }
        }
    }

    /// The new name of an old table.
    func table(_ old: String) -> String {
        tables[old] ?? old
    }

    /// The new name of an old column of the table now called `table`.
    func column(_ old: String, inTable table: String) -> String {
        columns[table]?[old] ?? old
    }

    /// `schema` with the renames applied to tables, columns, references, index columns and predicates (index
    /// names kept) and search columns (PostgreSQL renames them inside the generated column's expression too).
    func applied(to schema: Schema) -> Schema {
        var result = schema
        result.entities = schema.entities.map { entity in
            var renamed = entity
            renamed.table = table(entity.table)
            renamed.fields = entity.fields.map { renamedField($0, table: renamed.table) }
            renamed.indexes = entity.indexes.map { renamedIndex($0, table: renamed.table) }
            renamed.search?.columns = entity.search?.columns.map { column($0, inTable: renamed.table) } ?? []
            return renamed
        }
        return result
    }

    func renamedField(_ field: Field, table newTable: String) -> Field {
        var result = field
        result.column = column(field.column, inTable: newTable)
        if var reference = field.reference {
            reference.table = table(reference.table)
            reference.column = column(reference.column, inTable: reference.table)
            result.reference = reference
        }
        return result
    }

    func renamedIndex(_ index: Index, table newTable: String) -> Index {
        var result = index
        result.columns = index.columns.map {
            IndexColumn(column: column($0.column, inTable: newTable), isDescending: $0.isDescending)
        }
        result.predicate = index.predicate.map { predicate in
            IndexPredicate.renamingColumns(in: predicate) { column($0, inTable: newTable) }
        }
        return result
    }
}

extension SchemaDiff {
    /// Renames of tables, then columns, then the constraints and indexes whose derived names follow them.
    func renameSteps(indexes: IndexChanges) -> [MigrationStep] {
        var steps: [MigrationStep] = []
        for (oldTable, newTable) in renames.tables.sorted(by: { $0.key < $1.key }) {
            let location = new.entities.first { $0.table == newTable }?.location ?? .start(of: "schema.yaml")
            steps.append(MigrationStep(
                summary: "rename table \(oldTable) to \(newTable)",
                up: ["ALTER TABLE \(SQL.identifier(oldTable)) RENAME TO \(SQL.identifier(newTable));"],
                down: ["ALTER TABLE \(SQL.identifier(newTable)) RENAME TO \(SQL.identifier(oldTable));"],
                location: location))
        }
        for entity in new.entities {
            for (oldColumn, newColumn) in (renames.columns[entity.table] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let location = entity.field(forColumn: newColumn)?.location ?? entity.location
                steps.append(Self.renameStep(
                    "COLUMN", table: entity.table, from: oldColumn, to: newColumn, location: location,
                    summary: "rename column \(entity.table).\(oldColumn) to \(newColumn)"))
            }
        }
        return steps + constraintRenameSteps() + indexes.renames
    }

    /// Constraints named after a table or column that was renamed get the name the new schema would give them.
    func constraintRenameSteps() -> [MigrationStep] {
        var steps: [MigrationStep] = []
        for original in old.entities {
            guard let renamed = renamedOld.entities.first(where: { $0.table == renames.table(original.table) })
            else { continue }
            let pairs = zip(TableConstraints(original).names, TableConstraints(renamed).names)
            for (before, after) in pairs where before != after {
                let location = new.entities.first { $0.table == renamed.table }?.location ?? renamed.location
                steps.append(Self.renameStep(
                    "CONSTRAINT", table: renamed.table, from: before, to: after, location: location,
                    summary: "rename constraint \(before) to \(after)"))
            }
        }
        return steps
    }

    /// `ALTER TABLE table RENAME KIND from TO to`, reverted by the opposite rename.
    static func renameStep(
        _ kind: String, table: String, from: String, to: String, location: SourceLocation, summary: String
    ) -> MigrationStep {
        let (before, after) = (SQL.identifier(from), SQL.identifier(to))
        return MigrationStep(
            summary: summary, up: [alter(table, "RENAME \(kind) \(before) TO \(after)")],
            down: [alter(table, "RENAME \(kind) \(after) TO \(before)")], location: location)
    }
}

/// The names of a table's constraints in a fixed order (primary key, unique fields, foreign keys).
struct TableConstraints {
    let names: [String]

    init(_ entity: Entity) {
        var names = [Naming.boundedName(entity.table, suffix: "_pkey")]
        if !entity.behaviours.softDelete {
            names += entity.fields.filter { $0.isUnique && !$0.isPrimary }.map {
                SchemaDDL.constraintName(entity.table, $0.column, suffix: "key")
            }
        }
        names += entity.fields.filter { $0.reference != nil }.map {
            SchemaDDL.constraintName(entity.table, $0.column, suffix: "fkey")
        }
        self.names = names
    }
}
