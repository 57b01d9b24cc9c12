/// One page of an offset-paginated query, with the total it was cut from.
///
/// ```swift
/// let page = try await db.quotes.page(where: Quote.status == .sent, orderBy: [Quote.createdAt.descending],
///                                     page: .first(20))
/// if page.hasNext { ... page: .first(20).next ... }
/// ```
public struct Page<Item: Sendable>: Sendable {
    /// The rows of this page.
    public let items: [Item]
    /// The number of rows matching the query across all pages.
    public let totalCount: Int
    /// Whether rows follow this page.
    public let hasNext: Bool
    /// Whether rows precede this page.
    public let hasPrevious: Bool
    /// The request this page answers.
    public let request: PageRequest

    /// Creates a page.
    public init(items: [Item], totalCount: Int, request: PageRequest) {
        self.items = items
        self.totalCount = totalCount
        self.request = request
        // Written as a difference: the offset may be as large as Int.max, and the sum would overflow.
        let offset = max(0, request.offset)
        hasNext = totalCount > offset && totalCount - offset > items.count
        hasPrevious = request.offset > 0
    }
}

/// One page of a keyset-paginated query, with the cursor of the next one.
///
/// ```swift
/// var cursor: Cursor? = nil
/// repeat {
///     let page = try await db.quotes.page(
///         where: .all, orderBy: [Quote.createdAt.descending], after: cursor, limit: 50)
///     cursor = page.nextCursor
/// } while cursor != nil
/// ```
public struct KeysetPage<Item: Sendable>: Sendable {
    /// The rows of this page.
    public let items: [Item]
    /// The cursor after the last row, nil when this is the last page.
    public let nextCursor: Cursor?

    /// Creates a page.
    public init(items: [Item], nextCursor: Cursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Whether rows follow this page.
    public var hasNext: Bool {
        nextCursor != nil
    }
}

extension QueryOperations {
    /// The page of rows `page` asks for, in `orderBy` then primary-key order, with the total count.
    ///
    /// `cache` applies to both statements: the items are a `find` and the total a `count` (each its own TTL).
    public func page(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [], page: PageRequest,
        includeDeleted: Bool = false, onlyDeleted: Bool = false, cache: QueryCaching = .schema
    ) async throws -> Page<Entity> {
        let items = try await find(
            where: predicate, orderBy: orderBy, limit: page.limit, offset: page.offset,
            includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache)
        let total = try await count(
            where: predicate, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache)
        return Page(items: items, totalCount: total, request: page)
    }
}
