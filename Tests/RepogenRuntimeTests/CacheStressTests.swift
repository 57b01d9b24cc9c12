import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Many tasks reading and writing the same few rows through several caches (several `Database` instances, each
/// with its own L1 and LISTEN connection, as several processes would have), checking every read:
///
/// - a read that starts after a write committed through the same `Database` returned never sees an older
///   version (invalidation is applied locally before the write returns);
/// - a read that starts after `synchronize()` returned, itself called after a write through any other instance
///   returned, never sees an older version (the other instance's NOTIFY has been applied by then).
///
/// Disabling the invalidation after COMMIT (`applyCommitted` in Transaction+Cache.swift) makes it fail.
@Suite("Cache stress")
struct CacheStressTests {
    static let instances = 3
    static let rows: Int32 = 4
    static let writers = 8
    static let readers = 16
    static let writesPerWriter = 20
    static let readsPerReader = 80

    @Test func noReadIsOlderThanACommittedWrite() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 4)) { db in
            try await db.runScript(CachedItemRepository.setup)
            for id in 1...Self.rows { try await CachedItemRepository(db).create(id: id, label: "item\(id)") }
            var databases = [db]
            for _ in 1..<Self.instances {
                databases.append(try await Database.connect(db.configuration, pool: .init(minimum: 1, maximum: 4)))
            }
            let caches = try await databases.asyncMap { try await $0.enableCache() }
            let ledger = StressLedger(instances: Self.instances)
            let outcome: Result<Void, any Error>
            do {
                try await run(databases, caches, ledger)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            for other in databases {
                await other.disableCache()
                if other !== db { await other.close() }
            }
            try outcome.get()
            let stale = ledger.staleReads
            #expect(stale.isEmpty, "\(stale.count) stale reads, e.g. \(stale.prefix(5))")
            #expect(ledger.checkedReads == Self.readers * Self.readsPerReader)
            for (index, cache) in caches.enumerated() {
                #expect(cache.statistics.hits > 0, "instance \(index) served nothing from L1: the test proves nothing")
            }
        }
    }

    private func run(_ databases: [Database], _ caches: [DatabaseCache], _ ledger: StressLedger) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<Self.writers {
                let instance = writer % Self.instances
                group.addTask { try await Self.write(writer, on: databases[instance], instance: instance, ledger) }
            }
            for reader in 0..<Self.readers {
                let instance = reader % Self.instances
                let (db, cache) = (databases[instance], caches[instance])
                group.addTask { try await Self.read(reader, on: db, cache, instance: instance, ledger) }
            }
            try await group.waitForAll()
        }
    }

    /// Updates rows in turn, half in transactions and half alone, recording each committed version.
    private static func write(_ writer: Int, on db: Database, instance: Int, _ ledger: StressLedger) async throws {
        for round in 0..<writesPerWriter {
            let id = Int32((writer + round) % Int(rows) + 1)
            let version: Int32
            if round.isMultiple(of: 2) {
                version = try await db.transaction { try await CachedItemRepository($0).update(id: id, label: "w") }
            } else {
                version = try await CachedItemRepository(db).update(id: id, label: "w")
            }
            ledger.committed(id: id, version: version, instance: instance)
        }
    }

    /// Reads rows in turn; every fourth read first synchronizes and is then held to every instance's commits.
    private static func read(
        _ reader: Int, on db: Database, _ cache: DatabaseCache, instance: Int, _ ledger: StressLedger
    ) async throws {
        for round in 0..<readsPerReader {
            let id = Int32((reader + round) % Int(rows) + 1)
            let acrossInstances = round % 4 == 3
            var floor = ledger.floor(id: id, instance: instance)
            if acrossInstances {
                floor = ledger.floor(id: id, instance: nil)
                let synchronized = await cache.synchronize()
                if !synchronized { ledger.stale("instance \(instance): synchronize failed (listener down)") }
            }
            let version = try await CachedItemRepository(db).find(id: id)?.version ?? 0
            ledger.checked()
            if version < floor {
                let scope = acrossInstances ? "any instance, after synchronize" : "its own instance"
                ledger.stale("row \(id) read v\(version) on instance \(instance), v\(floor) committed by \(scope)")
            }
        }
    }
}

/// The highest committed version of each row, per instance and overall, and what the readers found.
final class StressLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var versions: [[Int32: Int32]]
    private var overall: [Int32: Int32] = [:]
    private var stale: [String] = []
    private var reads = 0

    init(instances: Int) {
        versions = Array(repeating: [:], count: instances)
    }

    /// Records a version whose write has returned on `instance`.
    func committed(id: Int32, version: Int32, instance: Int) {
        lock.withLock {
            versions[instance][id] = max(versions[instance][id] ?? 0, version)
            overall[id] = max(overall[id] ?? 0, version)
        }
    }

    /// The lowest version a read may return: committed through `instance`, or through any instance when nil.
    func floor(id: Int32, instance: Int?) -> Int32 {
        lock.withLock { (instance.map { versions[$0] } ?? overall)[id] ?? 0 }
    }

    func stale(_ description: String) { lock.withLock { stale.append(description) } }
    func checked() { lock.withLock { reads += 1 } }
    var staleReads: [String] { lock.withLock { stale } }
    var checkedReads: Int { lock.withLock { reads } }
}

extension Array {
    /// The results of `transform` on each element, in order, one at a time.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
