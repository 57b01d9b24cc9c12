/// What the whole-schema templates print: enums, every entity, the migrations, and the names that tie them.
struct SchemaContext {
    /// One case of a generated Swift enum.
    struct EnumCase {
        let name: String
        let label: String
    }

    /// A declared enum, as a Swift `String`-backed enum.
    struct EnumContext {
        let name: String
        let sqlName: String
        let docLines: [DocComment.Line]
        let cases: [EnumCase]
    }

    /// One committed migration, embedded so the application can apply it.
    struct MigrationContext {
        let version: Int
        let nameLiteral: String
        let upLiteral: String
        let downLiteral: String
        let isLast: Bool
    }

    let sourceFile: String
    let namespace: String
    let repositoriesName: String
    /// `<Namespace>RepositoriesProtocol`, which `<Namespace>Repositories` and its in-memory double conform to.
    let repositoriesProtocolName: String
    let schemaName: String
    let exampleRepository: String
    let enums: [EnumContext]
    let entities: [EntityContext]
    /// Each entity's in-memory double, for the `inmemory` template.
    let inMemory: [InMemoryText]
    let migrations: [MigrationContext]

    init(schema: Schema, namespace: String, sourceFile: String, migrations: [MigrationFile]) {
        self.sourceFile = sourceFile
        self.namespace = namespace
        repositoriesName = namespace + "Repositories"
        repositoriesProtocolName = repositoriesName + "Protocol"
        schemaName = namespace + "Schema"
        enums = schema.enums.map(Self.enumContext)
        let included = EntityContext.includedEntities(schema)
        entities = schema.entities.map { EntityContext(entity: $0, schema: schema, included: included) }
        inMemory = schema.entities.map { InMemoryText(entity: $0, schema: schema) }
        exampleRepository = entities.first?.repositoryProperty ?? "repository"
        self.migrations = migrations.enumerated().map { position, file in
            MigrationContext(
                version: file.version,
                nameLiteral: SwiftLiteral.string(file.name),
                upLiteral: SwiftLiteral.multiline(file.up, indent: "            "),
                downLiteral: file.down.map { SwiftLiteral.multiline($0, indent: "            ") } ?? "nil",
                isLast: position == migrations.count - 1
            )
        }
    }

    static func enumContext(_ type: EnumType) -> EnumContext {
        EnumContext(
            name: type.name,
            sqlName: type.sqlName,
            docLines: DocComment.lines(type.doc, summary: "The PostgreSQL enum `\(type.sqlName)`."),
            cases: type.cases.map { label in
                let swiftName = Naming.camelCase(label)
                let rawValue = swiftName == label ? "" : " = " + SwiftLiteral.string(label)
                return EnumCase(name: SwiftLiteral.identifier(swiftName), label: rawValue)
            }
        )
    }
}
