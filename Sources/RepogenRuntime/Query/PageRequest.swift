/// Which slice of an ordered list a finder returns: at most `limit` rows after skipping `offset`.
///
/// ```swift
/// let firstPage = try await db.quotes.findByOwner(user.id, page: .first(20))
/// let secondPage = try await db.quotes.findByOwner(user.id, page: .first(20).next)
/// ```
public struct PageRequest: Sendable, Hashable, Codable {
    /// The largest number of rows returned; never negative.
    public var limit: Int
    /// The number of rows skipped before the first one returned; never negative.
    public var offset: Int

    /// Creates a request for `limit` rows after `offset` rows; negative values count as zero.
    public init(limit: Int, offset: Int = 0) {
        self.limit = max(0, limit)
        self.offset = max(0, offset)
    }

    /// The first `count` rows.
    public static func first(_ count: Int) -> PageRequest {
        PageRequest(limit: count)
    }

    /// The page of the same size right after this one.
    public var next: PageRequest {
        PageRequest(limit: limit, offset: offset + limit)
    }

    /// The page of the same size right before this one, or nil on the first page.
    public var previous: PageRequest? {
        offset == 0 ? nil : PageRequest(limit: limit, offset: max(0, offset - limit))
    }

    /// Appends `limit` and `offset` as two `bigint` binds, the order every generated list statement expects.
    public func append(to binds: inout PostgresBindings) {
        binds.append(Int64(limit))
        binds.append(Int64(offset))
    }
}
