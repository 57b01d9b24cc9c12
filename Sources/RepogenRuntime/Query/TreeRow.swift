/// One row of a tree walk (`descendants(of:maxDepth:)`, `ancestors(of:maxDepth:)`) with how many steps away from
/// the start row it is: 1 for a child or the parent, 2 for a grandchild or grandparent.
///
/// ```swift
/// for node in try await db.categories.descendants(of: root.id, maxDepth: 3) { print(node.depth, node.row.name) }
/// ```
public struct TreeRow<Row: Sendable>: Sendable {
    /// The number of steps from the start row, at least 1.
    public let depth: Int
    /// The row itself.
    public let row: Row

    /// Creates a tree row; the generated walks decode them.
    public init(depth: Int, row: Row) {
        self.depth = depth
        self.row = row
    }
}

extension TreeRow: Equatable where Row: Equatable {}
extension TreeRow: Hashable where Row: Hashable {}

extension PostgresBindings {
    /// Appends a tree walk's maximum depth as a `bigint` (NULL for no limit); throws `invalidArgument`, before
    /// anything is sent, when it is negative.
    public mutating func appendMaxDepth(_ maxDepth: Int?) throws {
        append(try maxDepth.map { Int64(try SQLBuilder.nonNegative($0, "maxDepth")) })
    }
}
