/// The generated full-text search column of an entity with `search:` in the schema (`Quote.searchVector`): a
/// stored `tsvector` over its text columns, with a GIN index.
///
/// The query text is always a bind, parsed by `websearch_to_tsquery` (quoted phrases, `or`, `-word`; never a
/// syntax error) with the column's own text search configuration.
///
/// ```swift
/// let hits = try await db.quotes.find(where: Quote.searchVector.matches("roof repair") && Quote.status == .sent)
/// ```
public struct SearchColumn<Entity>: Sendable {
    /// The quoted column name (`"search_vector"`).
    public let column: String
    /// The text search configuration the column was built with (`english`).
    public let language: String

    /// Creates a reference; generated code calls this with the schema's column and language (literals only).
    public init(column: StaticString, language: StaticString) {
        self.column = column.description
        self.language = language.description
    }

    /// `websearch_to_tsquery('english'::regconfig, $n::text)`.
    func tsquery(_ query: String) -> SQLFragment {
        SQLFragment("websearch_to_tsquery('\(language)'::regconfig, ") + SQLFragment.bind(query, cast: "text") + ")"
    }

    /// The row's text matches `query` (`"search_vector" @@ websearch_to_tsquery('english'::regconfig, $1::text)`);
    /// a query of stop words only (or empty) matches nothing.
    public func matches(_ query: String) -> Predicate<Entity> {
        Predicate("(" + SQLFragment(column + " @@ ") + tsquery(query) + ")")
    }

    /// `ts_rank("search_vector", websearch_to_tsquery(...))`: higher for more, and better-weighted, matches.
    func rank(_ query: String) -> SQLFragment {
        SQLFragment("ts_rank(" + column + ", ") + tsquery(query) + ")"
    }
}

/// An entity with full-text search; generated for every entity with `search:` in the schema.
public protocol SearchableEntity: QueryableEntity {
    /// The entity's search column.
    static var searchVector: SearchColumn<Self> { get }
}

/// Full-text search as a repository operation, so a service searching through `QuoteRepositoryProtocol` takes
/// either backend; the PostgreSQL repositories implement it below, the in-memory ones throw `unsupportedInMemory`.
public protocol SearchOperations: QueryOperations where Entity: SearchableEntity {
    /// The live rows matching `query` and `predicate`, best match first, at most `limit` after `offset`.
    func search(_ query: String, where predicate: Predicate<Entity>, limit: Int, offset: Int) async throws -> [Entity]
}

extension SearchOperations {
    /// `search(_:where:limit:offset:)` with its defaults, forwarded to the requirement.
    public func search(
        _ query: String, where predicate: Predicate<Entity> = .all, limit: Int = 20, offset: Int = 0
    ) async throws -> [Entity] {
        try await search(query, where: predicate, limit: limit, offset: offset)
    }
}

extension SearchOperations where Self: QueryRepository {
    /// The live rows matching `query` and `predicate`, best match first (`ts_rank`, then the primary key), at most
    /// `limit` after `offset`. The query is bound, never spliced.
    ///
    /// ```swift
    /// let best = try await db.quotes.search("roof -garage", where: Quote.ownerID == user.id, limit: 10)
    /// ```
    public func search(
        _ query: String, where predicate: Predicate<Entity> = .all, limit: Int = 20, offset: Int = 0
    ) async throws -> [Entity] {
        let search = Entity.searchVector
        var builder = try select(where: predicate && search.matches(query), .live)
        builder.append(" ORDER BY ")
        builder.append(search.rank(query))
        builder.append(" DESC, " + Entity.entityTable.primaryKey)
        try builder.appendPaging(limit: limit, offset: offset)
        return try await run(builder, .find, caching: .off) { try $0.decodeRows(Entity.decode) }
    }
}
