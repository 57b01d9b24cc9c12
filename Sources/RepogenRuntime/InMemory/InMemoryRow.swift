/// One stored row of an in-memory table: every column's value by its quoted name (as `ColumnRef.column` spells
/// it), which predicates, orderings and assignments read and write.
public struct InMemoryRow: Sendable, Hashable {
    /// The values by quoted column name.
    public var values: [String: InMemoryValue]

    /// Creates a row from values by quoted column name.
    public init(_ values: [String: InMemoryValue]) {
        self.values = values
    }

    /// The value of `column`, NULL when the row has none.
    public subscript(column: String) -> InMemoryValue {
        get { values[column] ?? .null }
        set { values[column] = newValue }
    }
}
