/// The body of `include(_:for:)`: each relation the include asks for is loaded for every given row at once, then
/// the rows it loaded are included in turn (deduplicated by primary key), so the statement count grows with the
/// include's size only. Locals are `loaded_N`, which no camelCase table or relation name can be. `repository` spells
/// the related entity's repository (`UserRepository(executor)`); the in-memory doubles pass theirs, so both backends
/// include through the one body.
extension EntityContext {
    static func includeMethod(
        _ edges: [IncludeEdge], of entity: Entity,
        repository: (String) -> String = { "\($0)Repository(executor)" }
    ) -> MethodText {
        let property = Naming.camelCase(entity.table)
        let parents = relationLocals.contains(property) ? "parents" : SwiftLiteral.identifier(property)
        var body: [Bind] = []
        var arguments = [Bind(line: "        row: row" + (edges.isEmpty ? "" : ","))]
        for (index, edge) in edges.enumerated() {
            let local = "loaded_\(index)"
            let node = edge.target.name + "Node"
            let value = edge.isMany ? "[\(node)]" : node
            body += [
                Bind(line: "var \(local): [\(edge.keyType): \(value)]? = nil"),
                Bind(line: "if let nested = include.\(SwiftLiteral.identifier(edge.name)) {"),
                Bind(line: "    \(local) = try await IncludeNodes.\(edge.isMany ? "many" : "one")"
                    + "(try await \(edge.load)(for: \(parents))) {"),
                Bind(line: "        try await \(repository(edge.target.name)).include(nested, for: $0)"),
                Bind(line: "    }"),
                Bind(line: "}"),
            ]
            let entry = edge.isMany ? "\(local).map { $0[\(edge.key)] ?? [] }"
                : edge.isOptionalKey ? "\(edge.key).flatMap { \(local)?[$0] }" : "\(local)?[\(edge.key)]"
            let comma = index == edges.count - 1 ? "" : ","
            arguments.append(Bind(line: "        \(Naming.swiftArgumentLabel(edge.name)): \(entry)\(comma)"))
        }
        body += [Bind(line: "return \(parents).map { row in"), Bind(line: "    \(entity.name)Node(")]
            + arguments + [Bind(line: "    )"), Bind(line: "}")]
        let doc = "Every given `\(entity.name)` with the relations `include` asks for, in the given order: one "
            + "statement per included relation at each level of `include`, however many rows; the related rows "
            + "are those the loads return (soft-deleted rows and other tenants' rows left out)."
        return MethodText(
            doc: DocComment.wrapped(doc),
            signature: signature(
                "include", "_ include: \(entity.name)Include, for \(parents): [\(entity.name)]",
                returns: "[\(entity.name)Node]"),
            body: body)
    }
}
