/// Tree walks in memory: the generated `descendants(of:maxDepth:)` and `ancestors(of:maxDepth:)`, walked level by
/// level as their recursive CTE is.
extension InMemoryRepository {
    /// The rows below the live row `id` through the self-referencing `column` (quoted): its children at depth 1,
    /// theirs at 2..., as `walk(from:along:down:maxDepth:)` describes.
    public func descendantRows(
        of id: some Sendable, along column: String, maxDepth: Int?
    ) async throws -> [TreeRow<Entity>] {
        try await walk(from: id, along: column, down: true, maxDepth: maxDepth)
    }

    /// The rows above the live row `id` through the self-referencing `column` (quoted): its parent at depth 1, that
    /// row's parent at 2..., as `walk(from:along:down:maxDepth:)` describes.
    public func ancestorRows(
        of id: some Sendable, along column: String, maxDepth: Int?
    ) async throws -> [TreeRow<Entity>] {
        try await walk(from: id, along: column, down: false, maxDepth: maxDepth)
    }

    /// The rows reached from the live row `id` through `column`, at most `maxDepth` steps away (nil: no limit), in
    /// depth order then primary key order, the start row left out. As the SQL walk: a step that would repeat a row
    /// already on its path ends there (a cycle), soft-deleted rows and the walk past them are left out, and no
    /// visible start row gives none. Throws `invalidArgument` for a negative `maxDepth`.
    func walk(
        from id: some Sendable, along column: String, down: Bool, maxDepth: Int?
    ) async throws -> [TreeRow<Entity>] {
        if let maxDepth { _ = try SQLBuilder.nonNegative(maxDepth, "maxDepth") }
        if let reason = table.unsupported { throw RepogenError.unsupportedInMemory(reason) }
        let start = try InMemoryValue.require(id)
        let primaryKey = table.primaryKey
        return try await context.statement { state, _ in
            let live = try state.rows(of: table, where: { _ in true }, .live)
            let steps = InMemoryRowIndex(live, by: down ? column : primaryKey)
            let next = down ? primaryKey : column
            var level = try InMemoryRowIndex(live, by: primaryKey).rows(equalTo: start).map { ($0, [$0[primaryKey]]) }
            var found: [(depth: Int, row: InMemoryRow)] = []
            var depth = 0
            while !level.isEmpty, maxDepth.map({ depth < $0 }) ?? true {
                depth += 1
                level = try level.flatMap { row, path in
                    try steps.rows(equalTo: row[next]).filter { step in
                        try !path.contains { try InMemoryValue.equals($0, step[primaryKey]) == true }
                    }.map { ($0, path + [$0[primaryKey]]) }
                }
                found += level.map { (depth, $0.0) }
            }
            return try found.sorted { lhs, rhs in
                guard lhs.depth == rhs.depth else { return lhs.depth < rhs.depth }
                let order = try InMemoryState.orderOf(
                    lhs.row[primaryKey], rhs.row[primaryKey], descending: false, nulls: nil)
                return order < 0
            }.map { TreeRow(depth: $0.depth, row: try Self.inMemoryEntity(from: $0.row)) }
        }
    }
}
