import FeatureRelations
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): many-to-many loads through a link
/// table (deleted links and targets, duplicates, per-parent order and limit), tree walks (order, depth, maximum
/// depth, cycles, soft-deleted rows) and nested includes over both.
@Suite struct RelationsConformanceTests {
    /// Three books of one author: `one` in fantasy, crime and poetry, `two` in crime, `three` in none.
    static func shelve(_ repos: some FeatureRelationsRepositoriesProtocol) async throws -> [Book] {
        let author = try await repos.authors.create(NewAuthor(name: "Le Guin"))
        var books: [Book] = []
        for title in ["one", "two", "three"] {
            books.append(try await repos.books.create(NewBook(authorID: author.id, title: title)))
        }
        var genres: [Genre] = []
        for name in ["fantasy", "crime", "poetry"] {
            genres.append(try await repos.genres.create(NewGenre(name: name)))
        }
        let pairs = [(0, 0), (0, 1), (0, 2), (1, 1)]
        _ = try await repos.bookGenres.createMany(
            pairs.map { NewBookGenre(bookID: books[$0].id, genreID: genres[$1].id) })
        return books
    }

    /// Names by book title.
    static func titled<Row>(_ loaded: [Int64: [Row]], _ books: [Book], _ name: (Row) -> String) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: books.compactMap { book in
            loaded[book.id].map { (book.title, $0.map(name)) }
        })
    }

    @Test(arguments: RepositoryBackend.allCases)
    func genresLoadThroughTheLinkTable(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let books = try await Self.shelve(repos)
            let (one, two, three) = (books[0], books[1], books[2])
            let all = try await repos.books.loadGenres(for: [one, two, three, one])
            #expect(Self.titled(all, books, \.name) == ["one": ["fantasy", "crime", "poetry"], "two": ["crime"]])
            let first = try await repos.books.loadGenres(
                for: [two, one, two], orderBy: [Genre.name.ascending], limit: 2)
            #expect(Self.titled(first, books, \.name) == ["one": ["crime", "fantasy"], "two": ["crime"]])
            let last = try await repos.books.loadGenres(
                for: [one, two], orderBy: [Genre.name.descending], limit: 1, where: Genre.name != "poetry")
            #expect(Self.titled(last, books, \.name) == ["one": ["fantasy"], "two": ["crime"]])
            #expect(try await repos.books.loadGenres(for: [one], orderBy: [], limit: 0).isEmpty)
            await #expect(throws: RepogenError.self) {
                _ = try await repos.books.loadGenres(for: [one], orderBy: [], limit: -1)
            }
            let nodes = try await repos.books.include(BookInclude(genres: GenreInclude()), for: [three, one])
            #expect(nodes.map { $0.genres?.map(\.row.name) } == [[], ["fantasy", "crime", "poetry"]])
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func prizesLeaveDeletedLinksOutAndDeletedTargetsUnlessAsked(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let books = try await Self.shelve(repos)
            var prizes: [Prize] = []
            for name in ["hugo", "nebula", "locus"] {
                prizes.append(try await repos.prizes.create(NewPrize(name: name)))
            }
            let pairs = [(0, 0), (0, 1), (0, 2), (0, 0), (1, 1)]   // `one` holds the hugo twice
            let links = try await repos.bookPrizes.createMany(
                pairs.map { NewBookPrize(bookID: books[$0].id, prizeID: prizes[$1].id) })
            #expect(try await repos.bookPrizes.delete(id: links[2].id))   // one's locus link
            #expect(try await repos.prizes.delete(id: prizes[1].id))      // the nebula itself
            let name = { (prize: Prize) in prize.name }
            #expect(Self.titled(try await repos.books.loadPrizes(for: books), books, name) == ["one": ["hugo", "hugo"]])
            let all = try await repos.books.loadPrizes(for: books, includeDeleted: true)
            #expect(Self.titled(all, books, name) == ["one": ["hugo", "hugo", "nebula"], "two": ["nebula"]])
            let deleted = try await repos.books.loadPrizes(for: books, onlyDeleted: true)
            #expect(Self.titled(deleted, books, name) == ["one": ["nebula"], "two": ["nebula"]])
            let limited = try await repos.books.loadPrizes(
                for: books, orderBy: [Prize.name.descending], limit: 2, includeDeleted: true)
            #expect(Self.titled(limited, books, name) == ["one": ["nebula", "hugo"], "two": ["nebula"]])
            let live = try await repos.books.loadPrizes(for: books, orderBy: [Prize.name.ascending], limit: 5)
            #expect(Self.titled(live, books, name) == ["one": ["hugo", "hugo"]])
            let nodes = try await repos.books.include(BookInclude(prizes: PrizeInclude()), for: books)
            #expect(nodes.map { $0.prizes?.map(\.row.name) } == [["hugo", "hugo"], [], []])
        }
    }

    /// root → a → b → c, root → a2, and x ⇄ y (a cycle, made by pointing x back at y after both exist).
    static func forest(_ repos: some FeatureRelationsRepositoriesProtocol) async throws -> [String: Category] {
        var rows: [String: Category] = [:]
        let tree = [("root", nil), ("a", "root"), ("a2", "root"), ("b", "a"), ("c", "b"), ("x", nil), ("y", "x")]
        for (name, parent) in tree {
            let parentID = parent.flatMap { rows[$0]?.id }
            rows[name] = try await repos.categories.create(NewCategory(name: name, parentID: parentID))
        }
        rows["x"] = try await repos.categories.update(id: rows["x"]!.id, CategoryPatch(parentID: .some(rows["y"]!.id)))
        return rows
    }

    static func names(_ rows: [TreeRow<Category>]) -> [String] {
        rows.map { "\($0.depth):\($0.row.name)" }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func treeWalksGoByDepthAndStopAtCycles(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let f = try await Self.forest(repos)
            let categories = repos.categories
            #expect(Self.names(try await categories.descendants(of: f["root"]!.id)) == ["1:a", "1:a2", "2:b", "3:c"])
            let two = try await categories.descendants(of: f["root"]!.id, maxDepth: 2)
            #expect(Self.names(two) == ["1:a", "1:a2", "2:b"])
            #expect(try await categories.descendants(of: f["root"]!.id, maxDepth: 0).isEmpty)
            #expect(try await categories.descendants(of: f["c"]!.id).isEmpty)
            #expect(Self.names(try await categories.ancestors(of: f["c"]!.id)) == ["1:b", "2:a", "3:root"])
            #expect(Self.names(try await categories.ancestors(of: f["c"]!.id, maxDepth: 1)) == ["1:b"])
            #expect(try await categories.ancestors(of: f["root"]!.id).isEmpty)
            #expect(Self.names(try await categories.descendants(of: f["x"]!.id)) == ["1:y"])
            #expect(Self.names(try await categories.ancestors(of: f["y"]!.id, maxDepth: 1_000_000)) == ["1:x"])
            #expect(try await categories.descendants(of: Int64.max).isEmpty)
            await #expect(throws: RepogenError.self) {
                _ = try await categories.ancestors(of: f["c"]!.id, maxDepth: -1)
            }
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func softDeletedRowsEndTheWalk(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let f = try await Self.forest(repos)
            let categories = repos.categories
            #expect(try await categories.delete(id: f["a"]!.id))
            #expect(Self.names(try await categories.descendants(of: f["root"]!.id)) == ["1:a2"])
            #expect(Self.names(try await categories.ancestors(of: f["c"]!.id)) == ["1:b"])
            #expect(try await categories.descendants(of: f["a"]!.id).isEmpty)
            let include = CategoryInclude(
                parent: CategoryInclude(parent: CategoryInclude()), children: CategoryInclude())
            let nodes = try await categories.include(include, for: [f["b"]!, f["c"]!, f["x"]!, f["root"]!])
            #expect(nodes.map { $0.parent?.row.name } == [nil, "b", "y", nil])
            #expect(nodes.map { $0.parent?.parent?.row.name } == [nil, nil, "x", nil])
            #expect(nodes.map { $0.children?.map(\.row.name) } == [["c"], [], ["y"], ["a2"]])
            let parents = try await categories.loadParent(for: [f["b"]!, f["a2"]!], includeDeleted: true)
            #expect(Set(parents.values.map(\.name)) == ["a", "root"])
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureRelations repositories of this backend.
    func run(_ body: (any FeatureRelationsRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureRelationsSchema.migrations, postgres: { FeatureRelationsRepositories($0) },
            memory: { InMemoryFeatureRelationsRepositories() }, body)
    }
}
