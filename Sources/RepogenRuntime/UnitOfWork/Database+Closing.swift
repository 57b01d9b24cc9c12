extension Database {
    /// Runs `body` with this database, then closes its pool, whether `body` returns or throws.
    ///
    /// ```swift
    /// let count = try await Database.connect(url: url).closing { db in try await db.users.count() }
    /// ```
    public func closing<T>(
        isolation: isolated (any Actor)? = #isolation, after body: (Database) async throws -> T
    ) async throws -> T {
        do {
            let value = try await body(self)
            await close()
            return value
        } catch {
            await close()
            throw error
        }
    }
}
