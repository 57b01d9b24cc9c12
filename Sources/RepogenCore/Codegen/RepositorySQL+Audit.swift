/// The audit trail: audited writes append one `AuditEntry` row per written row, in the same statement.
///
/// Convention (docs/queries.md): the schema's entity named `AuditEntry` is the audit table. It needs the columns
/// `action` (an enum with `create`, `update`, `delete`, or a string), `entity` and `entity_id` (strings),
/// `before` and `after` (json, optional), and may have an `actor` (any key type, cast from text) and a tenant
/// column (its own `tenant:` field, else a column named `tenant_id`), which records the written row's tenant.
struct AuditTarget {
    let table: String
    let actor: (column: String, sqlType: String)?
    let action: String
    let actionType: String
    let entity: String
    let entityID: String
    let before: String
    let after: String
    let tenant: (column: String, sqlType: String)?

    /// The audit table of `schema`, or nil when it has no `AuditEntry` entity of the documented shape.
    init?(schema: Schema) {
        guard let entry = schema.entities.first(where: { $0.name == "AuditEntry" }),
            let action = entry.field(forColumn: "action"), let entity = entry.field(forColumn: "entity"),
            let entityID = entry.field(forColumn: "entity_id"), let before = entry.field(forColumn: "before"),
            let after = entry.field(forColumn: "after")
        else { return nil }
        table = SQL.identifier(entry.table)
        let actor = entry.field(forColumn: "actor_id") ?? entry.field(forColumn: "actor")
        self.actor = actor.map { (SQL.identifier($0.column), $0.type.bindCast(in: schema)) }
        self.action = SQL.identifier(action.column)
        actionType = action.type.bindCast(in: schema)
        self.entity = SQL.identifier(entity.column)
        self.entityID = SQL.identifier(entityID.column)
        self.before = SQL.identifier(before.column)
        self.after = SQL.identifier(after.column)
        let tenant = entry.field(withRole: .tenant) ?? entry.field(forColumn: "tenant_id")
        self.tenant = tenant.map { (SQL.identifier($0.column), $0.type.bindCast(in: schema)) }
    }
}

extension RepositorySQL {
    /// The audit table when this entity is `audited` and the schema has one.
    var audit: AuditTarget? {
        entity.behaviours.audited ? AuditTarget(schema: schema) : nil
    }

    /// `jsonb` of the keys whose value in `image` differs from `other`.
    static func changed(_ image: String, from other: String) -> String {
        "(SELECT jsonb_object_agg(d.key, d.value) FROM jsonb_each(\(image)) AS d "
            + "WHERE d.value IS DISTINCT FROM (\(other) -> d.key))"
    }

    /// `to_jsonb(x)` of a whole table row `x`, without the full-text search column (never audited).
    var rowImage: String {
        entity.search == nil ? "to_jsonb(x)" : "(to_jsonb(x) - \(SQL.stringLiteral(EntitySearch.column)))"
    }

    /// An INSERT ... RETURNING wrapped so every inserted row is audited as `create`.
    func audited(insert: String, actorBind: Int, audit: AuditTarget) -> String {
        "WITH written AS (\(insert)), "
            + auditInsert(audit, action: "create", before: "NULL", after: "to_jsonb(w)", actorBind: actorBind)
            + " FROM written AS w) SELECT \(selectList) FROM written"
    }

    /// An UPDATE wrapped so each updated row is audited with the changed columns before and after.
    func audited(set: String, condition: String, action: String, actorBind: Int, audit: AuditTarget) -> String {
        let before = Self.changed("old.image", from: "to_jsonb(w)")
        let after = Self.changed("to_jsonb(w)", from: "old.image")
        return "WITH old AS (SELECT \(primaryKey), \(rowImage) AS image FROM \(table) AS x WHERE \(condition) "
            + "FOR UPDATE), written AS (UPDATE \(table) SET \(set) WHERE \(primaryKey) IN "
            + "(SELECT \(primaryKey) FROM old) RETURNING \(selectList)), "
            + auditInsert(audit, action: action, before: before, after: after, actorBind: actorBind)
            + " FROM written AS w JOIN old ON old.\(primaryKey) = w.\(primaryKey)) SELECT \(selectList) FROM written"
    }

    /// A DELETE wrapped so each removed row is audited as `delete` with its last image.
    func audited(deleteWhere condition: String, actorBind: Int, audit: AuditTarget) -> String {
        "WITH written AS (DELETE FROM \(table) WHERE \(condition) RETURNING \(selectList)), "
            + auditInsert(audit, action: "delete", before: "to_jsonb(w)", after: "NULL", actorBind: actorBind)
            + " FROM written AS w) SELECT \(primaryKey) FROM written"
    }

    /// `audit AS (INSERT INTO audit (...) SELECT ...`: `action` is a literal action name, or (not `literal`) an SQL
    /// expression yielding one.
    func auditInsert(
        _ audit: AuditTarget, action: String, before: String, after: String, actorBind: Int, literal: Bool = true
    ) -> String {
        var columns = [audit.action, audit.entity, audit.entityID, audit.before, audit.after]
        let actionValue = literal ? "'\(action)'::\(audit.actionType)" : "(\(action))::\(audit.actionType)"
        var values = [actionValue, "'\(entity.name)'", "w.\(primaryKey)::text", before, after]
        if let tenant = audit.tenant {
            columns.append(tenant.column)
            values.append(tenantField.map { "w.\(SQL.identifier($0.column))::text::\(tenant.sqlType)" } ?? "NULL")
        }
        if let actor = audit.actor {
            columns.insert(actor.column, at: 0)
            values.insert("$\(actorBind)::text::\(actor.sqlType)", at: 0)
        }
        return "audit AS (INSERT INTO \(audit.table) (\(columns.joined(separator: ", "))) "
            + "SELECT \(values.joined(separator: ", "))"
    }
}
