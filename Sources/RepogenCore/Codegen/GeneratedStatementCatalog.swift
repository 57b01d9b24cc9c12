/// Every prepared statement the generated repositories of a schema send, with the entity that sends it.
///
/// The SQL is fixed when the code is generated, so the text the server reports in `pg_stat_statements`
/// identifies the repository operation; the performance advisor matches on it.
/// ```swift
/// for statement in GeneratedStatementCatalog(schema: schema).statements { print(statement.operation) }
/// ```
public struct GeneratedStatementCatalog: Sendable {
    /// One generated statement.
    public struct Statement: Hashable, Sendable {
        /// The entity's Swift name (`Quote`).
        public let entity: String
        /// The entity's table (`quotes`).
        public let table: String
        /// The repository property that holds it, without `Statement` (`findByStatus`).
        public let operation: String
        /// The prepared statement's name (`repogen_quotes_find_by_status`).
        public let name: String
        /// The SQL text exactly as generated.
        public let sql: String
    }

    /// The statements, entity by entity in schema order, each repository's in the order it declares them.
    public let statements: [Statement]

    /// Builds the statements of every entity as the generator renders them.
    public init(schema: Schema) {
        statements = schema.entities.flatMap { entity in
            EntityContext(entity: entity, schema: schema).statements.map {
                Statement(entity: entity.name, table: entity.table, operation: $0.property, name: $0.name, sql: $0.sql)
            }
        }
    }
}
