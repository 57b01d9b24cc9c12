/// Relations as eager loads: one statement per relation, however many parents, grouped by parent key in Swift.
extension EntityContext {
    /// Local and parameter names in a generated load or include method that the parents parameter must not shadow or
    /// repeat.
    static let relationLocals: Set<String> = [
        "binds", "rows", "row", "key", "grouped", "executor", "includeDeleted", "onlyDeleted",
        "include", "nested", "orderBy", "limit", "predicate",
    ]

    /// The method name of a relation: `load` + its Swift name capitalised (`quotes` → `loadQuotes`).
    static func relationName(_ relation: Relation) -> String {
        "load" + relation.swiftName.prefix(1).uppercased() + relation.swiftName.dropFirst()
    }

    /// A field of `entity` named by column (`owner_id`) or, failing that, by schema key (`owner`).
    static func field(_ name: String, of entity: Entity) -> Field? {
        entity.field(forColumn: name) ?? entity.fields.first { $0.name == name }
    }

    static func relationMethod(_ relation: Relation, of entity: Entity, schema: Schema) -> RelationMethod? {
        guard let target = schema.entity(named: relation.entity),
              let plan = RelationPlan(relation, of: entity, schema: schema) else { return nil }
        let key = entity.primaryKey
        let property = Naming.camelCase(entity.table)
        let parents = relationLocals.contains(property) ? "parents" : SwiftLiteral.identifier(property)
        let value = relation.kind == .hasOne ? target.name : "[\(target.name)]"
        let parentKey = "try row.decode(\(key.type.swiftType).self, at: \(target.fields.count))"
        let decode = relation.kind == .manyToMany
            ? "decodeRows { row in (\(parentKey), try \(target.name).decode(row)) }"
            : "decodeRows(\(target.name).decode)"
        let result = "[\(key.type.swiftType): \(value)]"
        let deleted = loadsSoftDeleted(relation, schema: schema)
        let flags = deleted ? ", includeDeleted: Bool = false, onlyDeleted: Bool = false" : ""
        return RelationMethod(
            doc: DocComment.wrapped(relationDoc(relation, of: entity, schema: schema)),
            signature: signature(relationName(relation), "for \(parents): [\(entity.name)]" + flags, returns: result),
            parents: parents,
            resultType: result,
            keys: "\(parents).map(\\.\(SwiftLiteral.identifier(key.swiftName)))",
            statement: deleted ? "statement" : "Self." + relationName(relation) + "Statement",
            decodeCall: decode,
            loopHeader: relation.kind == .manyToMany ? "for (key, row) in rows" : "for row in rows",
            groupLine: groupLine(relation.kind, foreignKey: plan.foreignKey),
            tenantBinds: isTenantScoped(relation, schema: schema) ? tenantBinds(entityName: target.name) : [],
            deletedChoice: deleted ? deletedChoice(loadName: relationName(relation)) : []
        )
    }

    /// How one loaded row joins its parent's entry: appended to a list, or as the one related row.
    static func groupLine(_ kind: Relation.Kind, foreignKey: Field?) -> String {
        guard kind != .manyToMany, let foreignKey else { return "grouped[key, default: []].append(row)" }
        let property = "row." + SwiftLiteral.identifier(foreignKey.swiftName)
        let key = foreignKey.isOptional ? "key" : property
        let store = kind == .hasOne ? "grouped[\(key)] = row" : "grouped[\(key), default: []].append(row)"
        return foreignKey.isOptional ? "if let key = \(property) { \(store) }" : store
    }

    static func relationDoc(_ relation: Relation, of entity: Entity, schema: Schema) -> String {
        let what = relation.kind == .hasOne ? "The `\(relation.name)` row" : "The `\(relation.name)` rows"
        let key = "`\(entity.primaryKey.swiftName)`"
        let softDeleted = [relation.entity, relation.through].contains { name in
            name.flatMap(schema.entity(named:))?.behaviours.softDelete == true
        }
        let hidden = !softDeleted ? ""
            : loadsSoftDeleted(relation, schema: schema)
            ? " Soft-deleted rows are left out unless `includeDeleted` (all rows) or `onlyDeleted` (deleted rows only)."
            : " Soft-deleted rows are left out."
        return "\(what) of every given `\(entity.name)` in one statement, keyed by \(key); "
            + "a parent with none is absent." + hidden
    }

    /// Whether the related entity or the join entity is tenant-scoped, so the load binds the tenant.
    static func isTenantScoped(_ relation: Relation, schema: Schema) -> Bool {
        [relation.entity, relation.through].contains { name in
            name.flatMap(schema.entity(named:))?.behaviours.tenantColumn != nil
        }
    }

    static func relationStatements(_ relations: [Relation], of entity: Entity, schema: Schema) -> [Statement] {
        relations.flatMap { relation -> [Statement] in
            let tenant = isTenantScoped(relation, schema: schema) ? [".text"] : []
            let types = [".\(entity.primaryKey.type.bindTypeName)Array"] + tenant
            let filters = loadsSoftDeleted(relation, schema: schema) ? DeletedRowFilter.allCases : [.live]
            return filters.compactMap { rows in
                guard let plan = RelationPlan(relation, of: entity, schema: schema, rows: rows) else { return nil }
                let source = (relationName(relation) + rows.statementSuffix, plan.sql, types)
                return statement(source, table: entity.table, readOnly: true)
            }
        }
    }

    /// Whether the loaded entity has soft delete, so its load takes `includeDeleted` and `onlyDeleted`.
    static func loadsSoftDeleted(_ relation: Relation, schema: Schema) -> Bool {
        schema.entity(named: relation.entity)?.behaviours.softDelete == true
    }

    /// The load's statement choice when the loaded entity has soft delete: deleted rows only, all, or live ones.
    static func deletedChoice(loadName: String) -> [Bind] {
        let name = "Self." + loadName
        return [
            Bind(line: "let statement = onlyDeleted ? \(name)OnlyDeletedStatement"),
            Bind(line: "    : includeDeleted ? \(name)IncludingDeletedStatement : \(name)Statement"),
        ]
    }
}

/// The fields and SQL of one relation, or nil when the schema does not resolve it (validation reports that).
struct RelationPlan {
    /// The related entity's column pointing at the parent (nil for many-to-many, where the join entity holds it).
    let foreignKey: Field?
    let sql: String

    init?(_ relation: Relation, of entity: Entity, schema: Schema, rows: DeletedRowFilter = .live) {
        guard let target = schema.entity(named: relation.entity) else { return nil }
        let targetSQL = RepositorySQL(entity: target, schema: schema)
        if relation.kind == .manyToMany {
            guard let throughName = relation.through, let link = schema.entity(named: throughName),
                  let parentColumn = EntityContext.field(relation.foreignKey, of: link),
                  let targetColumn = relation.targetKey.flatMap({ EntityContext.field($0, of: link) })
            else { return nil }
            foreignKey = nil
            sql = RepositorySQL.joinedRows(
                of: targetSQL, through: RepositorySQL(entity: link, schema: schema), parentColumn: parentColumn,
                targetColumn: targetColumn, parentKey: entity.primaryKey, rows: rows)
        } else {
            guard let column = EntityContext.field(relation.foreignKey, of: target) else { return nil }
            foreignKey = column
            sql = RepositorySQL.relatedRows(
                of: targetSQL, foreignKey: column, parentKey: entity.primaryKey, rows: rows)
        }
    }
}
