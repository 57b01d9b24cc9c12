/// Builds the list a projection or an aggregate query selects, one expression a line: a column of the entity, a
/// time bucket, an aggregate or a rank. A column of another entity does not compile.
///
/// ```swift
/// try await db.quotes.select(where: .open, limit: 20) {
///     Quote.id
///     Quote.title
///     Quote.content.nullable          // an optional column, decoded as String?
/// }                                   // [(UUID, String, String?)]
/// ```
@resultBuilder
public enum SelectionBuilder<Entity> {
    /// A column, decoded as its Swift type.
    public static func buildExpression<V: PostgresDecodable>(_ column: ColumnRef<Entity, V>) -> Selection<Entity, V> {
        column.selection
    }

    /// An aggregate, a time bucket, a rank or a `nullable` column.
    public static func buildExpression<O>(_ selection: Selection<Entity, O>) -> Selection<Entity, O> {
        selection
    }

    /// The selections in order.
    public static func buildBlock<each O>(_ selections: repeat Selection<Entity, each O>)
        -> SelectionList<Entity, repeat each O>
    {
        SelectionList(selections: (repeat each selections))
    }
}

/// The expressions a query selects, in order, and how a result row decodes into their values.
public struct SelectionList<Entity, each Output: Sendable>: Sendable {
    /// One selection per output.
    let selections: (repeat Selection<Entity, each Output>)

    /// The selections' SQL, in order.
    var expressions: [SelectExpression] {
        var list: [SelectExpression] = []
        for selection in repeat each selections { list.append(selection.expression) }
        return list
    }

    /// The values of one row, each selection decoding the next column from the first.
    func decode(_ row: PostgresRow) throws -> (repeat each Output) {
        var index = -1
        func next<T>(_ selection: Selection<Entity, T>) throws -> T {
            index += 1
            return try selection.decode(row, index)
        }
        return (repeat try next(each selections))
    }

    /// The values of one in-memory result row, each selection turning the next computed value into its type.
    func decode(memory values: [InMemoryValue]) throws -> (repeat each Output) {
        var index = -1
        func next<T>(_ selection: Selection<Entity, T>) throws -> T {
            index += 1
            return try selection.decodeMemory(values[index])
        }
        return (repeat try next(each selections))
    }
}
