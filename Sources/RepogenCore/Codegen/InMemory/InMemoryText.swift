/// What the `inmemory` template prints for one entity: its in-memory table description and the conversions between
/// the entity, its create input, its patch and a stored row. The methods come later, from the rendered repository
/// (`InMemoryMethods`).
struct InMemoryText {
    let name: String
    let table: String
    let newName: String
    let patchName: String
    let canWrite: Bool
    let repositoryName: String
    let repositoryProperty: String
    let inMemoryName: String
    let protocolName: String
    let tableLines: [EntityContext.Bind]
    let decodeLines: [EntityContext.Bind]
    let valueLines: [EntityContext.Bind]
    let changeLines: [EntityContext.Bind]
    /// The bodies of the declared finders and upserts, the relation loads, tree walks and include, by selector.
    let declaredBodies: [String: [String]]

    init(entity: Entity, schema: Schema) {
        let sql = RepositorySQL(entity: entity, schema: schema)
        name = entity.name
        table = entity.table
        newName = "New" + entity.name
        patchName = entity.name + "Patch"
        canWrite = !entity.behaviours.appendOnly
        repositoryName = entity.name + "Repository"
        repositoryProperty = SwiftLiteral.identifier(Naming.camelCase(entity.table))
        inMemoryName = "InMemory" + repositoryName
        protocolName = ProtocolText.protocolName(of: repositoryName)
        declaredBodies = InMemoryDeclaredMethods.bodies(entity, sql: sql)
            .merging(InMemoryLoadMethods.bodies(entity, schema: schema)) { declared, _ in declared }
            .merging(InMemoryGraphMethods.bodies(entity, schema: schema)) { declared, _ in declared }
        tableLines = InMemoryTableText.lines(entity, schema: schema).map { .init(line: $0) }
        decodeLines = entity.fields.enumerated().map { position, field in
            let type = field.type.swiftType + (field.isOptional ? "?" : "")
            let comma = position == entity.fields.count - 1 ? "" : ","
            return .init(line: "\(Naming.swiftArgumentLabel(field.swiftName)): try row.decode("
                + "\(Self.column(field)), as: \(type).self)\(comma)")
        }
        valueLines = Self.declaring("values", sql.insertFields.map { field in
            "values[\(Self.column(field))] = try InMemoryValue.require(input."
                + "\(SwiftLiteral.identifier(field.swiftName)))"
        })
        changeLines = Self.declaring("changes", sql.patchFields.map { field in
            "if let value = patch.\(SwiftLiteral.identifier(field.swiftName)) { changes["
                + "\(Self.column(field))] = try InMemoryValue.require(value) }"
        })
    }

    /// `lines` after the declaration of the dictionary they fill: `var`, or `let` when none does.
    static func declaring(_ name: String, _ lines: [String]) -> [EntityContext.Bind] {
        let keyword = lines.isEmpty ? "let" : "var"
        return ([keyword + " \(name): [String: InMemoryValue] = [:]"] + lines).map { .init(line: $0) }
    }

    /// The quoted column as a Swift string literal: the key of a stored row.
    static func column(_ field: Field) -> String {
        SwiftLiteral.string(SQL.identifier(field.column))
    }
}
