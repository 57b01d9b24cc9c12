/// Every name the generated code, the Swift language or the Repogen runtime already uses, by where it matters.
///
/// The resolver refuses a schema name whose Swift or SQL form is in one of these sets; docs/schema-reference.md
/// lists them all, and tests keep both that list and `runtimeTypes` (against RepogenRuntime's sources) complete.
///
/// ```swift
/// ReservedNames.fieldNames.contains("binds")        // true: every repository method has `var binds`
/// ReservedNames.typeNames.contains("PageRequest")   // true: a runtime type
/// ```
public enum ReservedNames {
    /// The top-level public types of RepogenRuntime, which every generated file imports.
    public static let runtimeTypes: Set<String> = [
        "AggregateResult", "AggregateValue", "AnyColumn", "Assignment", "AuditContext", "AuditTable", "CacheClock",
        "CacheConfiguration", "CacheContext", "CacheHealth", "CacheInvalidating", "CacheL2Store", "CacheStatistics",
        "CacheTier", "CacheableRow", "CachedRepository", "CalendarDate", "CircuitBreakerConfiguration",
        "CircuitBreakerState", "ColumnArithmetic", "ColumnRef", "ComparisonOperator", "ConstraintViolation", "Cursor",
        "Database", "DatabaseCache", "DatabaseConfiguration", "DatabaseExecutor", "DatabaseHealth", "DatabaseOptions",
        "DatabaseService", "EntityCachePolicy", "EntityTable", "FactorySequence", "FactoryValue", "FieldCatalog",
        "FieldLimit", "FieldValidation",
        "Grouped", "Having", "InMemoryColumn", "InMemoryContext", "InMemoryDefault", "InMemoryForeignKey", "InMemoryManagedColumns", "InMemoryRepository", "InMemoryRow", "InMemoryStore", "InMemoryTable", "InMemoryUnique", "InMemoryValue", "IncludeNodes", "JSONValue", "KeysetPage", "LogSequenceNumber", "ManualCacheClock",
        "Migration", "MigrationHealth", "MigrationOptions", "MigrationProgress", "MigrationStatus", "NullsOrder",
        "Ordering", "Page", "PageRequest", "PoolConfiguration", "PoolFigures", "PostgresBindings", "PostgresConnection",
        "PostgresDecodable", "PostgresEncodable", "PostgresEnum", "PostgresQueryResult", "PostgresRow",
        "PostgresStatement", "PostgresSummable", "PostgresType", "Predicate", "QueryCacheTTLs", "QueryCaching",
        "QueryKind", "QueryOperations", "QueryRepository", "QueryStream", "QueryableEntity", "RankFunction", "RawSQL", "ReadYourWrites",
        "ReadYourWritesPolicy", "ReplicaConfiguration", "RepogenError", "RepositoryTransaction", "RepositoryMetricName", "RepositoryMetrics",
        "ResultOrdering", "RetryPolicy", "RowLock", "SQLBuilder", "SQLFragment", "SearchColumn", "SearchOperations", "SearchableEntity",
        "Selectable", "Selection", "SelectionBuilder", "SelectionList", "SortKey", "Specification", "StatementMode",
        "StatementStatistics", "SystemCacheClock", "TenantContext", "TimeBucket", "Transaction", "TransactionOptions",
        "TreeRow",
    ]

    /// Swift and Foundation types the generated code names, type names Swift gives a meaning of its own, and the
    /// associated types the generated types bind (`Entity` of `QueryRepository`, `ID` of `Identifiable`,
    /// `RawValue` and `AllCases` of every enum), which a type of the same name would refer to itself through.
    public static let swiftTypes: Set<String> = [
        "AllCases", "Any", "AnyObject", "Array", "ArraySlice", "Bool", "Codable", "Data", "Date", "Decimal",
        "Dictionary", "Double", "Duration", "Entity", "Error", "Float", "Foundation", "Hashable", "ID",
        "Identifiable", "Int", "Int32", "Int64", "Never", "Optional", "Protocol", "RawRepresentable", "RawValue", "RepogenRuntime",
        "Self", "Sendable", "Set", "String", "Swift", "Type", "UInt8", "UUID", "Void",
    ]

    /// Every name an entity or enum may not take.
    public static let typeNames: Set<String> = runtimeTypes.union(swiftTypes)

    /// Names Swift does not accept as a property, parameter or enum case, even between backticks.
    public static let unescapableNames: Set<String> = [
        "_", "Protocol", "Self", "Type", "deinit", "init", "self", "subscript", "super",
    ]

    /// Static members of every entity struct (`decode`, `entityTable`, `fieldCatalog`, `namedColumns`, beside which
    /// each field gets a column reference), `validate()` of the create input and the patch, `hashValue` (which
    /// `Hashable` would take for its own), and the locals, parameters and members a finder names next to its field
    /// parameters (`binds`, `page`, `executor`): a field of one of these Swift names would not compile.
    public static let fieldNames: Set<String> = [
        "binds", "decode", "entityTable", "executor", "fieldCatalog", "hashValue", "namedColumns", "page", "validate",
    ]

    /// Static members every generated enum has (from `CaseIterable`, `RawRepresentable`, `Hashable` and
    /// `PostgresEnum`), which a case of the same name would clash with or shadow.
    public static let enumCaseNames: Set<String> = ["allCases", "decode", "hashValue", "postgresType", "rawValue"]

    /// Members of `<Namespace>Repositories` and of `DatabaseExecutor`, which also get one property per table.
    public static let repositoryProperties: Set<String> = [
        "cacheContext", "execute", "executor", "query", "requireTenant", "run", "runBatched", "runScript",
        "tenantBindings", "transaction",
    ]

    /// The system columns PostgreSQL gives every table, which no user column may be named.
    public static let systemColumns: Set<String> = ["cmax", "cmin", "ctid", "tableoid", "xmax", "xmin"]

    /// Relations the migration runner creates in the database.
    public static let runnerTables: Set<String> = ["schema_migrations"]

    /// The suffixes of the schema-wide types `repogen generate` derives from `--namespace` (besides
    /// `InMemory<Namespace>Repositories`, the in-memory double of `<Namespace>Repositories`).
    public static let namespaceSuffixes: [String] = ["Factories", "Repositories", "RepositoriesProtocol", "Schema"]
}
