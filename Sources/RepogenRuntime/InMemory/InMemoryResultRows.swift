/// The result rows of a projection or an aggregate query in memory: each the rows it stands for and the values of
/// the expressions computed over them, ranks over all of them, then filtered, sorted and cut to a page as the
/// outer parts of the SQL statement are.
struct InMemoryResultRows {
    /// One result row: its group (or single row) and one value per expression.
    struct Entry {
        let group: InMemoryGroup
        var values: [InMemoryValue]
    }

    /// One sort key: the value it reads from an entry, its direction and where NULLs go.
    struct SortKey {
        let value: (Entry) -> InMemoryValue
        let descending: Bool
        let nulls: NullsOrder?
    }

    private(set) var entries: [Entry]

    /// The entries of `groups` with the values of `expressions`; ranks number every entry before any is dropped.
    init(_ groups: [InMemoryGroup], _ expressions: [SelectExpression]) throws {
        entries = try groups.map { group in
            Entry(group: group, values: try expressions.map { expression in
                if case .window = expression.memory { return .null }
                return try expression.value(in: group)
            })
        }
        for (index, expression) in expressions.enumerated() {
            guard case .window(let window) = expression.memory else { continue }
            let ranks = try Self.ranks(window, entries.map(\.group))
            for row in entries.indices { entries[row].values[index] = ranks[row] }
        }
    }

    /// Keeps the entries `condition` holds for.
    mutating func filter(_ condition: (Entry) throws -> Bool) rethrows {
        entries = try entries.filter(condition)
    }

    /// Sorts by `keys`, equal entries keeping their order.
    mutating func sort(by keys: [SortKey]) throws {
        let indexed = Array(entries.enumerated())
        entries = try indexed.sorted { lhs, rhs in
            let order = try Self.order(lhs.element, rhs.element, keys)
            return order != 0 ? order < 0 : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Keeps at most `limit` entries after `offset`.
    mutating func page(limit: Int?, offset: Int) {
        let start = Swift.min(offset, entries.count)
        let end = limit.map { start + Swift.min($0, entries.count - start) } ?? entries.count
        entries = Array(entries[start..<end])
    }

    private static func order(_ lhs: Entry, _ rhs: Entry, _ keys: [SortKey]) throws -> Int {
        for key in keys {
            let order = try InMemoryState.orderOf(
                key.value(lhs), key.value(rhs), descending: key.descending, nulls: key.nulls)
            if order != 0 { return order }
        }
        return 0
    }

    /// `rank()`, `dense_rank()` or `row_number()` of each group within its partition; peers (equal on every
    /// sort key, NULLs equal) share a rank.
    private static func ranks(_ window: InMemoryWindow, _ groups: [InMemoryGroup]) throws -> [InMemoryValue] {
        var partitions: [InMemoryGroupKey: [Entry]] = [:]
        for (index, group) in groups.enumerated() {
            let key = InMemoryGroupKey(try window.partitions.map { try $0.value(in: group) })
            let sortValues = try window.order.map { try $0.0.value(in: group) }
            partitions[key, default: []].append(Entry(group: group, values: sortValues + [.integer(Int64(index))]))
        }
        let keys = window.order.enumerated().map { position, key in
            SortKey(value: { $0.values[position] }, descending: key.1, nulls: key.2)
        }
        var ranks = [InMemoryValue](repeating: .null, count: groups.count)
        for members in partitions.values {
            var rows = InMemoryResultRows(entries: members)
            try rows.sort(by: keys)
            var (rank, dense) = (0, 0)
            for (position, entry) in rows.entries.enumerated() {
                if try position == 0 || order(rows.entries[position - 1], entry, keys) != 0 {
                    (rank, dense) = (position + 1, dense + 1)
                }
                let number = switch window.function {
                case .rank: rank
                case .denseRank: dense
                case .rowNumber: position + 1
                }
                guard case .integer(let index) = entry.values.last else { continue }
                ranks[Int(index)] = .integer(Int64(number))
            }
        }
        return ranks
    }

    private init(entries: [Entry]) {
        self.entries = entries
    }
}
