/// Row-level security that appears, disappears or changes with `tenant:` on a table both schemas have.
///
/// A policy is dropped before columns are dropped or retyped (it depends on its column) and created after
/// columns are added, so a new tenant column exists when its policy is created.
extension SchemaDiff {
    /// The tenant column and its SQL type of an entity, nil when it is not tenant-scoped.
    func tenantSignature(_ entity: Entity, in schema: Schema) -> String? {
        entity.field(withRole: .tenant).map { $0.column + " " + $0.type.bindCast(in: schema) }
    }

    /// Common tables whose tenant column (or its type) differs between the schemas.
    var changedTenantEntities: [(old: Entity, new: Entity)] {
        commonEntities.filter { tenantSignature($0.old, in: old) != tenantSignature($0.new, in: new) }
    }

    /// Policies removed (or about to be recreated): up drops them, down puts the old one back.
    func droppedRowLevelSecuritySteps() -> [MigrationStep] {
        changedTenantEntities.filter { $0.old.behaviours.tenantColumn != nil }.map { pair in
            MigrationStep(
                summary: "drop row level security on \(pair.new.table)",
                up: SchemaDDL.droppedRowLevelSecurity(table: pair.new.table),
                down: SchemaDDL.rowLevelSecurity(of: pair.old, in: old),
                location: pair.new.location)
        }
    }

    /// Policies added (or recreated for a changed tenant column): up creates them, down drops them.
    func addedRowLevelSecuritySteps() -> [MigrationStep] {
        changedTenantEntities.filter { $0.new.behaviours.tenantColumn != nil }.map { pair in
            MigrationStep(
                summary: "enable row level security on \(pair.new.table)",
                up: SchemaDDL.rowLevelSecurity(of: pair.new, in: new),
                down: SchemaDDL.droppedRowLevelSecurity(table: pair.new.table),
                location: pair.new.location)
        }
    }
}
