/// Something a projection or an aggregate query can select (a column, a time bucket, an aggregate or a rank),
/// each decoding to its own Swift type (`Output`); a list of them partitions a rank.
///
/// ```swift
/// let partitioned = Quote.rowNumber(by: [Quote.totalAmount.descending], partitionBy: [Quote.ownerID, Quote.status])
/// ```
public protocol Selectable<Entity>: Sendable {
    /// The entity whose rows the expression reads.
    associatedtype Entity
    /// The Swift type one selected value decodes to.
    associatedtype Output: Sendable
    /// The expression's SQL and decoder.
    var selection: Selection<Entity, Output> { get }
}

/// A selected SQL expression of `Entity` and how its value decodes to `Output`; every identifier comes from the
/// schema and every value (a time zone) is a bind.
public struct Selection<Entity, Output: Sendable>: Selectable {
    /// The expression's SQL, identity and role.
    let expression: SelectExpression
    /// Decodes the value at a column position of a row.
    let decode: @Sendable (PostgresRow, Int) throws -> Output
    /// Turns the value the in-memory repositories computed (`expression.memory`) into `Output`, as `decode` turns
    /// PostgreSQL's.
    let decodeMemory: @Sendable (InMemoryValue) throws -> Output

    init(
        _ expression: SelectExpression, decode: @escaping @Sendable (PostgresRow, Int) throws -> Output,
        memory decodeMemory: @escaping @Sendable (InMemoryValue) throws -> Output
    ) {
        self.expression = expression
        self.decode = decode
        self.decodeMemory = decodeMemory
    }

    /// The selection itself.
    public var selection: Selection<Entity, Output> {
        self
    }

    /// Ascending order on this expression, for `aggregate(orderBy:)` and ranks.
    public var ascending: ResultOrdering<Entity> {
        ResultOrdering(expression, isDescending: false)
    }

    /// Descending order on this expression, for `aggregate(orderBy:)` and ranks.
    public var descending: ResultOrdering<Entity> {
        ResultOrdering(expression, isDescending: true)
    }

    /// Ascending or descending order with NULLs placed first or last.
    public func ordered(descending: Bool, nulls: NullsOrder) -> ResultOrdering<Entity> {
        ResultOrdering(expression, isDescending: descending, nulls: nulls)
    }
}

/// What a selected expression is to `GROUP BY`: a key groups, an aggregate and a rank do not.
enum SelectRole: Sendable {
    /// A column or a time bucket: a group key in an aggregate query.
    case key
    /// An aggregate function (`count(*)`, `sum(...)`).
    case aggregate
    /// A window function (`rank() OVER (...)`).
    case window
}

/// The untyped part of a selection: SQL, an identity to recognise it in `orderBy:`, and its role.
struct SelectExpression: Sendable {
    /// The SQL, whose values are binds.
    let fragment: SQLFragment
    /// Equal for equal expressions with equal bound values; compared, never sent.
    let identity: String
    /// The SQL type a compared value is cast to (`having:`).
    let sqlType: String
    /// Key, aggregate or window.
    let role: SelectRole
    /// The quoted column when the expression is just a column, nil otherwise.
    let column: String?
    /// How the in-memory repositories compute the same value; building it only stores closures.
    let memory: InMemorySelect

    init(
        _ fragment: SQLFragment, identity: String, sqlType: String, role: SelectRole, column: String? = nil,
        memory: InMemorySelect
    ) {
        self.fragment = fragment
        self.identity = identity
        self.sqlType = sqlType
        self.role = role
        self.column = column
        self.memory = memory
    }

    /// A bind-free expression (aggregates, ranks), its own identity.
    init(text: String, sqlType: String, role: SelectRole, memory: InMemorySelect) {
        self.init(SQLFragment(text), identity: text, sqlType: sqlType, role: role, memory: memory)
    }

    /// A plain column: a group key whose value is the row's.
    static func column(_ column: String, sqlType: String) -> SelectExpression {
        SelectExpression(
            SQLFragment(column), identity: column, sqlType: sqlType, role: .key, column: column,
            memory: .row { row in row[column] })
    }
}

/// A column selects its value; a NULL throws `unexpectedNull` naming the column (select `nullable` instead).
extension ColumnRef: Selectable where Value: PostgresDecodable {
    /// The column, decoded as `Value`.
    public var selection: Selection<Entity, Value> {
        Selection(
            .column(column, sqlType: sqlType), decode: { row, index in try row.decode(Value.self, at: index) },
            memory: { [column] value in try value.decoded(as: Value.self, naming: column) })
    }

    /// The column, decoded as `Value?`: select an optional column through this.
    public var nullable: Selection<Entity, Value?> {
        Selection(
            .column(column, sqlType: sqlType), decode: { row, index in try row.decodeIfPresent(Value.self, at: index) },
            memory: { [column] value in try value.decodedIfPresent(as: Value.self, naming: column) })
    }
}

/// One sort key of an aggregate query or a rank: a selected expression, a direction and where NULLs go.
///
/// ```swift
/// try await db.quotes.aggregate(orderBy: [Quote.totalAmount.sum.descending]) { Quote.ownerID; Quote.totalAmount.sum }
/// ```
public struct ResultOrdering<Entity>: Sendable {
    /// The expression sorted on.
    let expression: SelectExpression
    /// Whether the order is descending.
    let isDescending: Bool
    /// Where NULLs go, or PostgreSQL's default.
    let nulls: NullsOrder?

    init(_ expression: SelectExpression, isDescending: Bool, nulls: NullsOrder? = nil) {
        self.expression = expression
        self.isDescending = isDescending
        self.nulls = nulls
    }

    /// ` [DESC] [NULLS FIRST|LAST]`.
    var suffix: String {
        (isDescending ? " DESC" : "") + (nulls.map { " " + $0.rawValue } ?? "")
    }
}
