/// Foreign keys and unique constraints: dropped early in the transaction, added late or outside it.
extension SchemaDiff {
    /// A named constraint of a table and the clause that creates it.
    struct NamedConstraint: Equatable {
        let name: String
        let clause: String
        let field: Field
    }

    func foreignKeys(of entity: Entity) -> [NamedConstraint] {
        entity.fields.compactMap { field in
            SchemaDDL.foreignKeyClause(field, table: entity.table).map {
                let name = SchemaDDL.constraintName(entity.table, field.column, suffix: "fkey")
                return NamedConstraint(name: name, clause: $0, field: field)
            }
        }
    }

    func uniqueConstraints(of entity: Entity) -> [NamedConstraint] {
        guard !entity.behaviours.softDelete else { return [] }
        return entity.fields.filter { $0.isUnique && !$0.isPrimary }.map { field in
            NamedConstraint(
                name: SchemaDDL.constraintName(entity.table, field.column, suffix: "key"),
                clause: SchemaDDL.uniqueConstraint(table: entity.table, column: field.column), field: field)
        }
    }

    /// Constraints of `old` that `new` does not have with the same name and clause.
    static func removed(_ old: [NamedConstraint], _ new: [NamedConstraint]) -> [NamedConstraint] {
        old.filter { constraint in !new.contains { $0.name == constraint.name && $0.clause == constraint.clause } }
    }

    /// Foreign keys that go away or change, dropped before the columns and tables they involve.
    func droppedForeignKeySteps() -> [MigrationStep] {
        var steps: [MigrationStep] = []
        for entity in droppedEntities {
            steps += foreignKeys(of: entity).map {
                dropConstraintStep($0, table: entity.table, location: entity.location)
            }
        }
        for pair in commonEntities {
            steps += Self.removed(foreignKeys(of: pair.old), foreignKeys(of: pair.new)).map {
                dropConstraintStep($0, table: pair.new.table, location: pair.new.location)
            }
        }
        return steps
    }

    /// Unique constraints that go away (also when soft delete turns them into partial unique indexes).
    func droppedUniqueSteps() -> [MigrationStep] {
        commonEntities.flatMap { pair in
            Self.removed(uniqueConstraints(of: pair.old), uniqueConstraints(of: pair.new)).map { constraint in
                var step = dropConstraintStep(constraint, table: pair.new.table, location: pair.new.location)
                let becomesIndex = SchemaDDL.indexes(of: pair.new).contains {
                    $0.name == constraint.name && $0.isUnique
                }
                if pair.new.field(forColumn: constraint.field.column) != nil, !becomesIndex {
                    step.risks.append(MigrationRisk(
                        kind: .dropIndex, target: constraint.name,
                        message: "drops unique constraint \(constraint.name), so duplicates become possible",
                        location: pair.new.field(forColumn: constraint.field.column)?.location ?? pair.new.location))
                }
                return step
            }
        }
    }

    func dropConstraintStep(_ constraint: NamedConstraint, table: String, location: SourceLocation) -> MigrationStep {
        MigrationStep(
            summary: "drop constraint \(constraint.name)",
            up: [Self.alter(table, "DROP CONSTRAINT \(SQL.identifier(constraint.name))")],
            down: [Self.alter(table, "ADD \(constraint.clause)")], location: location)
    }

    /// New foreign keys on existing tables, added NOT VALID so the table is not scanned under a strong lock.
    func addedForeignKeySteps() -> [MigrationStep] {
        commonEntities.flatMap { pair in
            Self.removed(foreignKeys(of: pair.new), foreignKeys(of: pair.old)).map { constraint in
                MigrationStep(
                    summary: "add foreign key \(constraint.name) (not yet validated)",
                    up: [Self.alter(pair.new.table, "ADD \(constraint.clause) NOT VALID")],
                    down: [Self.alter(pair.new.table, "DROP CONSTRAINT \(SQL.identifier(constraint.name))")],
                    location: constraint.field.location)
            }
        }
    }

    /// `VALIDATE CONSTRAINT` for each new foreign key, after the transaction, under a lock that allows writes.
    func validatedForeignKeySteps() -> [MigrationStep] {
        commonEntities.flatMap { pair in
            Self.removed(foreignKeys(of: pair.new), foreignKeys(of: pair.old)).map { constraint in
                MigrationStep(
                    summary: "validate foreign key \(constraint.name)",
                    up: [Self.alter(pair.new.table, "VALIDATE CONSTRAINT \(SQL.identifier(constraint.name))")],
                    down: [], location: constraint.field.location, isTransactional: false)
            }
        }
    }

    /// New unique constraints on existing tables: the index is built concurrently, then attached.
    func addedUniqueSteps() -> [MigrationStep] {
        commonEntities.flatMap { pair in
            Self.removed(uniqueConstraints(of: pair.new), uniqueConstraints(of: pair.old)).flatMap { constraint in
                let name = SQL.identifier(constraint.name)
                let index = Index(
                    name: constraint.name, columns: [IndexColumn(column: constraint.field.column)], isUnique: true,
                    location: constraint.field.location)
                let build = MigrationStep(
                    summary: "build unique index \(constraint.name) on \(pair.new.table)",
                    up: Self.concurrentBuild(index, table: pair.new.table),
                    down: ["DROP INDEX CONCURRENTLY IF EXISTS \(name);"],
                    location: constraint.field.location, isTransactional: false, isDownTransactional: false)
                let attach = MigrationStep(
                    summary: "add unique constraint \(constraint.name)",
                    up: [Self.alter(pair.new.table, "ADD CONSTRAINT \(name) UNIQUE USING INDEX \(name)")],
                    down: [Self.alter(pair.new.table, "DROP CONSTRAINT \(name)")], location: constraint.field.location)
                return [build, attach]
            }
        }
    }
}
