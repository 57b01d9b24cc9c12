/// The bodies of an entity's tree walks and `include(_:for:)` in its in-memory repository, by selector: a walk calls
/// the runtime's `descendantRows` / `ancestorRows` along its self-referencing column, and the include is the
/// PostgreSQL body reading the in-memory repositories. A tenant-scoped entity keeps neither (they throw
/// `unsupportedInMemory`: tenant scoping is row-level security, which the store does not model).
enum InMemoryGraphMethods {
    static func bodies(_ entity: Entity, schema: Schema) -> [String: [String]] {
        guard entity.behaviours.tenantColumn == nil else { return [:] }
        var bodies: [String: [String]] = [:]
        for (name, direction, field) in EntityContext.treeWalks(of: entity) {
            let walk = direction == .descendants ? "descendantRows" : "ancestorRows"
            let column = SwiftLiteral.string(SQL.identifier(field.column))
            bodies[name + "(of:maxDepth:)"] = ["try await \(walk)(of: id, along: \(column), maxDepth: maxDepth)"]
        }
        let edges = EntityContext.includeEdges(of: entity, schema: schema)
        let include = EntityContext.includeMethod(edges, of: entity) { "InMemory\($0)Repository(context)" }
        bodies["include(_:for:)"] = include.body.map(\.line)
        return bodies
    }
}
