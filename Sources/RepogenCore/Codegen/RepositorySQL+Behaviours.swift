/// The statements behaviours, finders and relations add to a repository.
extension RepositorySQL {
    /// Soft delete: stamps `deleted_at` on a live row (and bumps `updated_at` / `version` like any write).
    var softDelete: String {
        setDeletedAt(to: "now()", whereItIs: "IS NULL", auditAction: "delete")
    }

    /// Restore: clears `deleted_at` on a soft-deleted row.
    var restore: String {
        setDeletedAt(to: "NULL", whereItIs: "IS NOT NULL", auditAction: "update")
    }

    /// `UPDATE ... SET deleted_at = value` on the keyed row whose `deleted_at` is in the given state, audited
    /// as `auditAction` when the entity is audited.
    private func setDeletedAt(to value: String, whereItIs state: String, auditAction: String) -> String {
        let deletedAt = deletedAt ?? "deleted_at"
        let assignments = ["\(deletedAt) = \(value)"] + managedUpdateAssignments
        let condition = "\(keyCondition)\(tenantCondition(2)) AND \(deletedAt) \(state)"
        if let audit {
            return audited(set: assignments.joined(separator: ", "), condition: condition,
                           action: auditAction, actorBind: 2 + tenantBindCount, audit: audit)
        }
        return "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \(condition)"
    }

    /// The version a live row is at, read after an optimistic update matched nothing.
    var currentVersion: String {
        let version = entity.field(withRole: .version).map { SQL.identifier($0.column) } ?? "version"
        return "SELECT \(version) FROM \(table) WHERE \(keyCondition)\(tenantCondition(2))\(liveCondition())"
    }

    /// A finder: equality on its columns over live rows; a list finder sorts by its order, then the primary key,
    /// and pages with two trailing `bigint` binds.
    func finder(_ finder: Finder) -> String {
        let fields = finder.columns.compactMap(entity.field(forColumn:))
        let conditions = fields.enumerated().map { offset, field in
            "\(SQL.identifier(field.column)) = \(bind(offset + 1, field))"
        }
        let tenant = tenantCondition(fields.count + (finder.isUnique ? 1 : 3))
        let base = "SELECT \(selectList) FROM \(table) WHERE \(conditions.joined(separator: " AND "))"
            + tenant + liveCondition()
        guard !finder.isUnique else { return base }
        var order = finder.order.map { SQL.identifier($0.column) + ($0.isDescending ? " DESC" : "") }
        if !finder.order.contains(where: { $0.column == entity.primaryKey.column }) {
            order.append(primaryKey)
        }
        let limit = fields.count + 1
        return base + " ORDER BY \(order.joined(separator: ", ")) LIMIT $\(limit)::bigint OFFSET $\(limit + 1)::bigint"
    }

    /// The rows of a has_many / has_one relation for many parents at once: `fk = ANY($1)`, in primary key order.
    static func relatedRows(
        of target: RepositorySQL, foreignKey: Field, parentKey: Field, rows: DeletedRowFilter = .live
    ) -> String {
        let column = SQL.identifier(foreignKey.column)
        let keys = "$1::\(parentKey.type.bindCast(in: target.schema))[]"
        return "SELECT \(target.selectList) FROM \(target.table) WHERE \(column) = ANY(\(keys))"
            + target.tenantCondition(2) + target.deletedCondition(rows) + " ORDER BY \(target.primaryKey)"
    }

    /// ` AND deleted_at IS NULL` (live rows), ` AND deleted_at IS NOT NULL` (deleted rows) or nothing (all rows,
    /// or no soft delete), on `alias` when given.
    func deletedCondition(_ rows: DeletedRowFilter, alias: String = "") -> String {
        guard let deletedAt else { return "" }
        switch rows {
        case .live: return " AND \(alias)\(deletedAt) IS NULL"
        case .all: return ""
        case .deleted: return " AND \(alias)\(deletedAt) IS NOT NULL"
        }
    }

    /// The rows of a many-to-many relation for many parents in one join: the target's columns in declaration order,
    /// then the parent key from the join entity, so the target's own decoder reads the row unchanged.
    static func joinedRows(of target: RepositorySQL, through link: RepositorySQL, parentColumn: Field,
                           targetColumn: Field, parentKey: Field, rows: DeletedRowFilter = .live) -> String {
        let select = target.entity.fields.map { "target." + SQL.identifier($0.column) }
        let parent = "link." + SQL.identifier(parentColumn.column)
        let keys = "$1::\(parentKey.type.bindCast(in: target.schema))[]"
        let join = "link.\(SQL.identifier(targetColumn.column)) = target.\(target.primaryKey)"
        var filter = "\(parent) = ANY(\(keys))" + target.tenantCondition(2, alias: "target.")
            + link.tenantCondition(2, alias: "link.")
        filter += target.deletedCondition(rows, alias: "target.")
        if let deletedAt = link.deletedAt { filter += " AND link.\(deletedAt) IS NULL" }
        return "SELECT \((select + [parent]).joined(separator: ", ")) FROM \(target.table) AS target "
            + "JOIN \(link.table) AS link ON \(join) WHERE \(filter) ORDER BY \(parent), target.\(target.primaryKey)"
    }
}

/// Which rows of a soft-deleted entity an eager load returns: live ones (the default), all, or deleted ones only.
enum DeletedRowFilter: CaseIterable {
    case live, all, deleted

    /// The suffix of the load statement's property: none, `IncludingDeleted`, `OnlyDeleted`.
    var statementSuffix: String {
        switch self {
        case .live: return ""
        case .all: return "IncludingDeleted"
        case .deleted: return "OnlyDeleted"
        }
    }
}
