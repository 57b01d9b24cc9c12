import Foundation
import RepogenRuntime
import RepogenTesting

/// A row shaped like a generated entity, for cache tests without code generation.
struct CachedItem: Codable, Identifiable, Sendable, Equatable {
    var id: Int32
    var label: String
    var version: Int32
}

/// What a generated repository of an entity with `cache:` does, written by hand.
struct CachedItemRepository: Sendable {
    static let policy = EntityCachePolicy(table: "items", ttl: .seconds(60), tier: .l1)
    static let setup = "CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, version int NOT NULL DEFAULT 1)"
    static let find = PostgresStatement(
        name: "items_find", sql: "SELECT id, label, version FROM items WHERE id = $1", parameterTypes: [.int4])
    static let insert = PostgresStatement(
        name: "items_insert", sql: "INSERT INTO items (id, label) VALUES ($1, $2)", parameterTypes: [.int4, .text])
    static let update = PostgresStatement(
        name: "items_update", sql: "UPDATE items SET label = $2, version = version + 1 WHERE id = $1 RETURNING version",
        parameterTypes: [.int4, .text])

    let executor: any DatabaseExecutor

    init(_ executor: any DatabaseExecutor) {
        self.executor = executor
    }

    static func decode(_ row: PostgresRow) throws -> CachedItem {
        CachedItem(
            id: try row.decode(Int32.self, at: 0), label: try row.decode(String.self, at: 1),
            version: try row.decode(Int32.self, at: 2))
    }

    func find(id: Int32) async throws -> CachedItem? {
        return try await executor.cacheContext.row(Self.policy, "id", [id], decode: Self.decode) {
            var binds = PostgresBindings(capacity: 1)
            binds.append(id)
            return try await executor.run(Self.find, binds)
        }
    }

    func create(id: Int32, label: String) async throws {
        var binds = PostgresBindings(capacity: 2)
        binds.append(id)
        binds.append(label)
        _ = try await executor.run(Self.insert, binds)
        await executor.cacheContext.invalidate(Self.policy, ids: [id])
    }

    @discardableResult
    func update(id: Int32, label: String) async throws -> Int32 {
        var binds = PostgresBindings(capacity: 2)
        binds.append(id)
        binds.append(label)
        let version = try await executor.run(Self.update, binds).decodeFirst { try $0.decode(Int32.self, at: 0) }
        await executor.cacheContext.invalidate(Self.policy, ids: [id])
        return version ?? 0
    }
}

/// A test database with the items table and a cache enabled on it.
func withCachedItems<T>(
    _ configuration: CacheConfiguration = .init(), rows: Int32 = 3,
    _ body: (Database, DatabaseCache) async throws -> T
) async throws -> T {
    try await withTestDatabase(pool: .init(minimum: 1, maximum: 2)) { db in
        try await db.runScript(CachedItemRepository.setup)
        let repository = CachedItemRepository(db)
        for id in 1...rows { try await repository.create(id: id, label: "item \(id)") }
        let cache = try await db.enableCache(configuration)
        defer { Task { await db.disableCache() } }
        let value = try await body(db, cache)
        await db.disableCache()
        return value
    }
}

/// Polls `condition` (state, not time) until it holds or about `attempts` tries have passed.
func eventually(attempts: Int = 500, _ condition: () async throws -> Bool) async rethrows -> Bool {
    for _ in 0..<attempts {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
