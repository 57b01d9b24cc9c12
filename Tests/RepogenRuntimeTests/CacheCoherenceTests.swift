import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Cache coherence across "processes" (two `Database` instances with their own listeners) and under load.
@Suite("Cache coherence")
struct CacheCoherenceTests {
    /// A second database on the same PostgreSQL database, with its own pool, cache and listener.
    private func otherProcess(of db: Database) async throws -> (Database, DatabaseCache) {
        let other = try await Database.connect(db.configuration, pool: .init(minimum: 1, maximum: 2))
        return (other, try await other.enableCache())
    }

    @Test func anotherProcessNeverServesTheOldValueAfterACommit() async throws {
        try await withCachedItems { db, _ in
            let (other, otherCache) = try await otherProcess(of: db)
            let theirs = CachedItemRepository(other)
            #expect(try await theirs.find(id: 1)?.label == "item 1")
            #expect(try await theirs.find(id: 1)?.label == "item 1")
            #expect(otherCache.statistics.hits == 1)
            for round in 1...5 {
                _ = try await db.transaction { tx in
                    try await CachedItemRepository(tx).update(id: 1, label: "r\(round)")
                }
                #expect(await otherCache.synchronize())
                #expect(try await theirs.find(id: 1)?.label == "r\(round)")
            }
            await other.disableCache()
            await other.close()
        }
    }

    @Test func aLostListenerFlushesAndReconnects() async throws {
        try await withCachedItems { db, _ in
            let (other, otherCache) = try await otherProcess(of: db)
            let theirs = CachedItemRepository(other)
            _ = try await theirs.find(id: 2)
            try await db.runScript(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'repogen_cache' AND datname = current_database()")
            try await CachedItemRepository(db.uncached).update(id: 2, label: "written while deaf")
            #expect(await eventually { otherCache.statistics.listenerConnects >= 2 && otherCache.isServingL1 })
            #expect(otherCache.statistics.flushes >= 2)
            #expect(try await theirs.find(id: 2)?.label == "written while deaf")
            await other.disableCache()
            await other.close()
        }
    }

    @Test func noStaleReadAfterACommittedWrite() async throws {
        try await withCachedItems(rows: 4) { db, cache in
            let committed = CommittedVersions()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for round in 0..<15 {
                            let id = Int32((writer + round) % 4 + 1)
                            let version = try await db.transaction { tx in
                                try await CachedItemRepository(tx).update(id: id, label: "w\(writer)")
                            }
                            committed.record(id: id, version: version)
                        }
                    }
                }
                for _ in 0..<8 {
                    group.addTask {
                        for round in 0..<60 {
                            let id = Int32(round % 4 + 1)
                            let floor = committed.version(of: id)
                            let read = try await CachedItemRepository(db).find(id: id)
                            #expect((read?.version ?? 0) >= floor, "stale read of \(id)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(cache.statistics.hits > 0)
        }
    }
}

/// The highest version each row is known to have committed.
final class CommittedVersions: Sendable {
    private let versions = NSLockedDictionary()

    func record(id: Int32, version: Int32) { versions.max(id, version) }
    func version(of id: Int32) -> Int32 { versions.value(id) }
}

final class NSLockedDictionary: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32: Int32] = [:]

    func max(_ key: Int32, _ value: Int32) {
        lock.lock()
        values[key] = Swift.max(values[key] ?? 0, value)
        lock.unlock()
    }

    func value(_ key: Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        return values[key] ?? 0
    }
}
