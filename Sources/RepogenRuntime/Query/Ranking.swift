/// A sort key of an aggregate query or a rank: a column's `Ordering` or a selected expression's `ResultOrdering`,
/// so `[Quote.ownerID.ascending, Quote.totalAmount.sum.descending]` is one list.
public protocol SortKey<Entity>: Sendable {
    /// The entity sorted.
    associatedtype Entity
    /// The key as an ordering on a selected expression.
    var resultOrdering: ResultOrdering<Entity> { get }
}

extension ResultOrdering: SortKey {
    /// The ordering itself.
    public var resultOrdering: ResultOrdering<Entity> {
        self
    }
}

extension Ordering: SortKey {
    /// The column ordering as an ordering on the selected column.
    public var resultOrdering: ResultOrdering<Entity> {
        ResultOrdering(.column(column, sqlType: sqlType), isDescending: isDescending, nulls: nulls)
    }
}

extension Selectable {
    /// The selection's SQL, for a caller holding an existential.
    var selectExpression: SelectExpression {
        selection.expression
    }
}

/// A window function numbering rows in an order: ties share a rank (`rank`, `denseRank`) or not (`rowNumber`).
public enum RankFunction: String, Sendable, Hashable, CaseIterable {
    /// `rank()`: ties share a rank and leave gaps after them (1, 2, 2, 4).
    case rank = "rank()"
    /// `dense_rank()`: ties share a rank without gaps (1, 2, 2, 3).
    case denseRank = "dense_rank()"
    /// `row_number()`: every row its own number, ties in no promised order (1, 2, 3, 4).
    case rowNumber = "row_number()"
}

/// Ranks to select: in `select(...)` over columns, in `aggregate(...)` over aggregates.
///
/// ```swift
/// let board = try await db.quotes.aggregate {
///     Quote.ownerID
///     Quote.totalAmount.sum
///     Quote.rank(by: [Quote.totalAmount.sum.descending])
/// }
/// ```
extension QueryableEntity {
    /// `rank() OVER ([PARTITION BY keys] ORDER BY keys)`: 1 for the first, ties share a rank, gaps follow ties.
    public static func rank(by order: [any SortKey<Self>], partitionBy: [any Selectable<Self>] = [])
        -> Selection<Self, Int>
    {
        window(.rank, by: order, partitionBy: partitionBy)
    }

    /// `dense_rank() OVER (...)`: like `rank`, without gaps after ties.
    public static func denseRank(by order: [any SortKey<Self>], partitionBy: [any Selectable<Self>] = [])
        -> Selection<Self, Int>
    {
        window(.denseRank, by: order, partitionBy: partitionBy)
    }

    /// `row_number() OVER (...)`: 1, 2, 3... with ties numbered in no promised order.
    public static func rowNumber(by order: [any SortKey<Self>], partitionBy: [any Selectable<Self>] = [])
        -> Selection<Self, Int>
    {
        window(.rowNumber, by: order, partitionBy: partitionBy)
    }

    /// `function OVER (PARTITION BY ... ORDER BY ...)`; the window's keys are written out, never by position (a
    /// number there would be a constant).
    static func window(_ function: RankFunction, by order: [any SortKey<Self>], partitionBy: [any Selectable<Self>])
        -> Selection<Self, Int>
    {
        var fragment = SQLFragment(function.rawValue + " OVER (")
        var identity = function.rawValue + " OVER ("
        let partitions = partitionBy.map { $0.selectExpression }
        let orderings = order.map { $0.resultOrdering }
        if !partitionBy.isEmpty {
            let keys = partitions
            fragment = fragment + "PARTITION BY " + SQLFragment.joined(keys.map(\.fragment), separator: ", ")
            identity += "PARTITION BY " + keys.map(\.identity).joined(separator: ", ")
        }
        if !order.isEmpty {
            let keys = orderings
            let rendered = keys.map { $0.expression.fragment + $0.suffix }
            fragment = fragment + (partitionBy.isEmpty ? "" : " ") + "ORDER BY "
                + SQLFragment.joined(rendered, separator: ", ")
            identity += " ORDER BY " + keys.map { $0.expression.identity + $0.suffix }.joined(separator: ", ")
        }
        let window = InMemoryWindow(
            function: function, partitions: partitions,
            order: orderings.map { ($0.expression, $0.isDescending, $0.nulls) })
        let expression = SelectExpression(
            fragment + ")", identity: identity + ")", sqlType: "bigint", role: .window, memory: .window(window))
        return Selection(
            expression, decode: { row, index in Int(try row.decode(Int64.self, at: index)) },
            memory: { value in try value.decodedCount() })
    }
}
