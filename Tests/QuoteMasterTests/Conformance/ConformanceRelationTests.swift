import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Relation loads on both backends: many-to-many through `quote_labels` (plain, and per parent ordered, limited and
/// filtered), and every belongs_to and has_many load of every entity, with soft-deleted rows and NULL keys.
@Suite struct ConformanceRelationTests {
    /// Ada with quotes `q1` and `q2`, Bob with `q3`; labels `roof`, `urgent`, `late` on `q1`, `urgent` on `q2`,
    /// none on `q3`; events `open` (on `q1`), `ping` (no quote) by Ada and `view` (on `q3`) by Bob.
    struct Graph {
        let ada: User, bob: User
        let quotes: [Quote]
        let labels: [String: Label]
        let links: [QuoteLabel]
        let events: [AnalyticsEvent]

        init(_ repos: some QuoteMasterRepositoriesProtocol) async throws {
            (ada, bob) = (try await Seed.user(repos, "ada"), try await Seed.user(repos, "bob"))
            let quotes = [
                try await Seed.quote(repos, ada, "q1"), try await Seed.quote(repos, ada, "q2"),
                try await Seed.quote(repos, bob, "q3"),
            ]
            self.quotes = quotes
            var labels: [String: Label] = [:]
            for name in ["roof", "urgent", "late"] {
                labels[name] = try await repos.labels.create(NewLabel(name: name))
            }
            self.labels = labels
            let pairs = [(0, "roof"), (0, "urgent"), (0, "late"), (1, "urgent")]
            links = try await repos.quoteLabels.createMany(pairs.map { quote, label in
                NewQuoteLabel(quoteID: quotes[quote].id, labelID: labels[label]!.id)
            })
            events = try await repos.analyticsEvents.createMany([
                NewAnalyticsEvent(userID: ada.id, kind: "open", quoteID: quotes[0].id),
                NewAnalyticsEvent(userID: ada.id, kind: "ping"),
                NewAnalyticsEvent(userID: bob.id, kind: "view", quoteID: quotes[2].id),
            ])
        }

        /// The named labels in primary key order, as an unordered load returns them.
        func byKey(_ names: String...) -> [String] {
            names.map { labels[$0]! }.sorted { $0.id.uuidString < $1.id.uuidString }.map(\.name)
        }
    }

    /// Names by quote title, for loads keyed by quote id.
    static func named(_ loaded: [UUID: [Label]], _ graph: Graph) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: graph.quotes.compactMap { quote in
            loaded[quote.id].map { (quote.title, $0.map(\.name)) }
        })
    }

    @Test(arguments: Backend.allCases)
    func labelsLoadThroughTheLinkTable(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            let (q1, q2, q3) = (graph.quotes[0], graph.quotes[1], graph.quotes[2])
            let all = try await repos.quotes.loadLabels(for: [q1, q2, q3, q1])
            #expect(Self.named(all, graph) == ["q1": graph.byKey("roof", "urgent", "late"), "q2": ["urgent"]])
            #expect(try await repos.quotes.loadLabels(for: []).isEmpty)
            #expect(try await repos.quotes.delete(id: q2.id))
            // The parents are taken as given: a soft-deleted quote's links still load.
            #expect(Self.named(try await repos.quotes.loadLabels(for: [q2]), graph) == ["q2": ["urgent"]])
            #expect(try await repos.labels.delete(id: graph.labels["urgent"]!.id))
            let left = try await repos.quotes.loadLabels(for: [q1, q2])
            #expect(Self.named(left, graph) == ["q1": graph.byKey("roof", "late")])
        }
    }

    @Test(arguments: Backend.allCases)
    func labelsLoadPerQuoteOrderedLimitedAndFiltered(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            let (q1, q2, q3) = (graph.quotes[0], graph.quotes[1], graph.quotes[2])
            let quotes = repos.quotes
            let first = try await quotes.loadLabels(for: [q1, q2, q3, q1], orderBy: [Label.name.ascending], limit: 2)
            #expect(Self.named(first, graph) == ["q1": ["late", "roof"], "q2": ["urgent"]])
            let last = try await quotes.loadLabels(for: [q1, q2], orderBy: [Label.name.descending], limit: 1)
            #expect(Self.named(last, graph) == ["q1": ["urgent"], "q2": ["urgent"]])
            let byKey = try await quotes.loadLabels(for: [q1], orderBy: [], limit: 3)
            #expect(Self.named(byKey, graph) == ["q1": graph.byKey("roof", "urgent", "late")])
            let filtered = try await quotes.loadLabels(
                for: [q1, q2], orderBy: [Label.name.ascending], limit: 5, where: Label.name != "urgent")
            #expect(Self.named(filtered, graph) == ["q1": ["late", "roof"]])
            #expect(try await quotes.loadLabels(for: [q1], orderBy: [], limit: 0).isEmpty)
            #expect(try await quotes.loadLabels(for: [], orderBy: [], limit: 2).isEmpty)
            let error = await repogenError { _ = try await quotes.loadLabels(for: [q1], orderBy: [], limit: -1) }
            #expect(error?.kind == .invalidArgument)
        }
    }

    @Test(arguments: Backend.allCases)
    func userLoadsLeaveSoftDeletedQuotesOut(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            #expect(try await repos.quotes.delete(id: graph.quotes[1].id))
            let users = [graph.ada, graph.bob, graph.ada]
            let titles = { (loaded: [UUID: [Quote]]) in loaded.mapValues { $0.map(\.title) } }
            let live = try await repos.users.loadQuotes(for: users)
            #expect(titles(live) == [graph.ada.id: ["q1"], graph.bob.id: ["q3"]])
            let all = try await repos.users.loadQuotes(for: users, includeDeleted: true)
            #expect(all[graph.ada.id].map { Set($0.map(\.title)) } == ["q1", "q2"])
            #expect(titles(try await repos.users.loadQuotes(for: users, onlyDeleted: true)) == [graph.ada.id: ["q2"]])
            let events = try await repos.users.loadEvents(for: users)
            #expect(events.mapValues { Set($0.map(\.kind)) }
                == [graph.ada.id: ["open", "ping"], graph.bob.id: ["view"]])
            let latest = try await repos.users.loadEvents(
                for: users, orderBy: [AnalyticsEvent.kind.descending], limit: 1)
            #expect(latest.mapValues { $0.map(\.kind) } == [graph.ada.id: ["ping"], graph.bob.id: ["view"]])
            let kept = try await repos.users.loadQuotes(
                for: users, orderBy: [Quote.title.descending], limit: 5, includeDeleted: true)
            #expect(kept[graph.ada.id]?.map(\.title) == ["q2", "q1"])
            #expect(try await repos.users.loadQuotes(for: []).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func parentLoadsFindEachParentOnce(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            let owners = try await repos.quotes.loadOwner(for: graph.quotes)
            #expect(owners.mapValues(\.displayName) == [graph.ada.id: "Ada", graph.bob.id: "Bob"])
            let linked = try await repos.quoteLabels.loadQuote(for: graph.links)
            #expect(Set(linked.values.map(\.title)) == ["q1", "q2"])
            let labels = try await repos.quoteLabels.loadLabel(for: graph.links)
            #expect(Set(labels.values.map(\.name)) == ["roof", "urgent", "late"])
            let eventUsers = try await repos.analyticsEvents.loadUser(for: graph.events)
            #expect(Set(eventUsers.values.map(\.displayName)) == ["Ada", "Bob"])
            #expect(try await repos.quotes.delete(id: graph.quotes[0].id))
            // A NULL quote adds none; a soft-deleted one only when asked for.
            let eventQuotes = try await repos.analyticsEvents.loadQuote(for: graph.events)
            #expect(eventQuotes.mapValues(\.title) == [graph.quotes[2].id: "q3"])
            let withDeleted = try await repos.analyticsEvents.loadQuote(for: graph.events, includeDeleted: true)
            #expect(Set(withDeleted.values.map(\.title)) == ["q1", "q3"])
            let onlyDeleted = try await repos.quoteLabels.loadQuote(for: graph.links, onlyDeleted: true)
            #expect(onlyDeleted.mapValues(\.title) == [graph.quotes[0].id: "q1"])
            #expect(try await repos.quoteLabels.loadLabel(for: []).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func auditEntriesLoadTheirActors(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            // Built rather than written: the in-memory store keeps no audit trail, and the load reads users only.
            let entries = [graph.ada.id, nil, graph.ada.id].enumerated().map { index, actor in
                AuditEntry(id: Int64(index + 1), actorID: actor, action: .create, entity: "Quote",
                           entityID: "\(index)", before: nil, after: nil, at: Date())
            }
            let actors = try await repos.auditEntries.loadActor(for: entries)
            #expect(actors.mapValues(\.displayName) == [graph.ada.id: "Ada"])
            let nodes = try await repos.auditEntries.include(AuditEntryInclude(actor: UserInclude()), for: entries)
            #expect(nodes.map { $0.actor?.row.displayName } == ["Ada", nil, "Ada"])
            #expect(nodes.map(\.row.entityID) == ["0", "1", "2"])
        }
    }
}
