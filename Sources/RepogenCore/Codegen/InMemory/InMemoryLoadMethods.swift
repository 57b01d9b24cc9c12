import Foundation

/// The bodies of an entity's relation loads in its in-memory repository, by selector: a has-many or has-one load
/// and a parent (belongs-to) load read the related entity's in-memory repository with the same filter, order
/// and grouping as their statement, a many-to-many load its `find(eachOf:linkedBy:)`, and a per-parent limited load
/// its `find(eachOf:)` or `find(eachOf:linkedBy:)`. A many-to-many load through a tenant-scoped entity is not among
/// them (it throws `unsupportedInMemory`: tenant scoping is row-level security, which the store does not model).
enum InMemoryLoadMethods {
    static func bodies(_ entity: Entity, schema: Schema) -> [String: [String]] {
        var bodies: [String: [String]] = [:]
        for relation in entity.relations where relation.kind != .manyToMany {
            guard let target = schema.entity(named: relation.entity),
                let plan = RelationPlan(relation, of: entity, schema: schema), let foreignKey = plan.foreignKey,
                let method = EntityContext.relationMethod(relation, of: entity, schema: schema)
            else { continue }
            let deleted = EntityContext.loadsSoftDeleted(relation, schema: schema)
            let selector = EntityContext.relationName(relation) + Self.labels(deleted)
            bodies[selector] = body(method, target: target, column: foreignKey, deleted: deleted)
        }
        for reference in EntityContext.parentReferences(of: entity, schema: schema) {
            let method = EntityContext.parentLoadMethod(reference, of: entity, schema: schema)
            let deleted = reference.target.behaviours.softDelete
            let selector = EntityContext.parentLoadName(reference.field) + Self.labels(deleted)
            bodies[selector] = body(method, target: reference.target, column: reference.target.primaryKey,
                                    deleted: deleted)
        }
        return bodies.merging(linkedAndLimitedBodies(entity, schema: schema)) { first, _ in first }
    }

    /// The many-to-many loads and the per-parent limited loads (has-many and many-to-many).
    static func linkedAndLimitedBodies(_ entity: Entity, schema: Schema) -> [String: [String]] {
        var bodies: [String: [String]] = [:]
        for relation in entity.relations where relation.kind == .manyToMany {
            guard !EntityContext.isTenantScoped(relation, schema: schema),
                let target = schema.entity(named: relation.entity),
                let keys = LimitedLoadKeys(relation, target: target, schema: schema),
                let method = EntityContext.relationMethod(relation, of: entity, schema: schema)
            else { continue }
            let deleted = EntityContext.loadsSoftDeleted(relation, schema: schema)
            bodies[EntityContext.relationName(relation) + Self.labels(deleted)] = linkedBody(
                method, target: target, keys: keys, deleted: deleted)
        }
        for relation in entity.relations where relation.kind == .hasMany || relation.kind == .manyToMany {
            guard relation.kind == .hasMany || !EntityContext.isTenantScoped(relation, schema: schema),
                let target = schema.entity(named: relation.entity),
                let keys = LimitedLoadKeys(relation, target: target, schema: schema)
            else { continue }
            let method = EntityContext.limitedLoadMethod(relation, target: target, keys: keys, of: entity)
            let flags = target.behaviours.softDelete ? "includeDeleted:onlyDeleted:" : ""
            let selector = EntityContext.relationName(relation) + "(for:orderBy:limit:where:" + flags + ")"
            // The same body as on PostgreSQL, reading the related entity's in-memory repository.
            bodies[selector] = method.body.map {
                $0.line.replacingOccurrences(
                    of: "\(target.name)Repository(executor)", with: "InMemory\(target.name)Repository(context)")
            }
        }
        return bodies
    }

    static func labels(_ deleted: Bool) -> String {
        "(for:" + (deleted ? "includeDeleted:onlyDeleted:" : "") + ")"
    }

    static func body(
        _ method: EntityContext.RelationMethod, target: Entity, column: Field, deleted: Bool
    ) -> [String] {
        let flags = deleted ? "includeDeleted: includeDeleted, onlyDeleted: onlyDeleted"
            : "includeDeleted: false, onlyDeleted: false"
        return [
            "guard !\(method.parents).isEmpty else { return [:] }",
            "let rows = try await InMemory\(target.name)Repository(context).find(",
            "    where: \(target.name).\(SwiftLiteral.identifier(column.swiftName)).in(\(method.keys)), orderBy: [],",
            "    limit: nil, offset: 0, \(flags), lock: nil, cache: .off)",
        ] + grouping(method)
    }

    /// A many-to-many load: the target's rows each link row joins to a parent, in primary key order, as the
    /// statement's `ORDER BY` gives them.
    static func linkedBody(
        _ method: EntityContext.RelationMethod, target: Entity, keys: LimitedLoadKeys, deleted: Bool
    ) -> [String] {
        let flags = deleted ? ", includeDeleted: includeDeleted, onlyDeleted: onlyDeleted" : ""
        return [
            "guard !\(method.parents).isEmpty else { return [:] }",
            "let rows = try await InMemory\(target.name)Repository(context).find(",
            "    \(keys.arguments), in: \(method.keys), orderBy: [], limit: nil\(flags))",
        ] + grouping(method)
    }

    /// The loaded rows grouped by parent key, as the PostgreSQL load groups them.
    static func grouping(_ method: EntityContext.RelationMethod) -> [String] {
        [
            "var grouped: \(method.resultType) = [:]",
            "\(method.loopHeader) {",
            "    \(method.groupLine)",
            "}",
            "return grouped",
        ]
    }
}
