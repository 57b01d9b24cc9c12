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
    let rowLines: [EntityContext.Bind]
    let decodeLines: [EntityContext.Bind]
    let valueLines: [EntityContext.Bind]
    let changeLines: [EntityContext.Bind]

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
        tableLines = InMemoryTableText.lines(entity, schema: schema).map { .init(line: $0) }
        rowLines = entity.fields.map { field in
            .init(line: "(\(Self.column(field)), entity.\(SwiftLiteral.identifier(field.swiftName))),")
        }
        decodeLines = entity.fields.enumerated().map { position, field in
            let type = field.type.swiftType + (field.isOptional ? "?" : "")
            let comma = position == entity.fields.count - 1 ? "" : ","
            return .init(line: "\(Naming.swiftArgumentLabel(field.swiftName)): try row.decode("
                + "\(Self.column(field)), as: \(type).self)\(comma)")
        }
        valueLines = sql.insertFields.map { field in
            .init(line: "values[\(Self.column(field))] = try InMemoryValue.require(input."
                + "\(SwiftLiteral.identifier(field.swiftName)))")
        }
        changeLines = sql.patchFields.map { field in
            .init(line: "if let value = patch.\(SwiftLiteral.identifier(field.swiftName)) { changes["
                + "\(Self.column(field))] = try InMemoryValue.require(value) }")
        }
    }

    /// The quoted column as a Swift string literal: the key of a stored row.
    static func column(_ field: Field) -> String {
        SwiftLiteral.string(SQL.identifier(field.column))
    }
}
