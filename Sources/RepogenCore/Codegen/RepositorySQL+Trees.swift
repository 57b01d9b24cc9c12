/// Walks of a self-referencing `belongs_to` (`parent: { belongs_to: Category }`) in one recursive statement.
///
/// Binds: `$1` the start row's key, `$2` the maximum depth (`bigint`, NULL for none), then the tenant. The walk
/// starts at the start row (depth 0, left out of the result) and carries the keys it has visited as an array, so a
/// cycle in the data ends where a row would repeat instead of looping; it stops at rows the caller cannot see
/// (soft-deleted, another tenant) and so never reaches past them. Rows come in depth order, then by primary key,
/// each followed by its depth.
extension RepositorySQL {
    /// Which way a walk goes: to the rows pointing at the current one, or to the row it points at.
    enum TreeDirection {
        case descendants, ancestors
    }

    func treeWalk(along reference: Field, _ direction: TreeDirection) -> String {
        let columns = entity.fields.map { SQL.identifier($0.column) }
        let taken = Set(entity.fields.map(\.column) + [entity.table])
        let cte = Self.unusedName("repogen_tree", taken: taken)
        let depth = Self.unusedName("repogen_depth", taken: taken)
        let path = Self.unusedName("repogen_path", taken: taken)
        let step = Self.unusedName("repogen_step", taken: taken)
        let foreignKey = SQL.identifier(reference.column)
        let join = direction == .descendants
            ? "\(step).\(foreignKey) = \(cte).\(primaryKey)" : "\(step).\(primaryKey) = \(cte).\(foreignKey)"
        let start = "SELECT \(selectList), 0::bigint, ARRAY[\(primaryKey)] FROM \(table) WHERE \(keyCondition)"
            + tenantCondition(3) + liveCondition()
        let next = "SELECT \(columns.map { "\(step).\($0)" }.joined(separator: ", ")), \(cte).\(depth) + 1, "
            + "\(cte).\(path) || \(step).\(primaryKey) FROM \(table) AS \(step) JOIN \(cte) ON \(join) "
            + "WHERE ($2::bigint IS NULL OR \(cte).\(depth) < $2::bigint) AND \(step).\(primaryKey) <> ALL(\(cte).\(path))"
            + tenantCondition(3, alias: "\(step).") + deletedCondition(.live, alias: "\(step).")
        return "WITH RECURSIVE \(cte) (\((columns + [depth, path]).joined(separator: ", "))) AS (\(start) UNION ALL "
            + "\(next)) SELECT \(selectList), \(depth) FROM \(cte) WHERE \(depth) > 0 ORDER BY \(depth), \(primaryKey)"
    }

    /// `base`, or `base` with underscores appended until it is none of `taken` (a column or the table).
    static func unusedName(_ base: String, taken: Set<String>) -> String {
        var name = base
        while taken.contains(name) { name += "_" }
        return name
    }
}
