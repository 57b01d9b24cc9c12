/// Updates that return the rows as written; generated repositories build `update(id:set:)` on it.
extension QueryRepository {
    /// Sets `assignments` on every live row matching `predicate` and returns those rows as written, in one
    /// statement (audited like `updateMany`, `updated_at` and `version` maintained); no assignment throws
    /// `invalidArgument` before anything is sent.
    ///
    /// ```swift
    /// let repriced = try await db.quotes.updateManyReturning(
    ///     where: Quote.status == .draft, set: [Quote.totalAmount.multiply(by: 1.1)])
    /// ```
    public func updateManyReturning(where predicate: Predicate<Entity>, set assignments: [Assignment<Entity>])
        async throws -> [Entity]
    {
        guard !assignments.isEmpty else {
            throw RepogenError(kind: .invalidArgument, message: "set: needs at least one assignment")
        }
        let set = try setList(assignments)
        let result = try await namingOverflow(assignments) {
            try await runUpdate(set: set, where: predicate, action: "update", returningRows: true)
        }
        return try result.decodeRows(Entity.decode)
    }

}
