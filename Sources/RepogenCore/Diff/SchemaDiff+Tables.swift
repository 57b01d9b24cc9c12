/// Tables that appear or disappear.
extension SchemaDiff {
    /// New tables with their indexes (plain `CREATE INDEX`: the table is empty and new), in reference order;
    /// a foreign key to a table created later, or in a cycle, is added by a step after all of them.
    func createdTableSteps() -> [MigrationStep] {
        let ddl = SchemaDDL(schema: new)
        let createdTables = Set(createdEntities.map(\.table))
        var created = Set(new.entities.filter { !createdTables.contains($0.table) }.map(\.name))
        var steps: [MigrationStep] = []
        var deferred: [MigrationStep] = []
        for entity in ddl.creationOrder() where createdTables.contains(entity.table) {
            created.insert(entity.name)
            let (table, keys) = ddl.createTable(entity, created: created)
            let indexes = SchemaDDL.indexes(of: entity).map { ddl.createIndex($0, on: entity) }
                + SchemaDDL.searchIndex(of: entity)
            let security = SchemaDDL.rowLevelSecurity(of: entity, in: new)
            steps.append(MigrationStep(
                summary: "create table \(entity.table)", up: [table] + indexes + security,
                down: ["DROP TABLE \(SQL.identifier(entity.table));"], location: entity.location))
            deferred += keys.map { key in
                MigrationStep(
                    summary: "add foreign key to \(entity.table)", up: [key],
                    down: [Self.alter(entity.table, "DROP CONSTRAINT \(SQL.identifier(Self.constraintName(in: key)))")],
                    location: entity.location)
            }
        }
        return steps + deferred
    }

    /// The constraint name in `ALTER TABLE t ADD CONSTRAINT name ...`.
    static func constraintName(in statement: String) -> String {
        let words = statement.split(separator: " ")
        guard let position = words.firstIndex(of: "CONSTRAINT"), position + 1 < words.count else { return "" }
        let name = String(words[position + 1])
        guard name.hasPrefix("\"") else { return name }
        return String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    /// Dropped tables; reverting recreates the structure (foreign keys come back with their own steps),
    /// not the rows.
    func droppedTableSteps() -> [MigrationStep] {
        let ddl = SchemaDDL(schema: old)
        return droppedEntities.map { entity in
            let (table, _) = ddl.createTable(entity, created: [])
            let indexes = SchemaDDL.indexes(of: entity).map { ddl.createIndex($0, on: entity) }
                + SchemaDDL.searchIndex(of: entity)
            let snapshotLocation = snapshotEntity(table: entity.table)?.location ?? entity.location
            let risk = MigrationRisk(
                kind: .dropTable, target: entity.table,
                message: "drops table \(entity.table) and every row in it (declared at \(snapshotLocation) "
                    + "in the snapshot)",
                location: snapshotLocation)
            return MigrationStep(
                summary: "drop table \(entity.table)", up: ["DROP TABLE \(SQL.identifier(entity.table));"],
                down: [table] + indexes + SchemaDDL.rowLevelSecurity(of: entity, in: old),
                location: snapshotLocation, risks: [risk],
                downNote: "recreates table \(entity.table) empty: its rows are not restored")
        }
    }
}
