/// Eager loads with a per-parent limit and order (`loadEvents(for: users, orderBy: [...], limit: 5)`): one statement,
/// a LATERAL join over the parents' keys that the runtime's `find(where:eachOf:in:orderBy:limit:)` builds (for a
/// many-to-many relation `find(where:eachOf:linkedBy:in:orderBy:limit:)`, which joins the link table inside the
/// LATERAL subquery), prepared once per ordering. `Predicate` is spelled with its module, as Foundation has a type of
/// that name too (so `RepogenRuntime` is a reserved type name).
extension EntityContext {
    static func limitedLoadMethods(_ relations: [Relation], of entity: Entity, schema: Schema) -> [MethodText] {
        relations.compactMap { relation in
            guard relation.kind == .hasMany || relation.kind == .manyToMany,
                  let target = schema.entity(named: relation.entity),
                  let keys = LimitedLoadKeys(relation, target: target, schema: schema) else { return nil }
            return limitedLoadMethod(relation, target: target, keys: keys, of: entity)
        }
    }

    static func limitedLoadMethod(_ relation: Relation, target: Entity, keys: LimitedLoadKeys, of entity: Entity)
        -> MethodText
    {
        let property = Naming.camelCase(entity.table)
        let parents = relationLocals.contains(property) ? "parents" : SwiftLiteral.identifier(property)
        let keyType = entity.primaryKey.type.swiftType
        let result = "[\(keyType): [\(target.name)]]"
        let deleted = target.behaviours.softDelete
        let flags = deleted ? ", includeDeleted: Bool = false, onlyDeleted: Bool = false" : ""
        let parameters = "for \(parents): [\(entity.name)], orderBy: [Ordering<\(target.name)>], limit: Int, "
            + "where predicate: RepogenRuntime.Predicate<\(target.name)> = .all" + flags
        let parentKeys = "\(parents).map(\\.\(SwiftLiteral.identifier(entity.primaryKey.swiftName)))"
        let body = [
            Bind(line: "let rows = try await \(target.name)Repository(executor).find("),
            Bind(line: "    where: predicate, \(keys.arguments), in: \(parentKeys), orderBy: orderBy, limit: limit"
                + (deleted ? "," : "")),
        ] + (deleted ? [Bind(line: "    includeDeleted: includeDeleted, onlyDeleted: onlyDeleted")] : []) + [
            Bind(line: ")"),
            Bind(line: "var grouped: \(result) = [:]"),
            Bind(line: relation.kind == .manyToMany ? "for (key, row) in rows {" : "for row in rows {"),
            Bind(line: "    " + groupLine(relation.kind, foreignKey: keys.foreignKey)),
            Bind(line: "}"),
            Bind(line: "return grouped"),
        ]
        let doc = "The `\(relation.name)` rows of every given `\(entity.name)`, at most `limit` per parent in "
            + "`orderBy` order (then primary key), among the rows `predicate` matches, in one statement; keyed by "
            + "`\(entity.primaryKey.swiftName)`, a parent with none is absent. Throws `invalidArgument` for a "
            + "negative `limit`." + (deleted ? " Soft-deleted rows are left out unless `includeDeleted` or "
                + "`onlyDeleted`." : "")
        return MethodText(
            doc: DocComment.wrapped(doc), signature: signature(relationName(relation), parameters, returns: result),
            body: body)
    }
}

/// Which columns lead from a parent's key to the loaded rows: the target's foreign key (`has_many`), or the link
/// entity's two columns (many-to-many); nil when the schema does not resolve them (validation reports that).
struct LimitedLoadKeys {
    /// The target's column holding the parent key; nil for many-to-many, where the rows come back with their key.
    let foreignKey: Field?
    /// The runtime call's key arguments: `eachOf: Event.userID` or `eachOf: QuoteLabel.quoteID, linkedBy: ...`.
    let arguments: String

    init?(_ relation: Relation, target: Entity, schema: Schema) {
        guard let throughName = relation.through else {
            guard let column = EntityContext.field(relation.foreignKey, of: target) else { return nil }
            foreignKey = column
            arguments = "eachOf: \(target.name).\(SwiftLiteral.identifier(column.swiftName))"
            return
        }
        guard let link = schema.entity(named: throughName),
              let parent = EntityContext.field(relation.foreignKey, of: link),
              let linked = relation.targetKey.flatMap({ EntityContext.field($0, of: link) }) else { return nil }
        foreignKey = nil
        arguments = "eachOf: \(link.name).\(SwiftLiteral.identifier(parent.swiftName)), "
            + "linkedBy: \(link.name).\(SwiftLiteral.identifier(linked.swiftName))"
    }
}
