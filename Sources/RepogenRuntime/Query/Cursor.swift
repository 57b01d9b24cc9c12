import Foundation

/// An opaque position in a keyset-paginated query: the sort-key values and primary key of the last row seen.
///
/// Pass `page.nextCursor` back unchanged; `token` is URL-safe and can travel through an API.
public struct Cursor: Sendable, Hashable, Codable {
    /// The encoded position.
    public let token: String

    /// Wraps a token received from a client.
    public init(token: String) {
        self.token = token
    }

    /// The columns the cursor was made for and the last row's values, as text.
    struct Position: Codable {
        var columns: [String]
        var values: [String]
    }

    init(_ position: Position) throws {
        let data = try JSONEncoder().encode(position)
        token = data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The decoded position; throws when the token was not made for `columns`.
    func position(for columns: [String]) throws -> Position {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let position = try? JSONDecoder().decode(Position.self, from: data),
            position.columns == columns, position.values.count == columns.count
        else {
            throw RepogenError(
                kind: .invalidConfiguration, message: "the cursor does not belong to a query with this ordering")
        }
        return position
    }
}

extension QueryRepository {
    /// Up to `limit` rows after `cursor` (from the start when nil), in `orderBy` then primary-key order.
    ///
    /// Deep pages stay fast: the next page starts with a row-value comparison on the sort keys and the primary key
    /// (`(created_at, id) < ($1, $2)`), which an index on those columns answers directly. Every key of `orderBy`
    /// must have the same direction and no NULLs. `cache` caches the page as a `find` (docs/caching.md). `limit`
    /// travels as a bind; a negative one throws `invalidArgument`.
    public func page(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [], after cursor: Cursor?, limit: Int,
        includeDeleted: Bool = false, onlyDeleted: Bool = false, cache: QueryCaching = .schema
    ) async throws -> KeysetPage<Entity> {
        let table = Entity.entityTable
        let limit = try SQLBuilder.nonNegative(limit, "limit")
        let descending = orderBy.first?.isDescending ?? false
        guard orderBy.allSatisfy({ $0.isDescending == descending }) else {
            throw RepogenError(
                kind: .invalidConfiguration, message: "keyset pagination needs every sort key in the same direction")
        }
        let keys = orderBy.filter { $0.column != table.primaryKey }.map { ($0.column, $0.sqlType) }
            + [(table.primaryKey, table.primaryKeyType)]
        var condition = predicate
        if let cursor {
            let position = try cursor.position(for: keys.map(\.0))
            let values = zip(keys, position.values).map { key, value in
                SQLFragment.bind(value, cast: "text") + "::\(key.1)"
            }
            let op = descending ? " < (" : " > ("
            let row = "(" + keys.map(\.0).joined(separator: ", ") + ")" + op
            condition = predicate && Predicate(SQLFragment(row) + SQLFragment.joined(values, separator: ", ") + ")")
        }
        let rows = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        let extra = keys.enumerated().map { ", (\($0.element.0))::text AS repogen_key\($0.offset)" }.joined()
        var builder = try select(where: condition, rows, extra: SQLFragment(extra))
        builder.append(" ORDER BY " + keys.map { $0.0 + (descending ? " DESC" : "") }.joined(separator: ", "))
        // One row more than asked shows whether a next page exists; Int.max already asks for every row.
        let fetched = limit == Int.max ? limit : limit + 1
        builder.append(" LIMIT " + SQLFragment.bind(Int64(fetched), cast: "bigint"))
        let columns = keys.map(\.0)
        return try await run(builder, .find, caching: cache) { try Self.keysetPage($0, columns: columns, limit: limit) }
    }

    /// Up to `limit` decoded rows of `result` and, when a further row was read, the cursor after the last one.
    static func keysetPage(_ result: PostgresQueryResult, columns: [String], limit: Int) throws -> KeysetPage<Entity> {
        let width = Entity.entityTable.columns.count
        let decoded = try result.decodeRows { row in
            (try Entity.decode(row), try columns.indices.map { try row.decodeIfPresent(String.self, at: width + $0) })
        }
        let items = Array(decoded.prefix(max(0, limit)))
        guard decoded.count > limit, let last = items.last else {
            return KeysetPage(items: items.map(\.0), nextCursor: nil)
        }
        let values = try last.1.map { value in
            guard let value else {
                throw RepogenError(kind: .invalidConfiguration, message: "a keyset sort key was NULL")
            }
            return value
        }
        let next = try Cursor(Cursor.Position(columns: columns, values: values))
        return KeysetPage(items: items.map(\.0), nextCursor: next)
    }
}
