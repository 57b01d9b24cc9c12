/// A statement whose SQL is fixed when the code is generated; each connection prepares it once under `name`.
///
/// ```swift
/// static let findUser = PostgresStatement(
///     name: "users_find", sql: "SELECT id, email FROM users WHERE id = $1", parameterTypes: [.uuid],
///     readOnly: true)
/// ```
public struct PostgresStatement: Hashable, Sendable {
    /// The prepared statement's name; unique per distinct SQL text.
    public let name: String
    /// The SQL text with `$1`, `$2`... placeholders.
    public let sql: String
    /// The parameters' types; when empty, the bound values' own types are used when preparing.
    public let parameterTypes: [PostgresType]

    /// The entity label used in metrics (e.g. `quotes`); derived from `name` when nil.
    public let entity: String?
    /// The operation label used in metrics (e.g. `find`); derived from `name` when nil.
    public let operation: String?
    /// The metric labels, derived once here rather than on every run (statements are usually static).
    let labels: StatementLabels
    /// Whether it is always sent unnamed (Parse, Bind, Execute in its batch), whatever the connection's
    /// `StatementMode`: BEGIN, COMMIT and the cache's NOTIFY, which take no room among the connection's prepared
    /// statements and can never find themselves deallocated (26000), which inside a transaction would abort it.
    private(set) var isAlwaysUnnamed = false
    /// Whether the statement is declared to only read, with no side effect: outside a transaction it may run
    /// again after a lost connection, and while the pool is busy it may share a pipeline (and its implicit
    /// transaction) with other queued reads. Never guessed from the SQL text.
    public let isReadOnly: Bool

    /// Creates a statement; `entity` and `operation` only label metrics and logs.
    ///
    /// `readOnly` declares a plain read: a SELECT without a row lock whose functions write nothing. Outside a
    /// transaction such a statement runs again after a lost connection, and shares a pipeline with other queued
    /// reads while the pool is busy (docs/operations.md). Generated reads and the query builder's SELECTs say so;
    /// anything else is treated as a write, whatever its text.
    public init(
        name: String, sql: String, parameterTypes: [PostgresType], entity: String? = nil, operation: String? = nil,
        readOnly: Bool = false
    ) {
        self.name = name
        self.sql = sql
        self.parameterTypes = parameterTypes
        self.entity = entity
        self.operation = operation
        self.labels = StatementLabels(name: name, operation: operation, entity: entity)
        self.isReadOnly = readOnly
    }

    /// A statement always sent unnamed (`isAlwaysUnnamed`).
    static func unnamed(
        name: String, sql: String, parameterTypes: [PostgresType] = [], entity: String? = nil, operation: String? = nil
    ) -> PostgresStatement {
        var statement = PostgresStatement(
            name: name, sql: sql, parameterTypes: parameterTypes, entity: entity, operation: operation)
        statement.isAlwaysUnnamed = true
        return statement
    }
}

/// Anything that runs statements: the `Database` (leases a pooled connection per call) or a `Transaction`.
///
/// ```swift
/// func count(on executor: some DatabaseExecutor) async throws -> Int {
///     try await executor.run(countUsers, PostgresBindings()).decodeFirst { try $0.decode(Int.self, at: 0) } ?? 0
/// }
/// ```
public protocol DatabaseExecutor: Sendable {
    /// Runs a prepared statement with binary bind values and returns its binary-format result.
    func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult
    /// Runs SQL text (one or more statements, simple protocol, no binds) — for migrations and admin.
    func runScript(_ sql: String) async throws
    /// Runs `statement` over consecutive chunks of `inputs`, as atomic as one statement, and returns the decoded rows
    /// in input order (the executors of this module send large inputs as one pipeline of several executions).
    func runBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row]
    /// The cache generated repositories read through and invalidate; `.none` unless a cache is enabled.
    var cacheContext: CacheContext { get }
}

extension DatabaseExecutor {
    /// No cache: executors that know of none (a bare connection) read PostgreSQL and invalidate nothing.
    public var cacheContext: CacheContext { .none }

    /// Runs `statement` once with the binds of all `inputs` and decodes its rows.
    public func runBatched<Input, Row: Sendable>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings,
        decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        try await run(statement, binds(inputs[...])).decodeRows(decode)
    }
}
