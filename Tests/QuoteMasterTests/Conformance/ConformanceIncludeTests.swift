import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `include(_:for:)` on both backends, from every Quote Master entity and nested three levels: the rows come back in
/// the order given, each relation only when asked for, soft-deleted rows left out.
@Suite struct ConformanceIncludeTests {
    typealias Graph = ConformanceRelationTests.Graph

    /// A quote node as text: `title(owner)[labels]`, the owner and labels only when loaded.
    static func text(_ node: QuoteNode) -> String {
        node.row.title + (node.owner.map { "(\($0.row.displayName))" } ?? "")
            + (node.labels.map { "[" + $0.map(\.row.name).sorted().joined(separator: ",") + "]" } ?? "")
    }

    @Test(arguments: Backend.allCases)
    func usersIncludeTheirQuotesLabelsAndEvents(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            #expect(try await repos.quotes.delete(id: graph.quotes[1].id))
            let include = UserInclude(
                quotes: QuoteInclude(owner: UserInclude(), labels: LabelInclude()),
                events: AnalyticsEventInclude(quote: QuoteInclude(labels: LabelInclude())))
            let nodes = try await repos.users.include(include, for: [graph.bob, graph.ada, graph.bob])
            #expect(nodes.map(\.row.displayName) == ["Bob", "Ada", "Bob"])
            #expect(nodes.map { $0.quotes?.map(Self.text) } == [
                ["q3(Bob)[]"], ["q1(Ada)[late,roof,urgent]"], ["q3(Bob)[]"],
            ])
            let events = nodes[1].events?.sorted { $0.row.kind < $1.row.kind }
            #expect(events?.map { "\($0.row.kind):\($0.quote.map(Self.text) ?? "-")" }
                == ["open:q1[late,roof,urgent]", "ping:-"])
            #expect(events?.allSatisfy { $0.user == nil } == true)
            let bare = try await repos.users.include(UserInclude(), for: [graph.ada])
            #expect(bare.count == 1 && bare[0].quotes == nil && bare[0].events == nil)
            #expect(try await repos.users.include(include, for: []).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func quotesIncludeOwnersWithTheirEventsAndLabels(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            let include = QuoteInclude(owner: UserInclude(events: AnalyticsEventInclude()), labels: LabelInclude())
            let nodes = try await repos.quotes.include(include, for: graph.quotes.reversed())
            #expect(nodes.map(Self.text) == ["q3(Bob)[]", "q2(Ada)[urgent]", "q1(Ada)[late,roof,urgent]"])
            #expect(nodes.map { $0.owner?.events?.count } == [1, 2, 2])
            let labels = try await repos.labels.include(LabelInclude(), for: Array(graph.labels.values))
            #expect(labels.map(\.row) == Array(graph.labels.values))
        }
    }

    @Test(arguments: Backend.allCases)
    func linksAndEventsIncludeBothEnds(_ backend: Backend) async throws {
        try await backend.run { repos in
            let graph = try await Graph(repos)
            let links = try await repos.quoteLabels.include(
                QuoteLabelInclude(quote: QuoteInclude(owner: UserInclude()), label: LabelInclude()), for: graph.links)
            #expect(links.map { "\($0.quote.map(Self.text) ?? "-") \($0.label?.row.name ?? "-")" }
                == ["q1(Ada) roof", "q1(Ada) urgent", "q1(Ada) late", "q2(Ada) urgent"])
            #expect(try await repos.quotes.delete(id: graph.quotes[0].id))
            let include = AnalyticsEventInclude(
                user: UserInclude(quotes: QuoteInclude()), quote: QuoteInclude(labels: LabelInclude()))
            let events = try await repos.analyticsEvents.include(include, for: graph.events)
            #expect(events.map { $0.quote.map(Self.text) ?? "-" } == ["-", "-", "q3[]"])
            #expect(events.map { $0.user?.quotes?.map(\.row.title).sorted() } == [["q2"], ["q2"], ["q3"]])
        }
    }
}
