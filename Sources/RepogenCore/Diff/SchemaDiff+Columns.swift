/// Columns that appear, disappear or change type, nullability, default or identity.
extension SchemaDiff {
    /// Added columns; a required column without a default is risky, since it fails on a table with rows.
    func addedColumnSteps() -> [MigrationStep] {
        let ddl = SchemaDDL(schema: new)
        return commonEntities.flatMap { pair in
            pair.new.fields.filter { pair.old.field(forColumn: $0.column) == nil }.map { field in
                let target = "\(pair.new.table).\(field.column)"
                var risks: [MigrationRisk] = []
                if !field.isOptional, field.defaultValue == nil {
                    risks.append(MigrationRisk(
                        kind: .setNotNull, target: target,
                        message: "adds required column \(target) without a default, which fails if the table has rows",
                        location: field.location))
                }
                return MigrationStep(
                    summary: "add column \(target)",
                    up: [Self.alter(pair.new.table, "ADD COLUMN \(ddl.columnDefinition(field))")],
                    down: [Self.alter(pair.new.table, "DROP COLUMN \(SQL.identifier(field.column))")],
                    location: field.location, risks: risks)
            }
        }
    }

    /// Dropped columns; reverting adds the column back empty.
    func droppedColumnSteps() -> [MigrationStep] {
        let ddl = SchemaDDL(schema: old)
        return commonEntities.flatMap { pair in
            pair.old.fields.filter { pair.new.field(forColumn: $0.column) == nil }.map { field in
                let target = "\(pair.new.table).\(field.column)"
                let risk = MigrationRisk(
                    kind: .dropColumn, target: target,
                    message: "drops column \(target) and its data (declared at \(field.location) in the snapshot)",
                    location: pair.new.location)
                return MigrationStep(
                    summary: "drop column \(target)",
                    up: [Self.alter(pair.new.table, "DROP COLUMN \(SQL.identifier(field.column))")],
                    down: [Self.alter(pair.new.table, "ADD COLUMN \(ddl.columnDefinition(field))")],
                    location: pair.new.location, risks: [risk],
                    downNote: "adds column \(target) back without its data")
            }
        }
    }

    /// Type, nullability, default and identity changes of columns both schemas have, in that order per column.
    func alteredColumnSteps() -> [MigrationStep] {
        commonEntities.flatMap { pair in
            pair.new.fields.flatMap { field -> [MigrationStep] in
                guard let before = pair.old.field(forColumn: field.column) else { return [] }
                return ColumnChange(table: pair.new.table, old: before, new: field, diff: self).steps()
            }
        }
    }
}

/// One column in both schemas, and the SQL for each way it can change.
struct ColumnChange {
    let table: String
    let old: Field
    let new: Field
    let diff: SchemaDiff

    var target: String { "\(table).\(new.column)" }
    var column: String { SQL.identifier(new.column) }
    var oldType: String { old.type.sqlType(in: diff.old) }
    var newType: String { new.type.sqlType(in: diff.new) }
    var oldDefault: String? { old.defaultValue.flatMap { old.type.sqlDefault($0, in: diff.old) } }
    var newDefault: String? { new.defaultValue.flatMap { new.type.sqlDefault($0, in: diff.new) } }

    /// Every step for this column; an identity goes away before a default can be set, and comes after one goes.
    func steps() -> [MigrationStep] {
        let defaults = [defaultStep()].compactMap { $0 }
        let tail = old.defaultValue == .identity ? identitySteps() + defaults : defaults + identitySteps()
        return [typeStep(), nullabilityStep()].compactMap { $0 } + tail
    }

    func alter(_ action: String) -> String {
        SchemaDiff.alter(table, "ALTER COLUMN \(column) \(action)")
    }

    /// `ALTER COLUMN ... TYPE`, with the default dropped around it (it may not cast) and `USING` where needed.
    func typeStep() -> MigrationStep? {
        guard oldType != newType else { return nil }
        let forward = TypeConversion(old: old.type, new: new.type)
        let backward = TypeConversion(old: new.type, new: old.type)
        let using = { (conversion: TypeConversion, type: String) in
            conversion.needsUsing ? " USING \(self.column)::\(type)" : ""
        }
        var risks: [MigrationRisk] = []
        if forward.isNarrowing {
            risks.append(MigrationRisk(
                kind: .narrowType, target: target,
                message: "changes \(target) from \(oldType) to \(newType); values that do not fit fail the migration",
                location: new.location))
        }
        let up = (oldDefault.map { _ in [alter("DROP DEFAULT")] } ?? [])
            + [alter("TYPE \(newType)\(using(forward, newType))")]
            + (newDefault.map { [alter("SET DEFAULT \($0)")] } ?? [])
        let down = (newDefault.map { _ in [alter("DROP DEFAULT")] } ?? [])
            + [alter("TYPE \(oldType)\(using(backward, oldType))")]
            + (oldDefault.map { [alter("SET DEFAULT \($0)")] } ?? [])
        return MigrationStep(
            summary: "change type of \(target) from \(oldType) to \(newType)", up: up, down: down,
            location: new.location, risks: risks)
    }

    /// NOT NULL added (existing NULLs first set to the new default when there is one) or removed.
    func nullabilityStep() -> MigrationStep? {
        guard old.isOptional != new.isOptional else { return nil }
        if new.isOptional {
            return MigrationStep(
                summary: "allow NULL in \(target)", up: [alter("DROP NOT NULL")], down: [alter("SET NOT NULL")],
                location: new.location)
        }
        var up = [alter("SET NOT NULL")]
        var risks: [MigrationRisk] = []
        if let value = newDefault {
            up.insert("UPDATE \(SQL.identifier(table)) SET \(column) = \(value) WHERE \(column) IS NULL;", at: 0)
        } else {
            risks.append(MigrationRisk(
                kind: .setNotNull, target: target,
                message: "makes \(target) required without a default; the migration fails if a row holds NULL",
                location: new.location))
        }
        return MigrationStep(
            summary: "require a value in \(target)", up: up, down: [alter("DROP NOT NULL")], location: new.location,
            risks: risks)
    }

    /// A changed default, when the type stayed (a type change sets the new default itself).
    func defaultStep() -> MigrationStep? {
        guard oldType == newType, oldDefault != newDefault else { return nil }
        let set = { (value: String?) in value.map { self.alter("SET DEFAULT \($0)") } ?? self.alter("DROP DEFAULT") }
        return MigrationStep(
            summary: "change default of \(target)", up: [set(newDefault)], down: [set(oldDefault)],
            location: new.location)
    }

    /// An identity column that appears or goes away.
    func identitySteps() -> [MigrationStep] {
        let wasIdentity = old.defaultValue == .identity
        let isIdentity = new.defaultValue == .identity
        guard wasIdentity != isIdentity else { return [] }
        let add = alter("ADD GENERATED BY DEFAULT AS IDENTITY")
        let drop = alter("DROP IDENTITY")
        return [MigrationStep(
            summary: isIdentity ? "make \(target) an identity column" : "stop generating \(target)",
            up: [isIdentity ? add : drop], down: [isIdentity ? drop : add], location: new.location)]
    }
}
