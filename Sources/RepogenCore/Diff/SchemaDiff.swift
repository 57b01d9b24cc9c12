/// Compares the schema of the last migration with the current one and plans the migration between them.
///
/// A pure function of the two schemas: source locations never count as changes, renames come only from
/// `renamed_from:` hints, and every step carries its reverse.
/// ```swift
/// let plan = SchemaDiff.plan(from: snapshot, to: schema)
/// if plan.isEmpty { print("No changes") }
/// ```
public struct SchemaDiff: Sendable {
    /// The schema the database has now (the snapshot of the last migration).
    public let old: Schema
    /// The schema the database should have.
    public let new: Schema
    /// The table and column renames the new schema asks for.
    let renames: RenameMap
    /// `old` with the renames applied: the state every step after the renames works on.
    let renamedOld: Schema

    /// Prepares the comparison of `old` and `new`.
    public init(from old: Schema, to new: Schema) {
        self.old = old
        self.new = new
        renames = RenameMap(from: old, to: new)
        renamedOld = renames.applied(to: old)
    }

    /// The migration from `old` to `new`.
    public static func plan(from old: Schema, to new: Schema) -> MigrationPlan {
        SchemaDiff(from: old, to: new).plan()
    }

    /// The steps in the order they must run: enum labels (outside a transaction), then the transactional body
    /// (types, renames, dropped policies, drops, alterations, additions, new policies; search columns dropped
    /// before and added after the columns they read), then index builds and validations (outside it).
    public func plan() -> MigrationPlan {
        let indexes = indexChanges()
        var steps = addedEnumValueSteps() + createdEnumSteps() + recreatedEnumSteps()
        steps += renameSteps(indexes: indexes)
        steps += droppedRowLevelSecuritySteps()
        steps += droppedForeignKeySteps() + droppedUniqueSteps() + droppedIndexSteps(indexes)
        steps += droppedSearchSteps() + droppedColumnSteps() + droppedTableSteps()
        steps += alteredColumnSteps() + addedColumnSteps() + addedSearchSteps() + createdTableSteps()
        steps += addedRowLevelSecuritySteps()
        steps += addedForeignKeySteps() + droppedEnumSteps()
        steps += createdIndexSteps(indexes) + searchIndexSteps() + addedUniqueSteps() + validatedForeignKeySteps()
        return MigrationPlan(steps: steps, unsupported: unsupportedChanges())
    }

    /// Tables in both schemas, as (old with renames applied, new).
    var commonEntities: [(old: Entity, new: Entity)] {
        new.entities.compactMap { entity in
            renamedOld.entities.first { $0.table == entity.table }.map { ($0, entity) }
        }
    }

    /// Tables only the new schema has.
    var createdEntities: [Entity] {
        new.entities.filter { entity in !renamedOld.entities.contains { $0.table == entity.table } }
    }

    /// Tables only the old schema has.
    var droppedEntities: [Entity] {
        renamedOld.entities.filter { entity in !new.entities.contains { $0.table == entity.table } }
    }

    /// The old entity as the snapshot declares it (before renames), for locations and original names.
    func snapshotEntity(table renamedTable: String) -> Entity? {
        let original = renames.tables.first { $0.value == renamedTable }?.key ?? renamedTable
        return old.entities.first { $0.table == original }
    }

    /// Changes the diff refuses to guess: a different primary key column or type of key.
    func unsupportedChanges() -> [Diagnostic] {
        commonEntities.compactMap { pair in
            let oldKey = pair.old.primaryKey
            let newKey = pair.new.primaryKey
            guard oldKey.column != newKey.column else { return nil }
            return .error(
                "the primary key of \(pair.new.table) changed from \(oldKey.column) to \(newKey.column); "
                    + "repogen does not generate primary key changes, write this migration by hand",
                at: newKey.location)
        }
    }

    /// `ALTER TABLE table ACTION;`
    static func alter(_ table: String, _ action: String) -> String {
        "ALTER TABLE \(SQL.identifier(table)) \(action);"
    }
}
