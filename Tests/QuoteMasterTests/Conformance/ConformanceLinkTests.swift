import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Every by-key operation of the join entity `QuoteLabel` on both backends: its composite unique key and its two
/// foreign keys meet every write, patch, assignment and upsert alike.
@Suite struct ConformanceLinkTests {
    /// Two quotes of one owner and two labels, none linked yet.
    struct Board {
        let roof: Quote
        let wall: Quote
        let vip: Label
        let late: Label

        init(_ repos: some QuoteMasterRepositoriesProtocol) async throws {
            let owner = try await Seed.user(repos)
            roof = try await Seed.quote(repos, owner, "Roof")
            wall = try await Seed.quote(repos, owner, "Wall")
            vip = try await Seed.label(repos, "vip")
            late = try await Seed.label(repos, "late")
        }
    }

    static let pairTaken = ErrorShape(
        .constraintViolation, .unique, sqlState: "23505", constraint: "quote_labels_quote_id_label_id_key",
        fields: ["quoteID", "labelID"])
    static let noSuchLabel = ErrorShape(
        .constraintViolation, .foreignKey, sqlState: "23503", constraint: "quote_labels_label_id_fkey",
        fields: ["labelID"])

    @Test(arguments: Backend.allCases)
    func linksAreCreatedListedAndFound(_ backend: Backend) async throws {
        try await backend.run { repos in
            let board = try await Board(repos)
            let made = try await repos.quoteLabels.createMany([
                NewQuoteLabel(quoteID: board.roof.id, labelID: board.vip.id),
                NewQuoteLabel(quoteID: board.wall.id, labelID: board.vip.id, id: UUID()),
                NewQuoteLabel(quoteID: board.roof.id, labelID: board.late.id),
            ])
            #expect(made.map(\.quoteID) == [board.roof.id, board.wall.id, board.roof.id])
            #expect(try await repos.quoteLabels.find(id: made[1].id) == made[1])
            #expect(try await repos.quoteLabels.find(id: UUID()) == nil)
            #expect(try await repos.quoteLabels.findAll() == Seed.inKeyOrder(made))
            #expect(try await repos.quoteLabels.findAll(limit: 2, offset: 1) == Array(Seed.inKeyOrder(made)[1...]))
            let parents = try await repos.quoteLabels.loadQuote(for: made)
            #expect(parents == [board.roof.id: board.roof, board.wall.id: board.wall])
            let twice = await repogenError {
                _ = try await repos.quoteLabels.createMany([NewQuoteLabel(quoteID: board.wall.id, labelID: board.late.id),
                                                           NewQuoteLabel(quoteID: board.wall.id, labelID: board.late.id)])
            }
            #expect(ErrorShape(twice) == Self.pairTaken)
            let orphan = await repogenError {
                _ = try await repos.quoteLabels.createMany([NewQuoteLabel(quoteID: board.wall.id, labelID: UUID())])
            }
            #expect(ErrorShape(orphan) == Self.noSuchLabel)
            #expect(try await repos.quoteLabels.count() == 3)
        }
    }

    @Test(arguments: Backend.allCases)
    func linksArePatchedAssignedAndDeleted(_ backend: Backend) async throws {
        try await backend.run { repos in
            let board = try await Board(repos)
            let link = try await Seed.link(repos, board.roof, board.vip)
            let other = try await Seed.link(repos, board.wall, board.vip)
            let moved = try await repos.quoteLabels.update(id: link.id, QuoteLabelPatch(labelID: board.late.id))
            #expect(moved == QuoteLabel(id: link.id, quoteID: board.roof.id, labelID: board.late.id))
            #expect(try await repos.quoteLabels.update(id: link.id, QuoteLabelPatch()) == moved)
            let assigned = try await repos.quoteLabels.update(id: link.id, set: [QuoteLabel.quoteID.set(board.wall.id)])
            #expect(assigned == QuoteLabel(id: link.id, quoteID: board.wall.id, labelID: board.late.id))
            let taken = await repogenError {
                _ = try await repos.quoteLabels.update(id: link.id, QuoteLabelPatch(labelID: board.vip.id))
            }
            #expect(ErrorShape(taken) == Self.pairTaken)
            let takenBySet = await repogenError {
                _ = try await repos.quoteLabels.update(id: other.id, set: [QuoteLabel.labelID.set(board.late.id)])
            }
            #expect(ErrorShape(takenBySet) == Self.pairTaken)
            let orphan = await repogenError {
                _ = try await repos.quoteLabels.update(id: link.id, QuoteLabelPatch(labelID: UUID()))
            }
            #expect(ErrorShape(orphan) == Self.noSuchLabel)
            let orphanBySet = await repogenError {
                _ = try await repos.quoteLabels.update(id: link.id, set: [QuoteLabel.labelID.set(UUID())])
            }
            #expect(ErrorShape(orphanBySet) == Self.noSuchLabel)
            #expect(try await repos.quoteLabels.find(id: link.id) == assigned)
            #expect(try await repos.quoteLabels.exists(id: other.id))
            #expect(try await repos.quoteLabels.delete(id: other.id))
            #expect(try await !repos.quoteLabels.delete(id: other.id))
            #expect(try await !repos.quoteLabels.exists(id: other.id))
            #expect(try await repos.quoteLabels.findAll() == [assigned])
        }
    }

    @Test(arguments: Backend.allCases)
    func linkUpsertsByKeyAndByPair(_ backend: Backend) async throws {
        try await backend.run { repos in
            let board = try await Board(repos)
            let link = try await repos.quoteLabels.upsert(NewQuoteLabel(quoteID: board.roof.id, labelID: board.vip.id))
            #expect(try await repos.quoteLabels.find(id: link.id) == link)
            let moved = try await repos.quoteLabels.upsert(
                NewQuoteLabel(quoteID: board.wall.id, labelID: board.late.id, id: link.id))
            #expect(moved == QuoteLabel(id: link.id, quoteID: board.wall.id, labelID: board.late.id))
            let same = try await repos.quoteLabels.upsertByQuoteIDAndLabelID(
                NewQuoteLabel(quoteID: board.wall.id, labelID: board.late.id, id: UUID()))
            #expect(same == moved)
            let added = try await repos.quoteLabels.upsertByQuoteIDAndLabelID(
                NewQuoteLabel(quoteID: board.roof.id, labelID: board.late.id))
            #expect(added.id != link.id)
            #expect(try await repos.quoteLabels.find(id: added.id) == added)
            let pair = await repogenError {
                _ = try await repos.quoteLabels.upsert(
                    NewQuoteLabel(quoteID: board.roof.id, labelID: board.late.id, id: link.id))
            }
            #expect(ErrorShape(pair) == Self.pairTaken)
            let key = await repogenError {
                _ = try await repos.quoteLabels.upsertByQuoteIDAndLabelID(
                    NewQuoteLabel(quoteID: board.roof.id, labelID: board.vip.id, id: link.id))
            }
            #expect(ErrorShape(key) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "quote_labels_pkey", fields: ["id"]))
            let orphan = await repogenError {
                _ = try await repos.quoteLabels.upsert(NewQuoteLabel(quoteID: board.roof.id, labelID: UUID(), id: link.id))
            }
            #expect(ErrorShape(orphan) == Self.noSuchLabel)
            #expect(Set(try await repos.quoteLabels.findAll()) == [moved, added])
        }
    }
}
