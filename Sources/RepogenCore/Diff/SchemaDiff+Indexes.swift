/// What happens to the indexes of tables both schemas have: renamed, dropped, or built.
struct IndexChanges {
    /// `ALTER INDEX ... RENAME` steps for indexes whose definition stayed and whose name changed.
    var renames: [MigrationStep] = []
    /// Indexes to drop, with the table (new name) they are on.
    var drops: [(table: String, index: Index)] = []
    /// Indexes to build, with the table they go on.
    var creates: [(table: String, index: Index)] = []
}

extension SchemaDiff {
    /// Matches old and new indexes by name and definition, on every table both schemas have.
    func indexChanges() -> IndexChanges {
        var changes = IndexChanges()
        for pair in commonEntities {
            guard let original = snapshotEntity(table: pair.old.table) else { continue }
            var remainingOld = SchemaDDL.indexes(of: original).map { renames.renamedIndex($0, table: pair.new.table) }
            var remainingNew: [Index] = []
            for index in SchemaDDL.indexes(of: pair.new) {
                let kept = remainingOld.firstIndex { $0.name == index.name && Self.sameDefinition($0, index) }
                if let kept {
                    remainingOld.remove(at: kept)
                } else {
                    remainingNew.append(index)
                }
            }
            for index in remainingNew {
                let heldByOld = remainingOld.contains { $0.name == index.name }
                if !heldByOld, let match = remainingOld.firstIndex(where: { Self.sameDefinition($0, index) }) {
                    let previous = remainingOld.remove(at: match)
                    changes.renames.append(
                        indexRenameStep(from: previous.name, to: index.name, location: index.location))
                } else {
                    changes.creates.append((pair.new.table, index))
                }
            }
            changes.drops += remainingOld.map { (pair.new.table, $0) }
        }
        return changes
    }

    /// Whether two indexes index the same columns the same way.
    static func sameDefinition(_ lhs: Index, _ rhs: Index) -> Bool {
        lhs.columns == rhs.columns && lhs.isUnique == rhs.isUnique && lhs.predicate == rhs.predicate
            && lhs.method == rhs.method
    }

    func indexRenameStep(from: String, to: String, location: SourceLocation) -> MigrationStep {
        let (before, after) = (SQL.identifier(from), SQL.identifier(to))
        return MigrationStep(
            summary: "rename index \(from) to \(to)", up: ["ALTER INDEX \(before) RENAME TO \(after);"],
            down: ["ALTER INDEX \(after) RENAME TO \(before);"], location: location)
    }

    /// Plain `DROP INDEX` inside the transaction (a catalog change); reverted by building the index again.
    func droppedIndexSteps(_ changes: IndexChanges) -> [MigrationStep] {
        changes.drops.map { table, index in
            let entity = new.entities.first { $0.table == table }
            var risks: [MigrationRisk] = []
            let stillColumns = index.columns.allSatisfy { entity?.field(forColumn: $0.column) != nil }
            let keptUnique = entity.map { TableConstraints($0).names.contains(index.name) } ?? false
            if index.isUnique, stillColumns, !keptUnique {
                risks.append(MigrationRisk(
                    kind: .dropIndex, target: index.name,
                    message: "drops unique index \(index.name), so duplicates become possible",
                    location: entity?.location ?? index.location))
            }
            return MigrationStep(
                summary: "drop index \(index.name)", up: ["DROP INDEX \(SQL.identifier(index.name));"],
                down: [SchemaDDL.createIndexSQL(index, table: table, concurrently: false)],
                location: entity?.location ?? index.location, risks: risks)
        }
    }

    /// `CREATE INDEX CONCURRENTLY`, each its own step outside the transaction, so writes continue meanwhile.
    ///
    /// A failed concurrent build leaves an invalid index behind, so the step first drops any index of that name:
    /// rerunning the step after fixing the cause then just works.
    func createdIndexSteps(_ changes: IndexChanges) -> [MigrationStep] {
        changes.creates.map { table, index in
            MigrationStep(
                summary: "create index \(index.name) on \(table)",
                up: Self.concurrentBuild(index, table: table),
                down: ["DROP INDEX CONCURRENTLY IF EXISTS \(SQL.identifier(index.name));"],
                location: index.location, isTransactional: false, isDownTransactional: false)
        }
    }

    /// `DROP INDEX CONCURRENTLY IF EXISTS` (a leftover of a failed build) then `CREATE INDEX CONCURRENTLY`.
    static func concurrentBuild(_ index: Index, table: String) -> [String] {
        [
            "DROP INDEX CONCURRENTLY IF EXISTS \(SQL.identifier(index.name));",
            SchemaDDL.createIndexSQL(index, table: table, concurrently: true),
        ]
    }
}
