/// Tree walks as repository methods: `descendants(of:maxDepth:)` and `ancestors(of:maxDepth:)` for an entity with a
/// `belongs_to` pointing at itself; with several such fields each walk is named after its field
/// (`descendantsViaParent`).
extension EntityContext {
    /// The walks of one self-referencing field: its name, direction and the field it follows.
    typealias TreeWalk = (name: String, direction: RepositorySQL.TreeDirection, field: Field)

    static func treeWalks(of entity: Entity) -> [TreeWalk] {
        let references = entity.fields.filter { $0.reference?.entity == entity.name }
        return references.flatMap { field -> [TreeWalk] in
            let suffix = references.count == 1 ? "" : "Via" + parentLoadName(field).dropFirst("load".count)
            return [("descendants" + suffix, .descendants, field), ("ancestors" + suffix, .ancestors, field)]
        }
    }

    static func treeMethods(_ walks: [TreeWalk], of entity: Entity, tenantBinds: [Bind]) -> [MethodText] {
        walks.map { name, direction, field in
            let body = [
                Bind(line: "var binds = PostgresBindings(capacity: 2)"), Bind(line: "binds.append(id)"),
                Bind(line: "try binds.appendMaxDepth(maxDepth)"),
            ] + tenantBinds + [
                Bind(line: "return try await executor.run(Self.\(name)Statement, binds).decodeRows { row in"),
                Bind(line: "    TreeRow(depth: Int(try row.decode(Int64.self, at: \(entity.fields.count))), "
                    + "row: try \(entity.name).decode(row))"),
                Bind(line: "}"),
            ]
            return MethodText(
                doc: DocComment.wrapped(treeDoc(direction, field: field, entity: entity)),
                signature: signature(
                    name, "of id: \(entity.primaryKey.type.swiftType), maxDepth: Int? = nil",
                    returns: "[TreeRow<\(entity.name)>]"),
                body: body)
        }
    }

    static func treeDoc(_ direction: RepositorySQL.TreeDirection, field: Field, entity: Entity) -> String {
        let what = direction == .descendants
            ? "The rows below the row `id` through `\(field.name)` (its children at depth 1, their children at 2...)"
            : "The rows above the row `id` through `\(field.name)` (its parent at depth 1, that row's parent at 2...)"
        let hidden = entity.behaviours.softDelete ? " soft-deleted rows, and the walk past them, are left out;" : ""
        return what + ", at most `maxDepth` levels away (nil: no limit), in one statement, in depth order then "
            + "primary key order; a cycle in the data ends where a row would repeat;" + hidden
            + " empty when `id` names no visible row. Throws `invalidArgument` for a negative `maxDepth`."
    }

    static func treeStatements(_ walks: [TreeWalk], sql: RepositorySQL) -> [Statement] {
        let tenant = sql.tenantField == nil ? [String]() : [".text"]
        let types = [".\(sql.entity.primaryKey.type.bindTypeName)", ".int8"] + tenant
        return walks.map { name, direction, field in
            statement((name, sql.treeWalk(along: field, direction), types), table: sql.entity.table, readOnly: true)
        }
    }
}
