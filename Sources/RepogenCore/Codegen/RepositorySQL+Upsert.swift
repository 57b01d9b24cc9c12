import Foundation

/// Upserts: `INSERT ... ON CONFLICT (key) DO UPDATE` on each unique key whose columns the create input (and, for a
/// tenant-scoped entity, the unit of work's tenant) sets; every entity but `append_only` ones gets them.
///
/// The update path only overwrites a live row of the caller's tenant (`DO UPDATE ... WHERE`): a key held by a
/// soft-deleted row (under a unique index over all rows) or by another tenant's row (under a key without the tenant
/// column) leaves that row untouched, returns no row, and the generated method throws `constraintViolation` /
/// `unique`. Under a live-rows unique index a soft-deleted row does not hold the key, so the upsert inserts a new
/// row. An audited entity's upsert appends its audit row in the same statement: `create` when the row was inserted
/// (`xmax = 0` on the returned row), `update` with the changed columns otherwise (docs/generated-api.md).
struct UniqueKey {
    /// The key's fields, in index order.
    let fields: [Field]
    /// Whether the unique index covers live rows only (`WHERE deleted_at IS NULL`), so the conflict target says so.
    let isLiveOnly: Bool

    /// Whether the key is the primary key alone (its upsert is plain `upsert(_:)`).
    var isPrimaryKey: Bool {
        fields.count == 1 && fields[0].isPrimary
    }
}

extension RepositorySQL {
    /// Whether the entity gets upserts at all.
    var canUpsert: Bool {
        !entity.behaviours.appendOnly
    }

    /// The unique keys an upsert can target: the primary key when the create input may carry it (a uuid key, not
    /// an identity), then unique fields and unique indexes (total, or over live rows) whose columns are all
    /// create-input columns, without duplicates, in declaration order.
    var uniqueKeys: [UniqueKey] {
        guard canUpsert else { return [] }
        let insertable = Set(insertFields.map(\.column) + (tenantField.map { [$0.column] } ?? []))
        var seen: Set<[String]> = []
        var keys: [UniqueKey] = []
        let add = { (columns: [String], liveOnly: Bool) in
            guard !columns.isEmpty, columns.allSatisfy(insertable.contains),
                  seen.insert(columns.sorted()).inserted else { return }
            keys.append(UniqueKey(fields: columns.compactMap(entity.field(forColumn:)), isLiveOnly: liveOnly))
        }
        let softDeleted = deletedAt != nil
        for field in entity.fields where field.isPrimary {
            add([field.column], false)
        }
        for field in entity.fields where field.isUnique && !field.isPrimary {
            add([field.column], softDeleted)
        }
        for index in entity.indexes where index.isUnique && index.method == .btree {
            let predicate = index.predicate
            guard predicate == nil || predicate.map(IndexPredicate.isLiveRowsFilter) == true else { continue }
            add(index.columns.map(\.column), predicate != nil)
        }
        return keys
    }

    /// Inserts the create input, or, when a live row of the tenant holds the key, writes every other input column
    /// over it (bumping `updated_at` / `version`), and returns the row either way (audited when the entity is).
    func upsert(_ key: UniqueKey) -> String {
        guard let audit else { return plainUpsert(key, returning: selectList) }
        let actorBind = insertFields.count + tenantBindCount + 1
        let image = "(to_jsonb(w) - '\(Self.insertedFlag)')"
        let before = "CASE WHEN w.\(Self.insertedFlag) THEN NULL ELSE \(Self.changed("old.image", from: image)) END"
        let after = "CASE WHEN w.\(Self.insertedFlag) THEN \(image) ELSE \(Self.changed(image, from: "old.image")) END"
        let action = "CASE WHEN w.\(Self.insertedFlag) THEN 'create' ELSE 'update' END"
        let old = "WITH old AS (SELECT \(primaryKey), \(rowImage) AS image FROM \(table) AS x WHERE "
            + keyMatch(key) + " FOR UPDATE), "
        let returning = "\(selectList), (xmax = 0) AS \(Self.insertedFlag)"
        let written = "written AS (" + plainUpsert(key, returning: returning, after: "old") + "), "
        return old + written
            + auditInsert(audit, action: action, before: before, after: after, actorBind: actorBind, literal: false)
            + " FROM written AS w LEFT JOIN old ON old.\(primaryKey) = w.\(primaryKey)) "
            + "SELECT \(selectList) FROM written"
    }

    /// The column an audited upsert's `RETURNING` adds: whether the row was inserted rather than updated.
    static let insertedFlag = "repogen_inserted"

    /// `"slug" = COALESCE($2::text, ...) AND ...`: the key columns equal to the values the insert writes, for the
    /// before-image of an audited upsert.
    func keyMatch(_ key: UniqueKey) -> String {
        var conditions = key.fields.map { field -> String in
            let column = SQL.identifier(field.column)
            if field.role == .tenant { return "\(column) = \(tenantValue(insertFields.count + 1))" }
            let position = insertFields.firstIndex { $0.column == field.column }.map { $0 + 1 } ?? 0
            return "\(column) = \(valueOrDefault(bind(position, field), field))"
        }
        if key.isLiveOnly, let deletedAt { conditions.append("\(deletedAt) IS NULL") }
        // Only the tenant's own row can be overwritten, so only it is read and locked.
        if let tenant = tenantField, !key.fields.contains(where: { $0.column == tenant.column }),
           let comparison = tenantComparison(insertFields.count + 1) {
            conditions.append(comparison)
        }
        return conditions.joined(separator: " AND ")
    }

    /// `INSERT ... ON CONFLICT (key) [WHERE live] DO UPDATE SET ... WHERE live AND tenant RETURNING returning`.
    ///
    /// With `after`, the row is inserted by `INSERT ... SELECT values WHERE (SELECT count(*) FROM after) >= 0`: a CTE
    /// runs when first read, and `old` read after the upsert touched its row would skip it (a row this statement
    /// already changed is invisible to its own `FOR UPDATE`), so the insert reads it first.
    func plainUpsert(_ key: UniqueKey, returning: String, after: String? = nil) -> String {
        let keyColumns = Set(key.fields.map(\.column))
        let target = key.fields.map { SQL.identifier($0.column) }.joined(separator: ", ")
        let live = key.isLiveOnly ? deletedAt.map { " WHERE \($0) IS NULL" } ?? "" : ""
        var assignments = insertFields.filter { !keyColumns.contains($0.column) && !$0.isPrimary }.map { field in
            "\(SQL.identifier(field.column)) = EXCLUDED.\(SQL.identifier(field.column))"
        }
        assignments += entity.fields.compactMap { field in
            let column = SQL.identifier(field.column)
            switch field.role {
            case .updatedAt?: return "\(column) = now()"
            case .version?: return "\(column) = \(table).\(column) + 1"
            default: return nil
            }
        }
        if assignments.isEmpty, let first = key.fields.first {
            assignments = ["\(SQL.identifier(first.column)) = EXCLUDED.\(SQL.identifier(first.column))"]
        }
        var overwritable = deletedAt.map { ["\(table).\($0) IS NULL"] } ?? []
        if let tenant = tenantComparison(insertFields.count + 1, alias: table + ".") { overwritable.append(tenant) }
        let guardClause = overwritable.isEmpty ? "" : " WHERE " + overwritable.joined(separator: " AND ")
        var insert = insertRow
        if let after, let values = insert.range(of: " VALUES (", options: .backwards), insert.hasSuffix(")") {
            insert = String(insert[..<values.lowerBound]) + " SELECT "
                + insert[values.upperBound...].dropLast() + " WHERE (SELECT count(*) FROM \(after)) >= 0"
        }
        return insert + " ON CONFLICT (\(target))\(live) DO UPDATE SET \(assignments.joined(separator: ", "))"
            + guardClause + " RETURNING \(returning)"
    }
}
