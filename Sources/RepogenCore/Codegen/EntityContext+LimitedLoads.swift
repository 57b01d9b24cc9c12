/// Eager loads with a per-parent limit and order (`loadEvents(for: users, orderBy: [...], limit: 5)`): one statement,
/// a LATERAL join over the parents' keys that the runtime's `find(where:eachOf:in:orderBy:limit:)` builds, prepared
/// once per ordering; generated for every `has_many` that is not many-to-many. `Predicate` is spelled with its module,
/// as Foundation has a type of that name too (so `RepogenRuntime` is a reserved type name).
extension EntityContext {
    static func limitedLoadMethods(_ relations: [Relation], of entity: Entity, schema: Schema) -> [MethodText] {
        relations.compactMap { relation in
            guard relation.kind == .hasMany, relation.through == nil,
                  let target = schema.entity(named: relation.entity),
                  let foreignKey = field(relation.foreignKey, of: target) else { return nil }
            return limitedLoadMethod(relation, target: target, foreignKey: foreignKey, of: entity)
        }
    }

    static func limitedLoadMethod(_ relation: Relation, target: Entity, foreignKey: Field, of entity: Entity)
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
        let column = "\(target.name).\(SwiftLiteral.identifier(foreignKey.swiftName))"
        let keys = "\(parents).map(\\.\(SwiftLiteral.identifier(entity.primaryKey.swiftName)))"
        let body = [
            Bind(line: "let rows = try await \(target.name)Repository(executor).find("),
            Bind(line: "    where: predicate, eachOf: \(column), in: \(keys), orderBy: orderBy, limit: limit"
                + (deleted ? "," : "")),
        ] + (deleted ? [Bind(line: "    includeDeleted: includeDeleted, onlyDeleted: onlyDeleted")] : []) + [
            Bind(line: ")"),
            Bind(line: "var grouped: \(result) = [:]"),
            Bind(line: "for row in rows {"),
            Bind(line: "    " + groupLine(.hasMany, foreignKey: foreignKey)),
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
