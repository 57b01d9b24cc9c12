import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// Quote Master through a real PgBouncer in transaction pooling mode, with unnamed statements: more client
/// connections than server connections, so consecutive batches of one client land on different server sessions
/// and a named prepared statement would be missing or already taken there.
@Suite struct PgBouncerTests {
    /// Server connections PgBouncer keeps; the pools below open up to 8 client connections.
    static let serverConnections = 2

    /// A fresh Quote Master database, the application role's direct URL, and a `Database` through PgBouncer.
    private func withBouncedDatabase<T>(
        _ body: (Database, _ directURL: String) async throws -> T
    ) async throws -> T {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: QuoteMasterSchema.migrations)
        let directURL = try await TestPostgres.shared.applicationURL(for: testDatabase)
        let application = TestDatabase(name: testDatabase.name, url: directURL)
        return try await withTestPgBouncer(in: application, poolSize: Self.serverConnections) { bouncer in
            var configuration = DatabaseConfiguration(conninfo: bouncer.url)
            configuration.statements = .unnamed
            let db = try await Database.connect(configuration, pool: .init(minimum: 8, maximum: 8))
            return try await db.closing { try await body($0, directURL) }
        }
    }

    @Test func generatedRepositoriesWorkWithMoreClientsThanServerConnections() async throws {
        try await withBouncedDatabase { db, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<16 {
                    group.addTask { try await Self.workload(db, index) }
                }
                try await group.waitForAll()
            }
            #expect(try await db.users.count() == 16)
            #expect(try await db.quotes.count(where: Quote.status == .sent) == 16)
            let backends = try await Self.backendsSeen(db, tasks: 32)
            #expect(backends.count <= Self.serverConnections, "PgBouncer shared its server connections")
        }
    }

    /// Every kind of statement one request handler sends: generated reads and writes, a typed query, a count.
    private static func workload(_ db: Database, _ index: Int) async throws {
        let user = try await makeUser(db, "bounced\(index)")
        #expect(try await db.users.find(id: user.id) == user)
        #expect(try await db.users.findByEmail(user.email)?.id == user.id)
        let renamed = try await db.users.update(id: user.id, UserPatch(displayName: "Renamed \(index)"))
        #expect(renamed.displayName == "Renamed \(index)")
        let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof #\(index).", prompt: "p"))
        _ = try await db.quotes.update(id: quote.id, QuotePatch(status: .sent))
        let found = try await db.quotes.find(where: Quote.ownerID == user.id && Quote.status == .sent, limit: 5)
        #expect(found.map(\.id) == [quote.id])
        #expect(try await db.quotes.count(where: .mentioning("Roof #\(index).")) == 1)
    }

    /// The server process ids that answered `tasks` concurrent `SELECT pg_backend_pid()`.
    private static func backendsSeen(_ db: Database, tasks: Int) async throws -> Set<Int32> {
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    try await db.query("SELECT pg_backend_pid()").decodeFirst { try $0.decode(Int32.self, at: 0) } ?? 0
                }
            }
            return try await group.reduce(into: Set<Int32>()) { $0.insert($1) }
        }
    }

    @Test func transactionsCommitAndRollBackThroughThePooler() async throws {
        struct Abort: Error {}
        try await withBouncedDatabase { db, _ in
            let user = try await db.transaction { tx in
                let user = try await makeUser(tx, "committed")
                _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "kept", prompt: "p"))
                try await tx.transaction { inner in
                    _ = try await inner.quotes.create(NewQuote(ownerID: user.id, title: "savepoint", prompt: "p"))
                }
                return user
            }
            await #expect(throws: Abort.self) {
                try await db.transaction { tx in
                    _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "dropped", prompt: "p"))
                    throw Abort()
                }
            }
            let titles = try await db.quotes.find(where: Quote.ownerID == user.id, orderBy: [Quote.title.ascending])
            #expect(titles.map(\.title) == ["kept", "savepoint"])
        }
    }

    @Test func createManySendsItsChunksInOneBatch() async throws {
        try await withBouncedDatabase { db, _ in
            let user = try await makeUser(db)
            let events = (0..<6_000).map { NewAnalyticsEvent(userID: user.id, kind: "bulk.\($0 % 7)") }
            let created = try await db.analyticsEvents.createMany(events)
            #expect(created.count == 6_000 && created.map(\.kind) == events.map(\.kind))
            #expect(try await db.analyticsEvents.count() == 6_000)
        }
    }

    @Test func sessionFeaturesAreRefusedWithTheirFix() async throws {
        try await withBouncedDatabase { db, _ in
            let listen = await #expect(throws: RepogenError.self) { try await db.enableCache() }
            #expect(listen?.kind == .invalidConfiguration)
            #expect(listen?.message.contains("listenerConfiguration") == true)
            let migrate = await #expect(throws: RepogenError.self) { try await db.migrate(QuoteMasterSchema.migrations) }
            #expect(migrate?.kind == .invalidConfiguration)
            #expect(migrate?.message.contains("direct URL") == true)
        }
    }

    @Test func theCacheListensOnItsOwnDirectConnection() async throws {
        try await withBouncedDatabase { db, directURL in
            let user = try await makeUser(db)
            let cache = try await db.enableCache(
                CacheConfiguration(listenerConfiguration: DatabaseConfiguration(conninfo: directURL)))
            #expect(try await db.users.find(id: user.id)?.displayName == "Ada")
            #expect(try await db.users.find(id: user.id)?.displayName == "Ada")
            #expect(cache.statistics.hits == 1)
            let other = try await Database.connect(DatabaseConfiguration(conninfo: directURL))
            try await other.closing { other in
                try await other.enableCache(CacheConfiguration(listensForOtherProcesses: false))
                _ = try await other.users.update(id: user.id, UserPatch(displayName: "Changed elsewhere"))
            }
            #expect(await cache.synchronize())
            #expect(try await db.users.find(id: user.id)?.displayName == "Changed elsewhere")
        }
    }
}
