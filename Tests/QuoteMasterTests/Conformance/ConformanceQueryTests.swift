import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Reads on both backends: SQL NULL logic, LIKE and its escapes with hostile text, ordering with NULLs and ties,
/// offset and keyset pages, JSON containment, per-key limits.
@Suite struct ConformanceQueryTests {
    /// Quotes `a` to `e`: `valid_until` set on some, NULL on others, for the NULL-logic cases.
    static func seedDates(_ repos: some QuoteMasterRepositoriesProtocol) async throws -> CalendarDate {
        let user = try await Seed.user(repos)
        let day = CalendarDate(year: 2026, month: 6, day: 1)
        let later = CalendarDate(year: 2026, month: 7, day: 1)
        for (title, date) in [("a", day), ("b", nil), ("c", later), ("d", nil), ("e", day)] {
            _ = try await Seed.quote(repos, user, title, validUntil: date)
        }
        return day
    }

    static func titles(
        _ repos: some QuoteMasterRepositoriesProtocol, _ predicate: RepogenRuntime.Predicate<Quote>,
        _ orderBy: [Ordering<Quote>] = [Quote.title.ascending]
    ) async throws -> [String] {
        try await repos.quotes.find(where: predicate, orderBy: orderBy).map(\.title)
    }

    @Test(arguments: Backend.allCases)
    func nullComparisonsAreUnknown(_ backend: Backend) async throws {
        try await backend.run { repos in
            let day = try await Self.seedDates(repos)
            #expect(try await Self.titles(repos, Quote.validUntil == day) == ["a", "e"])
            #expect(try await Self.titles(repos, Quote.validUntil != day) == ["c"])
            #expect(try await Self.titles(repos, !(Quote.validUntil == day)) == ["c"])
            #expect(try await Self.titles(repos, Quote.validUntil.isNull) == ["b", "d"])
            #expect(try await Self.titles(repos, Quote.validUntil == day || Quote.title == "b") == ["a", "b", "e"])
            #expect(try await Self.titles(repos, !(Quote.validUntil == day || Quote.title == "b")) == ["c"])
            #expect(try await Self.titles(repos, !(Quote.validUntil != day && Quote.title == "b")) == ["a", "c", "d", "e"])
            #expect(try await Self.titles(repos, Quote.validUntil.in([])).isEmpty)
            #expect(try await Self.titles(repos, Quote.validUntil.notIn([])) == ["a", "b", "c", "d", "e"])
            #expect(try await Self.titles(repos, Quote.validUntil.notIn([day])) == ["c"])
            #expect(try await Self.titles(repos, Quote.validUntil.between(day, and: day)) == ["a", "e"])
            #expect(try await Self.titles(repos, .allOf([])) == ["a", "b", "c", "d", "e"])
            #expect(try await Self.titles(repos, .anyOf([])).isEmpty)
            #expect(try await repos.quotes.count(where: Quote.validUntil > day) == 1)
            #expect(try await repos.quotes.exists(where: Quote.validUntil < day) == false)
        }
    }

    static let hostile = [
        "'; DROP TABLE quotes; --", "100% _wild_ %", "back\\slash\\", "\\%\\_", "quote\"double", "$1::text",
        "Ünïcødé 日本語 🚀", "e\u{301}", "\u{e9}", "ABC", "abc", "", " ",
    ]

    @Test(arguments: Backend.allCases)
    func likeMatchesLiterallyWithEscapes(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            for text in Self.hostile { _ = try await Seed.quote(repos, user, text) }
            for text in Self.hostile {
                let escaped = ColumnRef<Quote, String>.escapeLike(text)
                #expect(try await Self.titles(repos, Quote.title.like(escaped)) == [text])
                #expect(try await Self.titles(repos, Quote.title == text) == [text])
                if !text.isEmpty {
                    #expect(try await Self.titles(repos, Quote.title.contains(text)).contains(text))
                }
            }
            #expect(try await Self.titles(repos, Quote.title.ilike("abc")) == ["ABC", "abc"])
            #expect(try await Self.titles(repos, Quote.title.ilike("É")).isEmpty)
            #expect(try await Self.titles(repos, Quote.title.like("_")) == [" ", "\u{e9}"])
            #expect(try await Self.titles(repos, Quote.title.like("e_")) == ["e\u{301}"])
            #expect(try await Self.titles(repos, Quote.title.like("%\\%%")) == ["100% _wild_ %", "\\%\\_"])
            #expect(try await Self.titles(repos, Quote.title.hasPrefix("back\\")) == ["back\\slash\\"])
            #expect(try await Self.titles(repos, Quote.title.hasSuffix("%", caseInsensitive: true)) == ["100% _wild_ %"])
            let dangling = await repogenError { _ = try await repos.quotes.find(where: Quote.title.like("a\\")) }
            #expect(dangling?.sqlState == "22025")
        }
    }

    @Test(arguments: Backend.allCases)
    func orderingPlacesNullsAndBreaksTiesByKey(_ backend: Backend) async throws {
        try await backend.run { repos in
            _ = try await Self.seedDates(repos)
            let all = try await repos.quotes.find(where: .all, orderBy: [Quote.title.ascending])
            let byKey = all.sorted { $0.id.uuidString.lowercased() < $1.id.uuidString.lowercased() }
            let dates = { (orderBy: [Ordering<Quote>]) in try await Self.titles(repos, .all, orderBy) }
            let tieAscending = byKey.filter { $0.validUntil == nil }.map(\.title)
            let dayTie = byKey.filter { $0.title == "a" || $0.title == "e" }.map(\.title)
            #expect(try await dates([Quote.validUntil.ascending]) == dayTie + ["c"] + tieAscending)
            #expect(try await dates([Quote.validUntil.descending]) == tieAscending.reversed() + ["c"] + dayTie.reversed())
            #expect(try await dates([Quote.validUntil.ascending(nulls: .first)]) == tieAscending + dayTie + ["c"])
            #expect(try await dates([Quote.validUntil.descending(nulls: .last)]) == ["c"] + dayTie.reversed() + tieAscending.reversed())
            #expect(try await repos.quotes.find(where: .all).map(\.id) == byKey.map(\.id))
        }
    }

    @Test(arguments: Backend.allCases)
    func textEnumAndNumberOrderingFollowTheServer(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let rows: [(String, QuoteStatus, Decimal)] = [
                ("b", .sent, 2), ("B", .draft, 10), ("é", .expired, Decimal(string: "2.5")!), ("a", .accepted, -1),
                ("Z", .rejected, 0),
            ]
            for (title, status, total) in rows { _ = try await Seed.quote(repos, user, title, status: status, total: total) }
            #expect(try await Self.titles(repos, .all) == ["B", "Z", "a", "b", "é"])
            #expect(try await Self.titles(repos, .all, [Quote.status.ascending]) == ["B", "b", "a", "Z", "é"])
            #expect(try await Self.titles(repos, .all, [Quote.totalAmount.descending]) == ["B", "é", "b", "Z", "a"])
            #expect(try await Self.titles(repos, Quote.status > .sent) == ["Z", "a", "é"])
            #expect(try await Self.titles(repos, Quote.title >= "a") == ["a", "b", "é"])
        }
    }

    @Test(arguments: Backend.allCases)
    func offsetAndKeysetPagesWalkTheSameOrder(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            for index in 0..<7 { _ = try await Seed.quote(repos, user, "q\(index % 3)") }
            let order = [Quote.title.descending]
            let all = try await repos.quotes.find(where: .all, orderBy: order).map(\.id)
            let first = try await repos.quotes.page(where: .all, orderBy: order, page: .first(3))
            #expect(first.items.map(\.id) == Array(all[0..<3]) && first.totalCount == 7 && first.hasNext)
            let last = try await repos.quotes.page(where: .all, orderBy: order, page: PageRequest(limit: 3, offset: 6))
            #expect(last.items.map(\.id) == [all[6]] && !last.hasNext && last.hasPrevious)
            var cursor: Cursor?
            var walked: [UUID] = []
            repeat {
                let page = try await repos.quotes.page(where: .all, orderBy: order, after: cursor, limit: 2)
                walked += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(walked == all)
            let mixed = await repogenError {
                _ = try await repos.quotes.page(
                    where: .all, orderBy: [Quote.title.ascending, Quote.createdAt.descending], after: nil, limit: 2)
            }
            #expect(mixed?.kind == .invalidConfiguration)
            let negative = await repogenError { _ = try await repos.quotes.find(where: .all, limit: -1) }
            #expect(negative?.kind == .invalidArgument)
            #expect(try await repos.quotes.find(where: .all, orderBy: order, limit: 2, offset: 5).map(\.id) == Array(all[5...]))
        }
    }

    @Test(arguments: Backend.allCases)
    func jsonContainmentAndKeys(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            _ = try await Seed.quote(repos, user, "web", metadata: ["source": "web", "tags": ["roof", 2], "n": 1])
            _ = try await Seed.quote(repos, user, "app", metadata: ["source": "app", "tags": ["wall"]])
            _ = try await Seed.quote(repos, user, "list", metadata: ["roof", "source"])
            #expect(try await Self.titles(repos, Quote.metadata.contains(["source": "web"])) == ["web"])
            #expect(try await Self.titles(repos, Quote.metadata.contains(["tags": ["roof"]])) == ["web"])
            #expect(try await Self.titles(repos, Quote.metadata.contains(["n": 1.0])) == ["web"])
            #expect(try await Self.titles(repos, Quote.metadata.contains("roof")) == ["list"])
            #expect(try await Self.titles(repos, Quote.metadata.hasKey("source")) == ["app", "list", "web"])
            #expect(try await Self.titles(repos, Quote.metadata.isContained(in: ["source": "app", "tags": ["wall", 3], "x": 1])) == ["app"])
        }
    }

    /// `jsonb` compares strings and keys by their bytes: a composed "café" neither equals, contains nor names the
    /// key of a decomposed one, although Swift's `==` holds the two equal.
    @Test(arguments: Backend.allCases)
    func jsonComparesTextByBytes(_ backend: Backend) async throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            _ = try await Seed.quote(repos, user, "value", metadata: ["name": .string(composed)])
            _ = try await Seed.quote(repos, user, "key", metadata: [composed: 1])
            _ = try await Seed.quote(repos, user, "element", metadata: [.string(composed)])
            #expect(try await Self.titles(repos, Quote.metadata.contains(["name": .string(composed)])) == ["value"])
            #expect(try await Self.titles(repos, Quote.metadata.contains(["name": .string(decomposed)])).isEmpty)
            #expect(try await Self.titles(repos, Quote.metadata.hasKey(composed)) == ["element", "key"])
            #expect(try await Self.titles(repos, Quote.metadata.hasKey(decomposed)).isEmpty)
            #expect(try await Self.titles(repos, Quote.metadata.contains([.string(decomposed)])).isEmpty)
            #expect(try await Self.titles(repos, Quote.metadata == [.string(decomposed)]).isEmpty)
            #expect(try await Self.titles(repos, Quote.metadata == [.string(composed)]) == ["element"])
        }
    }

    /// `count(DISTINCT jsonb)` tells documents apart as `jsonb =` does: strings by their bytes, numbers by value
    /// (`1` and `1.0` are one), key order irrelevant. (Grouping by a `jsonb` column orders the groups by jsonb's
    /// ordering, which the doubles refuse rather than model.)
    @Test(arguments: Backend.allCases)
    func jsonDistinctFollowsJSONBEquality(_ backend: Backend) async throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let documents: [JSONValue] = [
                ["name": .string(composed)], ["name": .string(decomposed)], ["n": 1, "m": 2], ["m": 2, "n": 1.0],
            ]
            for (index, document) in documents.enumerated() {
                _ = try await Seed.quote(repos, user, "q\(index)", metadata: document)
            }
            #expect(try await repos.quotes.aggregate(Quote.metadata.countDistinct) == 3)
        }
    }

    @Test(arguments: Backend.allCases)
    func perKeyLimitsKeepTheKeysOrder(_ backend: Backend) async throws {
        try await backend.run { repos in
            let ada = try await Seed.user(repos, "ada")
            let bob = try await Seed.user(repos, "bob")
            for title in ["a1", "a2", "a3"] { _ = try await Seed.quote(repos, ada, title) }
            _ = try await Seed.quote(repos, bob, "b1")
            let rows = try await repos.quotes.find(
                eachOf: Quote.ownerID, in: [bob.id, ada.id, bob.id], orderBy: [Quote.title.descending], limit: 2)
            #expect(rows.map(\.title) == ["b1", "a3", "a2"])
        }
    }
}
