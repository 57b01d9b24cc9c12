/// Upserts: `INSERT ... ON CONFLICT (key) DO UPDATE` on each unique key whose columns the create input sets.
///
/// Generated only for entities that are neither `append_only`, `audited` nor tenant-scoped: an upsert of an audited
/// row would have to be audited as create or update depending on the path taken, and a tenant-scoped unique key may
/// or may not include the tenant column, so those entities keep `create` and `update` (docs/generated-api.md).
struct UniqueKey {
    /// The key's fields, in index order.
    let fields: [Field]
    /// Whether the unique index covers live rows only (`WHERE deleted_at IS NULL`), so the conflict target says so.
    let isLiveOnly: Bool
}

extension RepositorySQL {
    /// Whether the entity gets upserts at all.
    var canUpsert: Bool {
        !entity.behaviours.appendOnly && !entity.behaviours.audited && tenantField == nil
    }

    /// The unique keys an upsert can target: unique fields and unique indexes (total, or over live rows) whose
    /// columns are all create-input columns, without duplicates, in declaration order.
    var uniqueKeys: [UniqueKey] {
        guard canUpsert else { return [] }
        let insertable = Set(insertFields.map(\.column))
        var seen: Set<[String]> = []
        var keys: [UniqueKey] = []
        let add = { (columns: [String], liveOnly: Bool) in
            guard !columns.isEmpty, columns.allSatisfy(insertable.contains),
                  seen.insert(columns.sorted()).inserted else { return }
            keys.append(UniqueKey(fields: columns.compactMap(entity.field(forColumn:)), isLiveOnly: liveOnly))
        }
        let softDeleted = deletedAt != nil
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

    /// Inserts the create input, or, when a row holds the key, writes every other input column over it
    /// (bumping `updated_at` / `version`), and returns the row either way.
    func upsert(_ key: UniqueKey) -> String {
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
        return insertRow + " ON CONFLICT (\(target))\(live) DO UPDATE SET \(assignments.joined(separator: ", ")) "
            + "RETURNING \(selectList)"
    }
}
