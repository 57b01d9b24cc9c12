import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// A tenant-scoped row shaped like a generated entity, for query-cache tests without code generation.
struct Note: QueryableEntity, Codable, Identifiable, Sendable, Equatable {
    var id: Int32
    var tenant: String
    var body: String

    static let entityTable = EntityTable(
        entity: "Note", table: "notes", columns: ["id", "tenant", "body"], primaryKey: "id", primaryKeyType: "int4",
        deletedAt: nil, managedAssignments: [], audit: nil, tenant: (column: "tenant", sqlType: "text"))
    static let body = ColumnRef<Note, String>(column: "body", sqlType: "text", isWritable: true)

    static func decode(_ row: PostgresRow) throws -> Note {
        Note(id: try row.decode(Int32.self, at: 0), tenant: try row.decode(String.self, at: 1),
             body: try row.decode(String.self, at: 2))
    }
}

/// What a generated repository of a cached, tenant-scoped entity would do, written by hand.
struct NoteRepository: CacheInvalidating {
    typealias Entity = Note
    static let cachePolicy = EntityCachePolicy(table: "notes", ttl: .seconds(60), tier: .l1)
    static let setup = """
        CREATE TABLE notes (id int PRIMARY KEY, tenant text NOT NULL, body text NOT NULL);
        INSERT INTO notes VALUES (1, 'a', 'alpha'), (2, 'a', 'beta'), (3, 'b', 'alpha');
        """
    let executor: any DatabaseExecutor

    init(_ executor: any DatabaseExecutor) {
        self.executor = executor
    }

    /// Renames one note of the current tenant and invalidates it.
    func rename(id: Int32, to body: String) async throws {
        _ = try await executor.execute("UPDATE notes SET body = \(body) WHERE id = \(id)")
        await executor.cacheContext.invalidate(Self.cachePolicy, ids: [id])
    }
}

/// Runs every statement on `database`, opens `loaded`, then waits for `resume` before returning: a read that
/// is slow to come back, deterministically.
struct PausingExecutor: DatabaseExecutor {
    let database: Database
    let loaded = Gate()
    let resume = Gate()

    func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult {
        let result = try await database.run(statement, binds)
        loaded.open()
        await resume.wait()
        return result
    }

    func runScript(_ sql: String) async throws {
        try await database.runScript(sql)
    }

    var cacheContext: CacheContext { database.cacheContext }
}

/// Query-cache keys carry the tenant, and a fill read before a write to the table never lands.
@Suite("Query cache keys")
struct QueryCacheTenantTests {
    private let cached = QueryCaching.ttl(.seconds(60))

    private func withNotes(_ body: (Database, DatabaseCache) async throws -> Void) async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 2)) { db in
            try await db.runScript(NoteRepository.setup)
            let cache = try await db.enableCache()
            try await body(db, cache)
            await db.disableCache()
        }
    }

    @Test func cachedResultsNeverCrossTenants() async throws {
        try await withNotes { db, cache in
            let notes = NoteRepository(db)
            let alpha = Note.body == "alpha"
            for _ in 0..<2 {
                let a = try await TenantContext.withTenant("a") { try await notes.find(where: .all, cache: cached) }
                let b = try await TenantContext.withTenant("b") { try await notes.find(where: .all, cache: cached) }
                #expect(a.map(\.id) == [1, 2])
                #expect(b.map(\.id) == [3])
                let countA = try await TenantContext.withTenant("a") {
                    try await notes.count(where: alpha, cache: cached)
                }
                let countB = try await TenantContext.withTenant("b") {
                    try await notes.count(where: alpha, cache: cached)
                }
                #expect(countA == 1 && countB == 1)
            }
            #expect(cache.statistics.hits == 4)
            #expect(cache.statistics.entries == 4)
            await #expect(throws: RepogenError.self) { try await notes.find(where: .all, cache: cached) }
        }
    }

    @Test func aFillReadBeforeAWriteToTheTableIsRefused() async throws {
        try await withNotes { db, cache in
            let slow = PausingExecutor(database: db)
            let reader = Task {
                try await TenantContext.withTenant("a") {
                    try await NoteRepository(slow).find(where: Note.body == "alpha", cache: cached)
                }
            }
            await slow.loaded.wait()  // the old rows are read; the fill has not happened yet
            try await TenantContext.withTenant("a") { try await NoteRepository(db).rename(id: 1, to: "gamma") }
            slow.resume.open()
            #expect(try await reader.value.map(\.id) == [1])
            #expect(cache.statistics.refusedFills == 1)
            let fresh = try await TenantContext.withTenant("a") {
                try await NoteRepository(db).find(where: Note.body == "alpha", cache: cached)
            }
            #expect(fresh.isEmpty)
        }
    }

    @Test func aTableInvalidationRefusesALateFillToo() async throws {
        try await withNotes { db, cache in
            let slow = PausingExecutor(database: db)
            let reader = Task {
                try await TenantContext.withTenant("b") {
                    try await NoteRepository(slow).count(where: .all, cache: cached)
                }
            }
            await slow.loaded.wait()
            _ = try await db.execute("DELETE FROM notes WHERE tenant = 'b'")
            await cache.invalidate(table: "notes")
            slow.resume.open()
            #expect(try await reader.value == 1)
            #expect(cache.statistics.refusedFills == 1)
            let fresh = try await TenantContext.withTenant("b") {
                try await NoteRepository(db).count(where: .all, cache: cached)
            }
            #expect(fresh == 0)
        }
    }
}
