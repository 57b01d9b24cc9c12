import FeatureRelations
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Eager loading on real PostgreSQL: each relation loads for any number of parents in exactly one statement.
@Suite struct RelationBehaviourTests {
    /// Authors 0..<count, author i with i + 1 books, a profile for even authors, a review by every third author.
    func library(_ db: Database, authors count: Int) async throws -> [Author] {
        let authors = try await db.authors.createMany((0..<count).map { NewAuthor(name: "Author \($0)") })
        let books = try await db.books.createMany(authors.enumerated().flatMap { index, author in
            (0...index).map { NewBook(authorID: author.id, title: "\(author.name) book \($0)") }
        })
        _ = try await db.profiles.createMany(authors.enumerated().filter { $0.offset.isMultiple(of: 2) }.map {
            NewProfile(authorID: $0.element.id, bio: "Bio of \($0.element.name)")
        })
        _ = try await db.reviews.createMany(authors.enumerated().filter { $0.offset.isMultiple(of: 3) }.map {
            NewReview(stars: 5, reviewerID: $0.element.id)
        } + [NewReview(stars: 1)])
        let genres = try await db.genres.createMany([NewGenre(name: "Poetry"), NewGenre(name: "Drama")])
        _ = try await db.bookGenres.createMany(books.flatMap { book in
            genres.prefix(Int(book.id % 3)).map { NewBookGenre(bookID: book.id, genreID: $0.id) }
        })
        return authors
    }

    @Test(arguments: [1, 40])
    func hasManyAndHasOneLoadInOneStatement(authors count: Int) async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let authors = try await library(db, authors: count)
            let (books, bookStatements) = try await counting(db) { try await db.authors.loadBooks(for: authors) }
            #expect(bookStatements == 1)
            for (index, author) in authors.enumerated() {
                #expect(books[author.id, default: []].count == index + 1)
                #expect(books[author.id, default: []].allSatisfy { $0.authorID == author.id })
            }
            let (profiles, profileStatements) = try await counting(db) {
                try await db.authors.loadProfile(for: authors)
            }
            #expect(profileStatements == 1)
            #expect(profiles.count == (count + 1) / 2)
            #expect(profiles.allSatisfy { $0.key == $0.value.authorID })
            let (reviews, reviewStatements) = try await counting(db) { try await db.authors.loadReviews(for: authors) }
            #expect(reviewStatements == 1)
            #expect(reviews.values.joined().count == (count + 2) / 3)
        }
    }

    @Test(arguments: [1, 40])
    func manyToManyLoadsThroughTheJoinInOneStatement(authors count: Int) async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let authors = try await library(db, authors: count)
            let books = try await db.books.findAll(limit: 10_000)
            let (genres, statements) = try await counting(db) { try await db.books.loadGenres(for: books) }
            #expect(statements == 1)
            for book in books {
                #expect(genres[book.id, default: []].count == Int(book.id % 3))
            }
            _ = authors
        }
    }

    @Test func noParentsMeansNoStatement() async throws {
        try await withTestDatabase(migrations: FeatureRelationsSchema.migrations) { db in
            let (books, statements) = try await counting(db) { try await db.authors.loadBooks(for: []) }
            #expect(books.isEmpty && statements == 0)
        }
    }
}
