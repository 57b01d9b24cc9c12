import CLibPQ
import Foundation

/// Read-through: L1, then L2, then PostgreSQL; fills are refused when a write landed while the value was read.
extension DatabaseCache {
    /// A row loaded by `load` (a statement returning at most one row), cached under `key` with its row tag.
    ///
    /// `inTransaction` reads only consult L1: a transaction's snapshot may predate a commit, so it never fills.
    func row<Row: CacheableRow>(
        _ policy: EntityCachePolicy, key: String, inTransaction: Bool, isolation: isolated (any Actor)? = #isolation,
        load: () async throws -> PostgresQueryResult, decode: (PostgresRow) throws -> Row
    ) async throws -> Row? {
        guard let tier = policy.tier else { return try await load().decodeFirst(decode) }
        let useL1 = tier.usesL1 && isServingL1
        let span = tracing?.startCacheLookup(policy.table)
        let now = configuration.clock.now
        if useL1, let value = l1.withLock({ $0.lookup(key, now: now) }) as? Row {
            metrics.recordCacheHit(entity: policy.table)
            StatementTracing.endLookup(span, found: "l1")
            return value
        }
        metrics.recordCacheMiss(entity: policy.table)
        if inTransaction {
            StatementTracing.endLookup(span, found: "miss")
            return try await load().decodeFirst(decode)
        }
        let token = l1.withLock { $0.epoch }
        var generation: [UInt8]?
        if tier.usesL2, let l2 = configuration.l2 {
            let lookup: (row: Row?, generation: [UInt8]?) = await l2Lookup(l2, policy: policy, key: key)
            if let row = lookup.row {
                StatementTracing.endLookup(span, found: "l2")
                if useL1 { fill(policy, key: key, row: row, bytes: 256, token: token) }
                return row
            }
            generation = lookup.generation
        }
        StatementTracing.endLookup(span, found: "miss")
        let result = try await ReplicaRouting.onPrimary { try await load() }
        guard let row = try result.decodeFirst(decode) else { return nil }
        if useL1 { fill(policy, key: key, row: row, bytes: result.approximateBytes(row: 0), token: token) }
        if let generation, let l2 = configuration.l2 {
            await l2Store(l2, policy: policy, key: key, row: row, generation)
        }
        return row
    }

    /// Puts a row into L1 unless a write to it (or a flush) was applied after `token` was taken.
    func fill<Row: CacheableRow>(_ policy: EntityCachePolicy, key: String, row: Row, bytes: Int, token: UInt64) {
        let tags = [policy.table, policy.rowTag(row.id)]
        let expiresAt = configuration.clock.now + policy.ttl
        l1.withLock { store in
            _ = store.insert(key, value: row, bytes: bytes + key.utf8.count, tags: tags, expiresAt: expiresAt,
                             token: token)
        }
    }

    /// The row in L2 when present under the table's current generation, and that generation (nil when L2 failed).
    func l2Lookup<Row: CacheableRow>(
        _ l2: any CacheL2Store, policy: EntityCachePolicy, key: String
    ) async -> (row: Row?, generation: [UInt8]?) {
        guard await flushPendingGenerations(l2) else { return (nil, nil) }
        do {
            let generationKey = Self.generationKey(policy.table)
            let fetched = try await l2.fetch(Self.l2Key(key), generationKey: generationKey)
            var generation = fetched.generation
            if generation == nil {
                generation = try await l2.establishGeneration(generationKey, candidate: Self.newGeneration())
            }
            if let generation, let value = fetched.value, value.count > generation.count,
                value.starts(with: generation),
                let row = try? JSONDecoder().decode(Row.self, from: Data(value.dropFirst(generation.count)))
            {
                l2Counters.withLock { $0.hits += 1 }
                return (row, generation)
            }
            l2Counters.withLock { $0.misses += 1 }
            return (nil, generation)
        } catch {
            l2Failed(error, operation: "read")
            return (nil, nil)
        }
    }

    /// Stores a row in L2 under the generation read before PostgreSQL was.
    func l2Store<Row: CacheableRow>(
        _ l2: any CacheL2Store, policy: EntityCachePolicy, key: String, row: Row, _ generation: [UInt8]
    ) async {
        guard let json = try? JSONEncoder().encode(row) else { return }
        do {
            try await l2.store(Self.l2Key(key), value: generation + Array(json), ttl: policy.ttl)
        } catch {
            l2Failed(error, operation: "store")
        }
    }

    /// Replaces the L2 generations of the tables behind `tags`; remembered and retried when L2 is unreachable.
    func invalidateL2(_ tags: [String]) async {
        guard let l2 = configuration.l2 else { return }
        let keys = Set(tags.map { Self.generationKey(String($0.prefix { $0 != "#" })) })
        pendingGenerations.withLock { $0.formUnion(keys) }
        _ = await flushPendingGenerations(l2)
    }

    /// Replaces every pending generation; false (L2 must not be read) while that fails.
    func flushPendingGenerations(_ l2: any CacheL2Store) async -> Bool {
        let pending = pendingGenerations.current
        guard !pending.isEmpty else { return true }
        do {
            try await l2.replaceGenerations(pending.sorted(), with: Self.newGeneration())
            pendingGenerations.withLock { $0.subtract(pending) }
            return true
        } catch {
            l2Failed(error, operation: "invalidate")
            return false
        }
    }

    private func l2Failed(_ error: any Error, operation: String) {
        l2Counters.withLock { $0.failures += 1 }
        logger.debug("L2 cache unavailable; reading PostgreSQL", metadata: [
            "operation": "\(operation)", "error": "\(error)",
        ])
    }

    static func l2Key(_ key: String) -> String { "repogen:v1:" + key }
    static func generationKey(_ table: String) -> String { "repogen:v1:generation:" + table }

    /// A fresh random generation, 32 hexadecimal bytes.
    static func newGeneration() -> [UInt8] {
        Array(UUID().uuidString.replacingOccurrences(of: "-", with: "").utf8)
    }
}

/// A generated entity the cache can hold: identified by its primary key and encodable for L2.
public typealias CacheableRow = Codable & Identifiable & Sendable

extension PostgresQueryResult {
    /// The bytes of one row's values on the wire, plus a fixed overhead per column: the L1 size estimate.
    func approximateBytes(row: Int) -> Int {
        let columns = Int(PQnfields(handle.pointer))
        var total = 64
        for column in 0..<columns {
            total += 16 + Int(PQgetlength(handle.pointer, Int32(row), Int32(column)))
        }
        return total
    }
}
