/// One aggregate over the rows matching a predicate, without grouping.
extension QueryOperations {
    /// The value of one aggregate over the rows matching `predicate`: `SELECT aggregate FROM table WHERE ...`.
    ///
    /// ```swift
    /// let total = try await db.quotes.aggregate(Quote.totalAmount.sum, where: Quote.status == .accepted) // Decimal
    /// let authors = try await db.quotes.aggregate(Quote.ownerID.countDistinct)                          // Int
    /// let latest = try await db.analyticsEvents.aggregate(AnalyticsEvent.occurredAt.max)               // Date?
    /// ```
    public func aggregate<O>(
        _ selection: Selection<Entity, O>, where predicate: Predicate<Entity> = .all, includeDeleted: Bool = false,
        onlyDeleted: Bool = false, cache: QueryCaching = .schema
    ) async throws -> O {
        let rows = try await aggregate(
            where: predicate, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache
        ) { selection }
        guard let value = rows.first, rows.count == 1 else {
            throw RepogenError(
                kind: .invalidArgument, message: "aggregate(_:) takes an aggregate; select group keys in aggregate { }")
        }
        return value
    }
}
