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

    /// Decodes a request; negative values count as zero, as in `init(limit:offset:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(limit: try container.decode(Int.self, forKey: .limit),
                  offset: try container.decodeIfPresent(Int.self, forKey: .offset) ?? 0)
    }

    /// The page of the same size right after this one; the offset stops at `Int.max` rather than overflow.
    public var next: PageRequest {
        let (limit, offset) = (max(0, limit), max(0, offset))
        let (sum, overflow) = offset.addingReportingOverflow(limit)
        return PageRequest(limit: limit, offset: overflow ? Int.max : sum)
    }

    /// The page of the same size right before this one, or nil on the first page.
    public var previous: PageRequest? {
        let (limit, offset) = (max(0, limit), max(0, offset))
        return offset == 0 ? nil : PageRequest(limit: limit, offset: max(0, offset - limit))
    }

    /// Appends `limit` and `offset` as two `bigint` binds, the order every generated list statement expects
    /// (a negative value, set on the properties directly, counts as zero).
    public func append(to binds: inout PostgresBindings) {
        binds.append(Int64(max(0, limit)))
        binds.append(Int64(max(0, offset)))
    }
}
