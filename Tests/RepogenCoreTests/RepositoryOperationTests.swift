import Testing
@testable import RepogenCore

/// The repository methods read back from rendered Swift: what the protocols and the in-memory doubles list.
@Suite struct RepositoryOperationTests {
    static let rendered = """
        public struct NoteRepository: Sendable {
            /// Where statements run.
            public let executor: any DatabaseExecutor

            /// One line.
            public func find(id: UUID, includeDeleted: Bool = false) async throws -> Note? {
                let inner = { (x: Int) -> Int in x }
            }

            /// Spread over lines,
            /// with a keyword label.
            @discardableResult
            public func loadNotes(
                for owners: [Owner], `where` predicate: RepogenRuntime.Predicate<Note> = .all, page: PageRequest = .first(100)
            ) async throws -> [UUID: [Note]] {
            }

            public func upsertBySlug(_ input: NewNote) async throws -> Note {
            }
        }

        extension NoteRepository {
            public func helper() {}
        }
        """

    @Test func everyPublicMethodOfTheStructIsRead() throws {
        let operations = try #require(RepositoryOperation.extract(from: Self.rendered)["NoteRepository"])
        #expect(operations.map(\.signature.selector) == [
            "find(id:includeDeleted:)", "loadNotes(for:where:page:)", "upsertBySlug(_:)",
        ])
        let load = operations[1]
        #expect(load.discardableResult && load.doc == ["/// Spread over lines,", "/// with a keyword label."])
        #expect(load.signature.parameters.map(\.defaultValue) == [nil, ".all", ".first(100)"])
        #expect(load.signature.tail == "async throws -> [UUID: [Note]]")
    }

    @Test func requirementsDropDefaultsAndForwardersRestoreThem() throws {
        let signature = try #require(SwiftSignature(
            "func loadNotes(for owners: [Owner], `where` predicate: Predicate<Note> = .all) async throws -> [Note]"))
        #expect(signature.declaration(withDefaults: false)
            == "func loadNotes(for owners: [Owner], `where` predicate: Predicate<Note>) async throws -> [Note]")
        #expect(signature.declaration(withDefaults: true).hasSuffix("predicate: Predicate<Note> = .all) async throws -> [Note]"))
        #expect(signature.forwardingCall == "try await loadNotes(for: owners, where: predicate)")
        #expect(SwiftSignature("func generic<T>(_ value: T)") == nil)
        #expect(SwiftSignature("var notAFunction: Int") == nil)
    }

    @Test("text with CRLF line ends (a template override saved so) is read like text with LF line ends")
    func crlfLineEndsAreReadAlike() {
        let crlf = Self.rendered.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(RepositoryOperation.extract(from: crlf) == RepositoryOperation.extract(from: Self.rendered))
        #expect(RepositoryOperation.extract(from: crlf)["NoteRepository"]?.count == 3)
    }
}
