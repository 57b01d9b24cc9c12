import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// The generated operations of the entities the other suites leave aside (labels, quote labels, audit entries, user
/// upserts), on PostgreSQL, seeded by the factories: each read returns what was written, each write what is stored.
@Suite struct RepositoryOperationsTests {
    @Test func labelsAreReadWrittenUpsertedAndDeleted() async throws {
        try await withQuoteMasterDatabase { db in
            let made = try await db.labels.createMany([NewLabel(name: "urgent"), NewLabel(name: "vip")])
            #expect(made.map(\.name) == ["urgent", "vip"])
            #expect(try await db.labels.createMany([]).isEmpty)
            #expect(Set(try await db.labels.findAll(limit: 10, offset: 0)) == Set(made))
            #expect(try await db.labels.findAll(limit: 1, offset: 1).count == 1)
            let renamed = try await db.labels.update(id: made[0].id, LabelPatch(name: "urgent!"))
            #expect(renamed.name == "urgent!" && renamed.id == made[0].id)
            let set = try await db.labels.update(id: made[0].id, set: [Label.name.set("later")])
            #expect(set.name == "later")
            let byKey = try await db.labels.upsert(NewLabel(name: "now", id: made[0].id))
            #expect(byKey.id == made[0].id && byKey.name == "now")
            let byName = try await db.labels.upsertByName(NewLabel(name: "vip", id: UUID()))
            #expect(byName.id == made[1].id)
            #expect(try await db.labels.exists(id: made[1].id))
            #expect(try await db.labels.delete(id: made[1].id))
            #expect(try await db.labels.delete(id: made[1].id) == false)
            #expect(try await db.labels.exists(id: made[1].id) == false)
            #expect(try await db.labels.count() == 1)
        }
    }

    @Test func quoteLabelsLoadAndIncludeTheirParents() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let links = try await (0..<2).asyncMap { _ in try await make.createQuoteLabel() }
            #expect(try await db.quoteLabels.find(id: links[0].id) == links[0])
            #expect(Set(try await db.quoteLabels.findAll(limit: 10, offset: 0)) == Set(links))
            let quotes = try await db.quoteLabels.loadQuote(for: links)
            let labels = try await db.quoteLabels.loadLabel(for: links)
            #expect(Set(quotes.keys) == Set(links.map(\.quoteID)) && Set(labels.keys) == Set(links.map(\.labelID)))
            let nodes = try await db.quoteLabels.include(
                QuoteLabelInclude(quote: QuoteInclude(owner: UserInclude()), label: LabelInclude()), for: links)
            #expect(nodes.map(\.row) == links && nodes.allSatisfy { $0.quote?.owner != nil && $0.label != nil })
            #expect(nodes[0].quote?.row.id == links[0].quoteID && nodes[1].label?.row.id == links[1].labelID)
            #expect(try await db.quoteLabels.count() == 2)
        }
    }

    @Test func quoteLabelsAreUpdatedUpsertedAndDeleted() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let link = try await make.createQuoteLabel()
            let other = try await make.createLabel()
            let moved = try await db.quoteLabels.update(id: link.id, QuoteLabelPatch(labelID: other.id))
            #expect(moved.labelID == other.id && moved.quoteID == link.quoteID)
            let back = try await db.quoteLabels.update(id: link.id, set: [QuoteLabel.labelID.set(link.labelID)])
            #expect(back.labelID == link.labelID)
            let same = try await db.quoteLabels.upsertByQuoteIDAndLabelID(
                NewQuoteLabel(quoteID: link.quoteID, labelID: link.labelID))
            #expect(same.id == link.id)
            let byKey = try await db.quoteLabels.upsert(NewQuoteLabel(quoteID: link.quoteID, labelID: other.id,
                                                                      id: link.id))
            #expect(byKey.id == link.id && byKey.labelID == other.id)
            #expect(try await db.quoteLabels.exists(id: link.id))
            #expect(try await db.quoteLabels.delete(id: link.id))
            #expect(try await db.quoteLabels.find(id: link.id) == nil)
        }
    }

    @Test func auditEntriesAreReadAndLoadTheirActor() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let actor = try await make.createUser()
            let entries = try await db.auditEntries.createMany([
                NewAuditEntry(action: .create, entity: "Quote", entityID: "1", actorID: actor.id),
                NewAuditEntry(action: .delete, entity: "Quote", entityID: "2", before: .object(["a": .number(1)])),
            ])
            #expect(entries.map(\.action) == [.create, .delete] && entries[1].before == .object(["a": .number(1)]))
            #expect(try await db.auditEntries.find(id: entries[0].id) == entries[0])
            #expect(try await db.auditEntries.exists(id: entries[1].id))
            #expect(try await db.auditEntries.exists(id: entries[1].id + 100) == false)
            #expect(try await db.auditEntries.loadActor(for: entries) == [actor.id: actor])
            let nodes = try await db.auditEntries.include(AuditEntryInclude(actor: UserInclude()), for: entries)
            #expect(nodes.map { $0.actor?.row } == [actor, nil])
        }
    }

    @Test func usersAreUpsertedByKeyAndByEmailAndLoadQuotesPerUser() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let user = try await make.createUser()
            let byEmail = try await db.users.upsertByEmail(NewUser(email: user.email, displayName: "Renamed"))
            #expect(byEmail.id == user.id && byEmail.displayName == "Renamed")
            let byKey = try await db.users.upsert(NewUser(email: "new@example.com", displayName: "Key", id: user.id))
            #expect(byKey.id == user.id && byKey.email == "new@example.com")
            let set = try await db.users.update(id: user.id, set: [User.displayName.set("Set")])
            #expect(set.displayName == "Set")
            let quotes = try await (0..<3).asyncMap { _ in try await make.createQuote(owner: user) }
            let loaded = try await db.users.loadQuotes(for: [user], orderBy: [Quote.title.ascending], limit: 2)
            #expect(loaded[user.id]?.map(\.id) == quotes.sorted { $0.title < $1.title }.prefix(2).map(\.id))
        }
    }
}
