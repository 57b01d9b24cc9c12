import RepogenCore

/// What the advisor knows of the application: the generated statements and where each entity is declared.
///
/// Built from `schema.yaml` with the generator's own code, so the statement texts are exactly those the generated
/// repositories send. Without a schema the report still ranks statements and finds scans, by table name only.
/// ```swift
/// let catalog = try AdvisorCatalog(schemaPath: "schema.yaml")
/// ```
public struct AdvisorCatalog: Sendable {
    /// A generated statement: which entity's repository sends it, and as which operation.
    public struct Operation: Hashable, Sendable {
        /// The entity's Swift name (`Quote`).
        public let entity: String
        /// The repository operation (`findByStatus`).
        public let name: String
    }

    /// An entity's table, name and declaration.
    public struct EntityDeclaration: Hashable, Sendable {
        /// The Swift name (`Quote`).
        public let name: String
        /// Where the entity is declared, `schema.yaml:31`.
        public let location: String
    }

    private let operations: [StatementFingerprint: Operation]
    private let entities: [String: EntityDeclaration]

    /// A catalog that knows nothing: operations are named by their SQL, recommendations by their table.
    public static let empty = AdvisorCatalog(statements: [], entities: [:])

    /// The catalog of a validated schema.
    public init(schema: Schema) {
        let declarations = schema.entities.map {
            ($0.table, EntityDeclaration(name: $0.name, location: "\($0.location.file):\($0.location.line)"))
        }
        self.init(statements: GeneratedStatementCatalog(schema: schema).statements, entities: .init(
            declarations, uniquingKeysWith: { first, _ in first }))
    }

    /// Reads and validates `schemaPath`; throws its diagnostics when it has errors.
    public init(schemaPath: String) throws {
        let result = SchemaReader.read(contentsOf: schemaPath)
        guard let schema = result.schema else {
            throw DiagnosticsError(result.diagnostics)
        }
        self.init(schema: schema)
    }

    private init(statements: [GeneratedStatementCatalog.Statement], entities: [String: EntityDeclaration]) {
        var operations: [StatementFingerprint: Operation] = [:]
        for statement in statements {
            // Two operations with one text (e.g. `delete` and `hardDelete` without soft delete) are one statement
            // to the server; the first declared names it.
            let key = StatementFingerprint(statement.sql)
            if operations[key] == nil {
                operations[key] = Operation(entity: statement.entity, name: statement.operation)
            }
        }
        self.operations = operations
        self.entities = entities
    }

    /// The operation whose generated SQL the server recorded as `query`, if any.
    func operation(for query: String) -> Operation? {
        operations[StatementFingerprint(query)]
    }

    /// The entity stored in `table`, if the schema declares one.
    func entity(for table: String) -> EntityDeclaration? {
        entities[table]
    }
}
