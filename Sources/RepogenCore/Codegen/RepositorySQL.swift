/// The fixed SQL of one entity's repository, decided at generation time.
///
/// Every bind is cast (`$1::uuid`) so the server never has to guess a type, and a field with a
/// default is written as `COALESCE($n::type, default)` so one prepared statement covers inputs
/// with and without the value. Columns that play a behaviour role (`deleted_at`, `version`,
/// `created_at`, `updated_at`) are written by the statements themselves, never by callers.
struct RepositorySQL {
    let entity: Entity
    let schema: Schema

    /// Roles whose column the repository maintains, so they are in neither the create nor the patch input.
    static let managedRoles: Set<FieldRole> = [.softDelete, .version, .createdAt, .updatedAt]

    /// Whether the repository, not the caller, writes this field.
    static func isManaged(_ field: Field) -> Bool {
        field.role.map(managedRoles.contains) ?? false
    }

    /// Fields an insert binds: all except identity columns, which the database always assigns, managed ones and
    /// the tenant column, which comes from the unit of work's tenant.
    var insertFields: [Field] {
        entity.fields.filter { $0.defaultValue != .identity && !Self.isManaged($0) && $0.role != .tenant }
    }

    /// Fields a patch can change: everything but the primary key, managed columns and the tenant column.
    var patchFields: [Field] {
        entity.fields.filter { !$0.isPrimary && !Self.isManaged($0) && $0.role != .tenant }
    }

    /// Managed columns an insert writes itself because they have no column default (`created_at` → `now()`).
    var managedInsertValues: [(column: String, value: String)] {
        entity.fields.filter { Self.isManaged($0) && $0.defaultValue == nil }.compactMap { field in
            switch field.role {
            case .createdAt?, .updatedAt?: return (SQL.identifier(field.column), "now()")
            case .version?: return (SQL.identifier(field.column), "1")
            default: return nil
            }
        }
    }

    /// Assignments every write of a row adds: `updated_at = now()`, `version = version + 1`.
    var managedUpdateAssignments: [String] {
        entity.fields.compactMap { field in
            let column = SQL.identifier(field.column)
            switch field.role {
            case .updatedAt?: return "\(column) = now()"
            case .version?: return "\(column) = \(column) + 1"
            default: return nil
            }
        }
    }

    var table: String { SQL.identifier(entity.table) }
    var primaryKey: String { SQL.identifier(entity.primaryKey.column) }
    var selectList: String { entity.fields.map { SQL.identifier($0.column) }.joined(separator: ", ") }

    /// `deleted_at`, quoted, for a soft-deleted entity.
    var deletedAt: String? {
        guard entity.behaviours.softDelete, let field = entity.field(withRole: .softDelete) else { return nil }
        return SQL.identifier(field.column)
    }

    /// ` AND deleted_at IS NULL` for a soft-deleted entity when `live`, else nothing.
    func liveCondition(_ live: Bool = true) -> String {
        guard live, let deletedAt else { return "" }
        return " AND \(deletedAt) IS NULL"
    }

    func bind(_ position: Int, _ field: Field) -> String {
        "$\(position)::\(field.type.bindCast(in: schema))"
    }

    /// `value` as the column's type, with the field's default when it is NULL.
    func valueOrDefault(_ value: String, _ field: Field) -> String {
        guard let preset = field.defaultValue, let fallback = field.type.sqlDefault(preset, in: schema) else {
            return value
        }
        return "COALESCE(\(value), \(fallback))"
    }

    var keyCondition: String {
        "\(primaryKey) = \(bind(1, entity.primaryKey))"
    }

    /// ` WHERE deleted_at IS NULL` for a soft-deleted entity when `live`, else nothing.
    func liveWhere(_ live: Bool) -> String {
        guard live, let deletedAt else { return "" }
        return " WHERE \(deletedAt) IS NULL"
    }

    var find: String { find(live: true) }
    var findIncludingDeleted: String { find(live: false) }

    func find(live: Bool) -> String {
        "SELECT \(selectList) FROM \(table) WHERE \(keyCondition)\(tenantCondition(2))\(liveCondition(live))"
    }

    var findAll: String { findAll(live: true) }
    var findAllIncludingDeleted: String { findAll(live: false) }

    func findAll(live: Bool) -> String {
        "SELECT \(selectList) FROM \(table)\(scopedWhere(tenantBind: 3, live: live)) ORDER BY \(primaryKey) "
            + "LIMIT $1::bigint OFFSET $2::bigint"
    }

    var create: String {
        guard let audit else { return plainCreate }
        return audited(insert: plainCreate, actorBind: insertFields.count + tenantBindCount + 1, audit: audit)
    }

    var plainCreate: String {
        insertRow + " RETURNING \(selectList)"
    }

    /// The INSERT of one row from the create binds, without its RETURNING clause.
    var insertRow: String {
        let managed = managedInsertValues
        guard !insertFields.isEmpty || !managed.isEmpty else {
            return "INSERT INTO \(table) DEFAULT VALUES"
        }
        let columns = insertFields.map { SQL.identifier($0.column) } + tenantColumns + managed.map(\.column)
        let values = insertFields.enumerated()
            .map { valueOrDefault(bind($0.offset + 1, $0.element), $0.element) } + tenantInsertValues
            + managed.map(\.value)
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
    }

    /// One statement for any number of rows: each column travels as one array, `unnest` zips them.
    var createMany: String {
        guard let audit else { return plainCreateMany }
        return audited(insert: plainCreateMany, actorBind: insertFields.count + tenantBindCount + 1, audit: audit)
    }

    var plainCreateMany: String {
        let managed = managedInsertValues
        let columns = insertFields.map { SQL.identifier($0.column) } + tenantColumns + managed.map(\.column)
        let arrays = insertFields.enumerated().map { position, field in
            let element = field.type.travelsAsText ? "text" : field.type.bindCast(in: schema)
            return "$\(position + 1)::\(element)[]"
        }
        let aliases = insertFields.indices.map { "c\($0 + 1)" }
        let values = zip(insertFields, aliases).map { field, alias in
            let column = "input." + alias
            let cast = field.type.travelsAsText ? column + "::" + field.type.bindCast(in: schema) : column
            return valueOrDefault(cast, field)
        } + tenantInsertValues + managed.map(\.value)
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) "
            + "FROM unnest(\(arrays.joined(separator: ", "))) AS input(\(aliases.joined(separator: ", "))) "
            + "RETURNING \(selectList)"
    }

    var update: String { update(expectingVersion: false) }
    var updateExpectingVersion: String { update(expectingVersion: true) }

    /// Each patchable column has a flag and a value: `CASE WHEN $2::boolean THEN $3::text ELSE title END`;
    /// managed columns are bumped, and a versioned update may also require the version it read.
    func update(expectingVersion: Bool) -> String {
        let assignments = patchFields.enumerated().map { offset, field in
            let column = SQL.identifier(field.column)
            let flag = 2 + offset * 2
            return "\(column) = CASE WHEN $\(flag)::boolean THEN \(bind(flag + 1, field)) ELSE \(column) END"
        } + managedUpdateAssignments
        let setList = assignments.isEmpty ? "\(primaryKey) = \(primaryKey)" : assignments.joined(separator: ", ")
        var condition = keyCondition + liveCondition()
        if expectingVersion, let version = entity.field(withRole: .version) {
            condition += " AND \(SQL.identifier(version.column)) = \(bind(2 + patchFields.count * 2, version))"
        }
        let tenantBind = 2 + patchFields.count * 2 + (expectingVersion ? 1 : 0)
        condition += tenantCondition(tenantBind)
        if let audit {
            let actorBind = tenantBind + tenantBindCount
            return audited(set: setList, condition: condition, action: "update", actorBind: actorBind, audit: audit)
        }
        return "UPDATE \(table) SET \(setList) WHERE \(condition) RETURNING \(selectList)"
    }

    var delete: String {
        let condition = keyCondition + tenantCondition(2)
        guard let audit else { return "DELETE FROM \(table) WHERE \(condition)" }
        return audited(deleteWhere: condition, actorBind: 2 + tenantBindCount, audit: audit)
    }

    var count: String { count(live: true) }
    var countIncludingDeleted: String { count(live: false) }

    func count(live: Bool) -> String {
        "SELECT count(*) FROM \(table)\(scopedWhere(tenantBind: 1, live: live))"
    }

    var exists: String { exists(live: true) }
    var existsIncludingDeleted: String { exists(live: false) }

    func exists(live: Bool) -> String {
        "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(keyCondition)\(tenantCondition(2))\(liveCondition(live)))"
    }
}
