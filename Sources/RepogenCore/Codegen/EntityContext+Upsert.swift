/// Upserts as repository methods, one per unique key: `upsertBySlug(_:)` inserts or overwrites by `slug`.
extension EntityContext {
    /// `upsert` for the primary key, else `upsertBy` + the key's Swift names, capitalised and joined by `And`
    /// (`upsertByBookIDAndGenreID`).
    static func upsertName(_ key: UniqueKey) -> String {
        guard !key.isPrimaryKey else { return "upsert" }
        return "upsertBy" + key.fields.map { $0.swiftName.prefix(1).uppercased() + $0.swiftName.dropFirst() }
            .joined(separator: "And")
    }

    static func upsertMethods(_ sql: RepositorySQL, createBinds: [Bind], invalidation: [Bind]) -> [MethodText] {
        let entity = sql.entity
        let scoping = sql.tenantField == nil ? [] : tenantBinds(entityName: entity.name)
        let actor = sql.audit == nil ? [] : [Bind(line: "binds.append(AuditContext.actor)")]
        return sql.uniqueKeys.map { key in
            let name = upsertName(key)
            let fields = key.fields.map { SwiftLiteral.string($0.swiftName) }.joined(separator: ", ")
            let opening = [Bind(line: "try input.validate()"), Bind(line: "var binds = PostgresBindings()")]
            let body = opening + createBinds + scoping + actor + [
                Bind(line: "let result = try await runWrite(Self.\(name)Statement, binds)"),
                Bind(line: "let row = try result.decodeFirst(\(entity.name).decode, orThrow: "
                    + ".upsertKeyHeld(\(SwiftLiteral.string(entity.name)), fields: [\(fields)]))"),
            ] + invalidation + [Bind(line: "return row")]
            return MethodText(
                doc: DocComment.wrapped(upsertDoc(key, entity: entity)),
                signature: signature(name, "_ input: New\(entity.name)", returns: entity.name),
                body: body)
        }
    }

    static func upsertDoc(_ key: UniqueKey, entity: Entity) -> String {
        let columns = key.fields.map { "`\($0.column)`" }.joined(separator: ", ")
        let live = key.isLiveOnly ? " live" : ""
        var managed = entity.behaviours.timestamps ? " and bumps `updated_at`" : ""
        if entity.behaviours.versioned { managed += (managed.isEmpty ? " and" : ",") + " increments `version`" }
        let audited = entity.behaviours.audited ? ", audited as `create` or `update` in the same statement" : ""
        let tenant = entity.field(withRole: .tenant) == nil ? "" : " of the unit of work's tenant"
        return "Inserts `input`, or, when a\(live) row\(tenant) already has its \(columns), overwrites that row's "
            + "other columns with the input's\(managed) (one `INSERT ... ON CONFLICT` statement\(audited)); returns "
            + "the stored row. Throws `constraintViolation` (`unique`) when a row it may not overwrite holds the key "
            + "(soft-deleted, or another tenant's)."
            + (key.isPrimaryKey ? " Without a key in the input, a new one is drawn and the row is inserted." : "")
    }

    static func upsertStatements(_ sql: RepositorySQL) -> [Statement] {
        sql.uniqueKeys.map { key in
            let scoping = (sql.tenantField == nil ? [] : [".text"]) + (sql.audit == nil ? [] : [".text"])
            let types = sql.insertFields.map { ".\($0.type.bindTypeName)" } + scoping
            return statement((upsertName(key) + "", sql.upsert(key), types), table: sql.entity.table, readOnly: false)
        }
    }
}
