/// What an aggregate query computes in memory, checked before it runs: the expressions (the selected ones, then
/// sort keys it does not select), how rows group, the `having:` condition and the result order.
struct InMemoryAggregatePlan {
    /// The selected expressions, then the unselected ones `orderBy` sorts on.
    let expressions: [SelectExpression]
    /// `orderBy` by expression position, then the selected keys it leaves out, ascending.
    let sortKeys: [InMemoryResultRows.SortKey]
    /// The selected keys (columns, time buckets) by position.
    private let keyPositions: [Int]
    /// The selected plain columns by position, which `rankedWhere` reads.
    private let columns: [(Int, String)]
    /// Whether rows form groups (a key, an aggregate or `having:`) rather than a result row each.
    private let isGrouped: Bool
    private let having: InMemoryCondition?
    private let table: InMemoryTable

    init<Entity>(
        selected: [SelectExpression], orderBy: [ResultOrdering<Entity>], having: Having<Entity>?,
        rankedWhere: Predicate<Entity>?, table: InMemoryTable
    ) throws {
        var expressions = selected
        var used: Set<Int> = []
        var keys = orderBy.map { ordering in
            let position = selected.firstIndex { $0.identity == ordering.expression.identity } ?? {
                expressions.append(ordering.expression)
                return expressions.count - 1
            }()
            used.insert(position)
            return InMemoryResultRows.SortKey(
                value: { $0.values[position] }, descending: ordering.isDescending, nulls: ordering.nulls)
        }
        keyPositions = selected.indices.filter { selected[$0].role == .key }
        keys += keyPositions.filter { !used.contains($0) }.map { position in
            InMemoryResultRows.SortKey(value: { $0.values[position] }, descending: false, nulls: nil)
        }
        isGrouped = !keyPositions.isEmpty || having != nil || expressions.contains { $0.role == .aggregate }
        (self.expressions, sortKeys, self.table) = (expressions, keys, table)
        columns = selected.enumerated().compactMap { index, expression in expression.column.map { (index, $0) } }
        if let having, having.evaluator == nil {
            throw RepogenError.unsupportedInMemory("a having: condition written as SQL text")
        }
        self.having = having?.evaluator
        try check(unselected: expressions[selected.count...], rankedWhere: rankedWhere)
    }

    /// Refuses what PostgreSQL rejects or reads differently: sorting grouped rows on a key they do not select
    /// (valid only when the grouping determines it), any unselected sort key or unselected column under
    /// `rankedWhere`, whose outer query sees only the outputs.
    private func check<Entity>(unselected: ArraySlice<SelectExpression>, rankedWhere: Predicate<Entity>?) throws {
        if isGrouped, unselected.contains(where: { $0.role == .key }) {
            throw RepogenError.unsupportedInMemory("ordering grouped rows by a column or time bucket not selected")
        }
        guard let rankedWhere else { return }
        if !unselected.isEmpty {
            throw RepogenError.unsupportedInMemory("ordering a rankedWhere: aggregate by an expression not selected")
        }
        let text = rankedWhere.fragment.parts.map { part in
            if case .text(let text) = part { return text }
            return ""
        }.joined()
        let selected = Set(columns.map(\.1))
        if let missing = table.columns.first(where: { !selected.contains($0.name) && Self.mentions(text, $0.name) }) {
            throw RepogenError.unsupportedInMemory("rankedWhere: on \(missing.name), not selected by the aggregate")
        }
    }

    /// The result rows' groups: by the selected keys (NULLs together, in order of first appearance), one group of
    /// every row when nothing is keyed (even of none), or one per row when nothing is aggregated; then `having:`.
    func groups(of rows: [InMemoryRow]) throws -> [InMemoryGroup] {
        guard isGrouped else { return rows.map { InMemoryGroup(rows: [$0], table: table) } }
        var order: [InMemoryGroupKey] = []
        var members: [InMemoryGroupKey: [InMemoryRow]] = keyPositions.isEmpty ? [InMemoryGroupKey([]): []] : [:]
        if keyPositions.isEmpty { order.append(InMemoryGroupKey([])) }
        for row in rows {
            let single = InMemoryGroup(rows: [row], table: table)
            let key = InMemoryGroupKey(try keyPositions.map { try expressions[$0].value(in: single) })
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(row)
        }
        let keys = Set(keyPositions.map { expressions[$0].identity })
        let groups = order.map { InMemoryGroup(rows: members[$0] ?? [], table: table, keys: keys) }
        guard let having else { return groups }
        return try groups.filter { group in
            try InMemoryGroup.$current.withValue(group) { try having(InMemoryRow([:])) } == true
        }
    }

    /// A result row as the outer query of `rankedWhere` sees it: the selected columns by name.
    func outputRow(_ entry: InMemoryResultRows.Entry) -> InMemoryRow {
        InMemoryRow(Dictionary(columns.map { ($0.1, entry.values[$0.0]) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Whether SQL `text` names `column` as a whole identifier (not inside a longer one: `id` in `owner_id`).
    private static func mentions(_ text: String, _ column: String) -> Bool {
        let isIdentifier = { (character: Character?) in
            character.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "\"" } ?? false
        }
        var rest = text[...]
        while let range = rest.range(of: column) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if column.hasPrefix("\"") || (!isIdentifier(before) && !isIdentifier(after)) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }
}
