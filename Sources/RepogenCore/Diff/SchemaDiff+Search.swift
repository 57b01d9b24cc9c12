/// Full-text search that appears, disappears or changes (columns or language) on a table both schemas have.
///
/// A generated column's expression cannot be altered, so a change drops the column (its index goes with it)
/// before columns are dropped or retyped, and adds it back after columns are added: the expression only ever
/// names columns that exist at that point. Reverting does the same the other way round.
extension SchemaDiff {
    /// Common tables whose search setting differs between the schemas.
    var changedSearchEntities: [(old: Entity, new: Entity)] {
        commonEntities.filter { $0.old.search != $0.new.search }
    }

    /// Search columns removed or about to be rebuilt: up drops them (and their index), down adds the old ones back.
    func droppedSearchSteps() -> [MigrationStep] {
        changedSearchEntities.filter { $0.old.search != nil }.map { pair in
            // pair.old has the renames applied: when down runs, the columns still have their new names.
            MigrationStep(
                summary: "drop full-text search column \(pair.new.table).\(EntitySearch.column)",
                up: SchemaDDL.droppedSearch(table: pair.new.table),
                down: SchemaDDL.addedSearchColumn(pair.old) + SchemaDDL.searchIndex(of: pair.old),
                location: pair.new.location)
        }
    }

    /// Search columns added or rebuilt, inside the transaction; their index is built by `searchIndexSteps()`. A
    /// stored generated column is computed for every existing row, which rewrites the table under an exclusive lock,
    /// so the step carries a `rewrite_table` risk located at the entity.
    func addedSearchSteps() -> [MigrationStep] {
        changedSearchEntities.filter { $0.new.search != nil }.map { pair in
            let table = pair.new.table
            let column = "\(table).\(EntitySearch.column)"
            let risk = MigrationRisk(
                kind: .rewriteTable, target: table,
                message: "adds the stored generated column \(column), which rewrites every row of \(table) under an "
                    + "exclusive lock (reads and writes of \(table) wait until it ends)",
                location: pair.new.location)
            return MigrationStep(
                summary: "add full-text search column \(column)",
                up: SchemaDDL.addedSearchColumn(pair.new), down: SchemaDDL.droppedSearch(table: table),
                location: pair.new.location, risks: [risk])
        }
    }

    /// The GIN index of each added or rebuilt search column, built concurrently outside the transaction like any
    /// index on an existing table.
    func searchIndexSteps() -> [MigrationStep] {
        changedSearchEntities.compactMap { pair in
            guard let index = SchemaDDL.searchIndexDefinition(of: pair.new) else { return nil }
            return MigrationStep(
                summary: "create index \(index.name) on \(pair.new.table)",
                up: Self.concurrentBuild(index, table: pair.new.table),
                down: ["DROP INDEX CONCURRENTLY IF EXISTS \(SQL.identifier(index.name));"],
                location: pair.new.location, isTransactional: false, isDownTransactional: false)
        }
    }
}
