import Foundation
import Library
import RepogenRuntime
import RepogenTesting
import Testing

/// The consumer fixture on a throwaway PostgreSQL: its committed migrations apply, its generated repositories
/// work, and the method its own `repositories.mustache` adds is there.
@Suite struct LibraryTests {
    /// Runs `body` on a fresh database migrated with the library's committed migrations.
    func withLibrary(_ body: (Database) async throws -> Void) async throws {
        try await withTestDatabase(migrations: LibrarySchema.migrations) { db in try await body(db) }
    }

    @Test func migrationsApplyAndRepositoriesWriteAndRead() async throws {
        try await withLibrary { db in
            let author = try await db.authors.create(NewAuthor(name: "Ursula K. Le Guin"))
            let book = try await db.books.create(
                NewBook(authorID: author.id, title: "The Dispossessed", isbn: "978-0-06-051275-0"))
            #expect(book.copies == 1)
            #expect(try await db.books.findByIsbn("978-0-06-051275-0")?.id == book.id)
            #expect(try await db.authors.find(id: author.id)?.name == "Ursula K. Le Guin")
            let books = try await db.authors.loadBooks(for: [author])
            #expect(books[author.id]?.map(\.title) == ["The Dispossessed"])
        }
    }

    @Test func loansAreSoftDeletedAndVersioned() async throws {
        try await withLibrary { db in
            let author = try await db.authors.create(NewAuthor(name: "Italo Calvino"))
            let book = try await db.books.create(NewBook(authorID: author.id, title: "Invisible Cities", isbn: "1"))
            let due = CalendarDate(year: 2030, month: 1, day: 31)
            let loan = try await db.transaction { tx in
                try await tx.loans.create(NewLoan(bookID: book.id, member: "ada", dueOn: due))
            }
            #expect(loan.state == .active)
            #expect(loan.version == 1)
            let returned = try await db.loans.update(id: loan.id, expectedVersion: 1, LoanPatch(state: .returned))
            #expect(returned.version == 2)
            #expect(try await db.loans.delete(id: loan.id))
            #expect(try await db.loans.find(id: loan.id) == nil)
            #expect(try await db.loans.find(id: loan.id, includeDeleted: true)?.state == .returned)
        }
    }

    @Test func theOverriddenTemplateAddsShelfMark() async throws {
        try await withLibrary { db in
            let author = try await db.authors.create(NewAuthor(name: "Jorge Luis Borges"))
            _ = try await db.books.createMany([
                NewBook(authorID: author.id, title: "Ficciones", isbn: "2"),
                NewBook(authorID: author.id, title: "El Aleph", isbn: "3"),
            ])
            #expect(try await db.books.shelfMark() == "books: 2")
            #expect(try await db.authors.shelfMark() == "authors: 1")
        }
    }
}
