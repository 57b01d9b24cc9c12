/// Row-level security for tenant-scoped entities (`tenant: FIELD`): the second, database-side layer of isolation.
///
/// The policy compares the tenant column with `app.tenant_id`, which the runtime sets per transaction with
/// `set_config('app.tenant_id', tenant, true)`; unset or empty, it matches no row. FORCE applies the policy to
/// the table's owner too; superusers and roles with BYPASSRLS still bypass it (docs/security.md).
extension SchemaDDL {
    /// The policy's name; policy names are per table, so one fixed name survives table renames.
    public static let tenantPolicyName = "repogen_tenant_isolation"

    /// `ENABLE` and `FORCE ROW LEVEL SECURITY` and the tenant policy of `entity`, or nothing when not tenant-scoped.
    public static func rowLevelSecurity(of entity: Entity, in schema: Schema) -> [String] {
        guard let tenant = entity.field(withRole: .tenant) else { return [] }
        let table = SQL.identifier(entity.table)
        let setting = "NULLIF(current_setting('app.tenant_id', true), '')::\(tenant.type.bindCast(in: schema))"
        let condition = "\(SQL.identifier(tenant.column)) = \(setting)"
        return [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;",
            "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;",
            "CREATE POLICY \(tenantPolicyName) ON \(table)\n    USING (\(condition))\n    WITH CHECK (\(condition));",
        ]
    }

    /// The statements that remove what `rowLevelSecurity(of:in:)` adds from `table`.
    public static func droppedRowLevelSecurity(table: String) -> [String] {
        let table = SQL.identifier(table)
        return [
            "DROP POLICY \(tenantPolicyName) ON \(table);",
            "ALTER TABLE \(table) NO FORCE ROW LEVEL SECURITY;",
            "ALTER TABLE \(table) DISABLE ROW LEVEL SECURITY;",
        ]
    }
}
