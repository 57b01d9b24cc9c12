/// How the in-memory repositories compute one selected expression, beside its SQL in `SelectExpression`.
enum InMemorySelect: Sendable {
    /// A value of each row: a column or a time bucket (a group's key, read from any of its rows).
    case row(@Sendable (InMemoryRow) throws -> InMemoryValue)
    /// A value folded over the rows of a group: an aggregate.
    case group(InMemoryFold)
    /// A value numbering the result rows: a rank.
    case window(InMemoryWindow)
}

/// An aggregate over the rows of one group.
typealias InMemoryFold = @Sendable (InMemoryGroup) throws -> InMemoryValue

/// The rows one result row stands for: a group of an aggregate query (possibly empty when nothing is grouped), or
/// one row of a projection; with the table, whose column scales an average needs.
struct InMemoryGroup: Sendable {
    /// The rows, in table order.
    let rows: [InMemoryRow]
    /// The table they come from.
    let table: InMemoryTable
    /// The identities of the group keys of a grouped query, nil for a row of its own: a column or time bucket
    /// outside them has no single value in the group (PostgreSQL rejects it).
    var keys: Set<String>? = nil

    /// The group a `having:` condition is being evaluated on: `Having` predicates read it, as their evaluators
    /// take a row and a group is not one.
    @TaskLocal static var current: InMemoryGroup?
}

/// `function() OVER (PARTITION BY partitions ORDER BY order)` in memory.
struct InMemoryWindow: Sendable {
    /// `rank()`, `dense_rank()` or `row_number()`.
    let function: RankFunction
    /// The expressions whose equal values form one partition.
    let partitions: [SelectExpression]
    /// The sort keys: expression, whether descending, where NULLs go.
    let order: [(SelectExpression, Bool, NullsOrder?)]
}

extension SelectExpression {
    /// The expression's value for one result row (a key, an aggregate); a rank needs every result row and is
    /// computed by `InMemoryResultRows`, so one nested elsewhere (a rank's keys, `having:`) throws.
    func value(in group: InMemoryGroup) throws -> InMemoryValue {
        switch memory {
        case .row(let value):
            if let keys = group.keys, !keys.contains(identity) {
                throw RepogenError.unsupportedInMemory("\(identity) in grouped rows that are not keyed on it")
            }
            return try group.rows.first.map(value) ?? .null
        case .group(let fold): return try fold(group)
        case .window: throw RepogenError.unsupportedInMemory("a rank inside a rank's keys or a having: condition")
        }
    }
}

/// The key under which values count as one in `GROUP BY`, `PARTITION BY` and `DISTINCT`: NULLs together, every
/// other value by its `distinctKey` (text by its bytes, `jsonb` as `jsonb =` compares).
struct InMemoryGroupKey: Hashable {
    let values: [InMemoryValue]

    init(_ values: [InMemoryValue]) {
        self.values = values.map { $0.distinctKey ?? .null }
    }
}

/// Turning a computed value into a selection's Swift type, as `PostgresRow.decode` turns a result column.
extension InMemoryValue {
    /// The value as `T`; `unexpectedNull` for NULL.
    func decoded<T>(as type: T.Type, naming what: String) throws -> T {
        guard let value = try decodedIfPresent(as: type, naming: what) else {
            throw RepogenError(kind: .unexpectedNull, message: "\(what) is NULL")
        }
        return value
    }

    /// The value as `T`, nil for NULL.
    func decodedIfPresent<T>(as type: T.Type, naming what: String) throws -> T? {
        if isNull { return nil }
        guard let value = InMemoryRow.convert(self, to: type) else {
            throw RepogenError.decoding("computed \(typeName) for \(what) is not a \(T.self)")
        }
        return value
    }

    /// A count or a rank as `Int`.
    func decodedCount() throws -> Int {
        Int(try decoded(as: Int64.self, naming: "a count"))
    }
}
