/// The bodies of an entity's declared finders and upserts in its in-memory repository, by selector (the rendered
/// repository's methods are matched to them in `InMemoryMethods`).
enum InMemoryDeclaredMethods {
    static func bodies(_ entity: Entity, sql: RepositorySQL) -> [String: [String]] {
        var bodies: [String: [String]] = [:]
        for finder in entity.finders where entity.behaviours.tenantColumn == nil {
            let fields = finder.columns.compactMap(entity.field(forColumn:))
            let names = fields.map { SwiftLiteral.identifier($0.swiftName) }
            let labels = ["_"] + names.dropFirst().map(SwiftSignature.callLabel) + (finder.isUnique ? [] : ["page"])
            let selector = EntityContext.finderName(finder) + "(" + labels.map { $0 + ":" }.joined() + ")"
            let equal = zip(fields, names).map { field, name in
                "(\(InMemoryText.column(field)), try InMemoryValue.require(\(name)))"
            }.joined(separator: ", ")
            if finder.isUnique {
                bodies[selector] = ["try await findFirstRow(equal: [\(equal)])"]
            } else {
                let order = finder.order.map { "(\(SwiftLiteral.string(SQL.identifier($0.column)))," +
                    " \($0.isDescending))" }.joined(separator: ", ")
                bodies[selector] = ["try await findRows(", "    equal: [\(equal)], orderBy: [\(order)], page: page)"]
            }
        }
        guard entity.behaviours.tenantColumn == nil else { return bodies }
        for key in sql.uniqueKeys {
            let columns = key.fields.map(InMemoryText.column).joined(separator: ", ")
            let fields = key.fields.map { SwiftLiteral.string($0.swiftName) }.joined(separator: ", ")
            bodies[EntityContext.upsertName(key) + "(_:)"] = [
                "try input.validate()",
                "return try await upsertRow(",
                "    try Self.inMemoryValues(of: input), key: [\(columns)], fields: [\(fields)], "
                    + "liveOnly: \(key.isLiveOnly))",
            ]
        }
        return bodies
    }
}
