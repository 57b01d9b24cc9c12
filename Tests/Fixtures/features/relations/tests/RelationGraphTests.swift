import FeatureRelations
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// belongs_to loads, nested includes and per-parent limits on real PostgreSQL, each with the number of statements
/// it promises: one per relation (per included relation and level), whatever the number of rows.
@Suite struct RelationGraphTests {
    /// Authors 0..<count, author i with i + 1 books titled "b0", "b1"...; a profile for even authors; genres on
    /// every book with an odd id; a review by every other author and one by nobody.
    func library(_ db: Database, authors count: Int) async throws -> (authors: [Author], books: [Book]) {
        let authors = try await db.authors.createMany((0..<count).map { NewAuthor(name: "Author \($0)") })
        let books = try await db.books.createMany(authors.enumerated().flatMap { index, author in
            (0...index).map { NewBook(authorID: author.id, title: "b\($0)") }
        })
        _ = try await db.profiles.createMany(authors.enumerated().filter { $0.offset.isMultiple(of: 2) }.map {
            NewProfile(authorID: $0.element.id, bio: "Bio of \($0.element.name)")
        })
        let genres = try await db.genres.createMany([NewGenre(name: "Poetry"), NewGenre(name: "Drama")])
        _ = try await db.bookGenres.createMany(books.filter { $0.id % 2 == 1 }.flatMap { book in
            genres.map { NewBookGenre(bookID: book.id, genreID: $0.id) }
        })
        _ = try await db.reviews.createMany(authors.enumerated().filter { $0.offset.isMultiple(of: 2) }.map {
            NewReview(stars: 4, reviewerID: $0.element.id)
        } + [NewReview(stars: 1)])
        return (authors, books)
    }

    @Test(arguments: [1, 40])
    func belongsToLoadsEveryParentInOneStatement(authors count: Int) async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let (authors, books) = try await library(db, authors: count)
            let (parents, statements) = try await counting(db) { try await db.books.loadAuthor(for: books) }
            #expect(statements == 1)
            #expect(parents.count == count)
            #expect(books.allSatisfy { parents[$0.authorID]?.id == $0.authorID })
            #expect(Set(parents.values.map(\.name)) == Set(authors.map(\.name)))
            let reviews = try await db.reviews.findAll(limit: 1_000)
            let (reviewers, reviewerStatements) = try await counting(db) {
                try await db.reviews.loadReviewer(for: reviews)
            }
            #expect(reviewerStatements == 1)
            #expect(reviewers.count == (count + 1) / 2)   // the review by nobody adds no key
            let (none, noStatement) = try await counting(db) { try await db.books.loadAuthor(for: []) }
            #expect(none.isEmpty && noStatement == 0)
        }
    }

    @Test(arguments: [1, 40])
    func nestedIncludesSendOneStatementPerRelationAndLevel(authors count: Int) async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let (authors, books) = try await library(db, authors: count)
            let include = AuthorInclude(books: BookInclude(genres: GenreInclude()), profile: ProfileInclude())
            let (nodes, statements) = try await counting(db) { try await db.authors.include(include, for: authors) }
            #expect(statements == 3)   // books, their genres, profiles: not one per author or book
            #expect(nodes.map(\.row) == authors)
            for (index, node) in nodes.enumerated() {
                #expect(node.books?.map(\.row.title).sorted() == (0...index).map { "b\($0)" }.sorted())
                #expect(node.books?.allSatisfy { $0.genres?.count == ($0.row.id % 2 == 1 ? 2 : 0) } == true)
                #expect(node.profile?.row.authorID == (index.isMultiple(of: 2) ? node.row.id : nil))
                #expect(node.reviews == nil)   // not asked for
            }
            let upward = BookInclude(author: AuthorInclude(profile: ProfileInclude()))
            let (bookNodes, upStatements) = try await counting(db) { try await db.books.include(upward, for: books) }
            #expect(upStatements == 2)   // the books' authors (each once), then those authors' profiles
            #expect(bookNodes.allSatisfy { $0.author?.row.id == $0.row.authorID && $0.genres == nil })
            let (empty, emptyStatements) = try await counting(db) { try await db.authors.include(include, for: []) }
            #expect(empty.isEmpty && emptyStatements == 0)
        }
    }

    @Test(arguments: [1, 40])
    func perParentLimitAndOrderInOneStatement(authors count: Int) async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let (authors, books) = try await library(db, authors: count)
            let (latest, statements) = try await counting(db) {
                try await db.authors.loadBooks(for: authors, orderBy: [Book.title.descending], limit: 2)
            }
            #expect(statements == 1)
            for author in authors {
                let expected = books.filter { $0.authorID == author.id }
                    .sorted { ($0.title, $0.id) > ($1.title, $1.id) }.prefix(2)
                #expect(latest[author.id] == Array(expected))
            }
            let narrowed = try await db.authors.loadBooks(
                for: authors, orderBy: [], limit: 10, where: Book.title == "b0")
            #expect(narrowed.values.allSatisfy { $0.map(\.title) == ["b0"] } && narrowed.count == count)
            let (nothing, zeroStatements) = try await counting(db) {
                try await db.authors.loadBooks(for: authors, orderBy: [Book.title.ascending], limit: 0)
            }
            #expect(nothing.isEmpty && zeroStatements == 1)
        }
    }

    @Test(arguments: [1, 40])
    func perParentLimitThroughTheLinkTableInOneStatement(authors count: Int) async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let (_, books) = try await library(db, authors: count)
            let (first, statements) = try await counting(db) {
                try await db.books.loadGenres(for: books, orderBy: [Genre.name.ascending], limit: 1)
            }
            #expect(statements == 1)
            #expect(first.count == books.filter { $0.id % 2 == 1 }.count)   // books without genres are absent
            #expect(first.allSatisfy { $0.key % 2 == 1 && $0.value.map(\.name) == ["Drama"] })
            let both = try await db.books.loadGenres(for: books, orderBy: [Genre.name.descending], limit: 5)
            #expect(both.values.allSatisfy { $0.map(\.name) == ["Poetry", "Drama"] })
        }
    }

    @Test func tiesAreBrokenByPrimaryKey() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let author = try await db.authors.create(NewAuthor(name: "Same"))
            let books = try await db.books.createMany((0..<6).map { _ in NewBook(authorID: author.id, title: "same") })
            let first = try await db.authors.loadBooks(for: [author], orderBy: [Book.title.ascending], limit: 3)
            #expect(first[author.id]?.map(\.id) == books.map(\.id).sorted().prefix(3).map { $0 })
            let last = try await db.authors.loadBooks(for: [author, author], orderBy: [Book.title.descending], limit: 3)
            #expect(last[author.id]?.map(\.id) == books.map(\.id).sorted(by: >).prefix(3).map { $0 })
        }
    }

    @Test func hostileValuesTravelAsBinds() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let hostile = "x'); DROP TABLE books; --"
            let author = try await db.authors.create(NewAuthor(name: hostile))
            let book = try await db.books.create(NewBook(authorID: author.id, title: hostile))
            let loaded = try await db.authors.loadBooks(
                for: [author], orderBy: [Book.title.ascending], limit: 1, where: Book.title == hostile)
            #expect(loaded[author.id] == [book])
            #expect(try await db.books.loadAuthor(for: [book])[author.id]?.name == hostile)
            let category = try await db.categories.create(NewCategory(name: hostile))
            #expect(try await db.categories.descendants(of: category.id).isEmpty)
            #expect(try await db.books.count() == 1)
        }
    }

    @Test func negativeLimitIsRefusedBeforeAnythingIsSent() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let author = try await db.authors.create(NewAuthor(name: "A"))
            let (_, statements) = try await counting(db) {
                await #expect(throws: RepogenError.self) {
                    try await db.authors.loadBooks(for: [author], orderBy: [], limit: -1)
                }
            }
            #expect(statements == 0)
        }
    }
}
