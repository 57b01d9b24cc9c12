/// The typed-predicate operations of a repository, whatever stores its rows: the PostgreSQL repositories get them
/// from `QueryRepository`, the generated in-memory repositories implement them over an `InMemoryStore`.
///
/// Each generated `{{Entity}}RepositoryProtocol` refines this protocol, so a service written against it takes
/// either backend. The requirements carry every parameter; the extension below gives them their defaults, so
/// `repository.find(where: Quote.status == .sent)` reads the same on a protocol value as on a concrete one.
///
/// ```swift
/// func openQuotes(in quotes: some QuoteRepositoryProtocol) async throws -> [Quote] {
///     try await quotes.find(where: Quote.status == .sent, orderBy: [Quote.createdAt.descending])
/// }
/// ```
public protocol QueryOperations: Sendable {
    /// The entity the repository reads and writes.
    associatedtype Entity: QueryableEntity

    /// The rows matching `predicate` in `orderBy` then primary-key order, at most `limit` after `offset`.
    func find(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], limit: Int?, offset: Int,
        includeDeleted: Bool, onlyDeleted: Bool, lock: RowLock?, cache: QueryCaching
    ) async throws -> [Entity]

    /// The number of rows matching `predicate`.
    func count(
        where predicate: Predicate<Entity>, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching
    ) async throws -> Int

    /// Whether any row matches `predicate`.
    func exists(
        where predicate: Predicate<Entity>, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching
    ) async throws -> Bool

    /// Up to `limit` rows after `cursor` (from the start when nil), in `orderBy` then primary-key order.
    func page(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], after cursor: Cursor?, limit: Int,
        includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching
    ) async throws -> KeysetPage<Entity>

    /// At most `limit` rows for each of `keys` in `column`, keys in the order given, rows grouped by key.
    func find<Key: PostgresEncodable & Hashable & Sendable>(
        where predicate: Predicate<Entity>, eachOf column: ColumnRef<Entity, Key>, in keys: [Key],
        orderBy: [Ordering<Entity>], limit: Int, includeDeleted: Bool, onlyDeleted: Bool
    ) async throws -> [Entity]

    /// The selected values of the rows matching `predicate` (a projection; no aggregate).
    func select<each O>(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], limit: Int?, offset: Int,
        rankedWhere: Predicate<Entity>?, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)]

    /// One row per group of the selected keys, each the selected values in order.
    func aggregate<each O>(
        where predicate: Predicate<Entity>, having: Having<Entity>?, orderBy: [any SortKey<Entity>], limit: Int?,
        offset: Int, rankedWhere: Predicate<Entity>?, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)]

    /// Sets `assignments` on every live row matching `predicate`; the number of rows changed.
    @discardableResult
    func updateMany(where predicate: Predicate<Entity>, set assignments: [Assignment<Entity>]) async throws -> Int

    /// Sets `assignments` on every live row matching `predicate` and returns those rows as written.
    func updateManyReturning(where predicate: Predicate<Entity>, set assignments: [Assignment<Entity>])
        async throws -> [Entity]

    /// Deletes every live row matching `predicate` (soft-deletes them when the entity has `soft_delete`).
    @discardableResult
    func deleteMany(where predicate: Predicate<Entity>) async throws -> Int

    /// Removes every row matching `predicate` for good, soft-deleted or not.
    @discardableResult
    func hardDeleteMany(where predicate: Predicate<Entity>) async throws -> Int
}
