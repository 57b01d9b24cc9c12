/// Tenant scoping (`tenant: FIELD`): every statement of a tenant-scoped entity compares or sets the tenant column
/// with one extra `text` bind, the unit of work's tenant, placed after the statement's own binds (before the actor).
extension RepositorySQL {
    /// The tenant field, nil when the entity is not tenant-scoped.
    var tenantField: Field? {
        entity.field(withRole: .tenant)
    }

    /// 1 when statements bind the tenant, else 0.
    var tenantBindCount: Int {
        tenantField == nil ? 0 : 1
    }

    /// `$n::text::uuid`: the tenant bind as the tenant column's type.
    func tenantValue(_ position: Int) -> String {
        "$\(position)::text::\(tenantField.map { $0.type.bindCast(in: schema) } ?? "text")"
    }

    /// `"organisation_id" = $n::text::uuid` (on `alias.` when given), or nil when not tenant-scoped.
    func tenantComparison(_ position: Int, alias: String = "") -> String? {
        tenantField.map { "\(alias)\(SQL.identifier($0.column)) = \(tenantValue(position))" }
    }

    /// ` AND "organisation_id" = $n::text::uuid`, or nothing.
    func tenantCondition(_ position: Int, alias: String = "") -> String {
        tenantComparison(position, alias: alias).map { " AND " + $0 } ?? ""
    }

    /// The tenant column an insert writes, quoted, or none.
    var tenantColumns: [String] {
        tenantField.map { [SQL.identifier($0.column)] } ?? []
    }

    /// The tenant value an insert writes: the bind after the inserted fields, or none.
    var tenantInsertValues: [String] {
        tenantField == nil ? [] : [tenantValue(insertFields.count + 1)]
    }

    /// ` WHERE tenant = $n [AND deleted_at IS NULL]` for statements without other conditions, or nothing.
    func scopedWhere(tenantBind position: Int, live: Bool) -> String {
        var conditions = [tenantComparison(position)].compactMap { $0 }
        if live, let deletedAt { conditions.append("\(deletedAt) IS NULL") }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}
