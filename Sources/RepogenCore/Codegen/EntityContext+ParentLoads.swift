/// belongs_to loads: the parents of many children in one statement (`db.quotes.loadOwner(for: quotes)`), printed
/// by the same template section as the has_many loads, keyed by the parent's primary key.
extension EntityContext {
    /// A `belongs_to` field of an entity with the entity it points at.
    typealias ParentReference = (field: Field, target: Entity)

    /// The `belongs_to` fields of `entity` whose target is in the schema, in field order.
    static func parentReferences(of entity: Entity, schema: Schema) -> [ParentReference] {
        entity.fields.compactMap { field in
            field.reference.flatMap { schema.entity(named: $0.entity) }.map { (field, $0) }
        }
    }

    /// The Swift name of a belongs_to as a relation: the field's schema name in camelCase (`owner`).
    static func parentRelationName(_ field: Field) -> String {
        Naming.camelCase(field.name)
    }

    /// `load` + the belongs_to's Swift name capitalised: `owner` → `loadOwner`.
    static func parentLoadName(_ field: Field) -> String {
        let name = parentRelationName(field)
        return "load" + name.prefix(1).uppercased() + name.dropFirst()
    }

    static func parentLoadMethod(_ reference: ParentReference, of entity: Entity, schema: Schema) -> RelationMethod {
        let (field, target) = reference
        let property = Naming.camelCase(entity.table)
        let parents = relationLocals.contains(property) ? "parents" : SwiftLiteral.identifier(property)
        let targetKey = target.primaryKey
        let result = "[\(targetKey.type.swiftType): \(target.name)]"
        let deleted = target.behaviours.softDelete
        let flags = deleted ? ", includeDeleted: Bool = false, onlyDeleted: Bool = false" : ""
        let name = parentLoadName(field)
        let foreignKey = SwiftLiteral.identifier(field.swiftName)
        let keys = "\(parents).\(field.isOptional ? "compactMap" : "map")(\\.\(foreignKey))"
        return RelationMethod(
            doc: DocComment.wrapped(parentLoadDoc(field, target: target, of: entity)),
            signature: signature(name, "for \(parents): [\(entity.name)]" + flags, returns: result),
            parents: parents,
            resultType: result,
            keys: "Array(Set(\(keys)))",
            statement: deleted ? "statement" : "Self." + name + "Statement",
            decodeCall: "decodeRows(\(target.name).decode)",
            loopHeader: "for row in rows",
            groupLine: "grouped[row.\(SwiftLiteral.identifier(targetKey.swiftName))] = row",
            tenantBinds: target.behaviours.tenantColumn != nil ? tenantBinds(entityName: target.name) : [],
            deletedChoice: deleted ? deletedChoice(loadName: name) : []
        )
    }

    static func parentLoadDoc(_ field: Field, target: Entity, of entity: Entity) -> String {
        let hidden = !target.behaviours.softDelete ? ""
            : " Soft-deleted parents are left out unless `includeDeleted` (all rows) or `onlyDeleted` (deleted only)."
        return "The `\(field.name)` rows (`\(target.name)`) of every given `\(entity.name)` in one statement, each "
            + "parent once, keyed by its `\(target.primaryKey.swiftName)`; a child whose `\(field.column)` is NULL "
            + "or names no visible row adds none." + hidden
    }

    static func parentLoadStatements(_ references: [ParentReference], of entity: Entity, schema: Schema)
        -> [Statement]
    {
        references.flatMap { field, target -> [Statement] in
            let tenant = target.behaviours.tenantColumn != nil ? [".text"] : []
            let types = [".\(target.primaryKey.type.bindTypeName)Array"] + tenant
            let filters = target.behaviours.softDelete ? DeletedRowFilter.allCases : [.live]
            let targetSQL = RepositorySQL(entity: target, schema: schema)
            return filters.map { rows in
                let sql = RepositorySQL.relatedRows(
                    of: targetSQL, foreignKey: target.primaryKey, parentKey: field, rows: rows)
                let source = (parentLoadName(field) + rows.statementSuffix, sql, types)
                return statement(source, table: entity.table, readOnly: true)
            }
        }
    }
}
