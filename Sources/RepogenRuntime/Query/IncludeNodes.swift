/// What a generated `include(_:for:)` uses to include the rows one load returned: each distinct row (by primary key)
/// is included once, in one call for all of them, and its node handed to every parent that loaded it.
public enum IncludeNodes {
    /// The node of each parent's one related row (a `belongs_to` or `has_one` load keyed by parent key).
    public static func one<Key: Hashable, Row: Identifiable, Node>(
        _ loaded: [Key: Row], _ include: ([Row]) async throws -> [Node]
    ) async throws -> [Key: Node] {
        let nodes = try await nodesByID(loaded.values, include)
        return loaded.compactMapValues { nodes[$0.id] }
    }

    /// The nodes of each parent's related rows, in the order the load returned them.
    public static func many<Key: Hashable, Row: Identifiable, Node>(
        _ loaded: [Key: [Row]], _ include: ([Row]) async throws -> [Node]
    ) async throws -> [Key: [Node]] {
        let nodes = try await nodesByID(loaded.values.joined(), include)
        return loaded.mapValues { rows in rows.compactMap { nodes[$0.id] } }
    }

    /// Includes each distinct row once; `include` returns one node per row, in the order given.
    static func nodesByID<Rows: Sequence, Node>(
        _ rows: Rows, _ include: ([Rows.Element]) async throws -> [Node]
    ) async throws -> [Rows.Element.ID: Node] where Rows.Element: Identifiable {
        var seen = Set<Rows.Element.ID>()
        let distinct = rows.filter { seen.insert($0.id).inserted }
        let nodes = try await include(distinct)
        return Dictionary(zip(distinct.map(\.id), nodes), uniquingKeysWith: { first, _ in first })
    }
}
