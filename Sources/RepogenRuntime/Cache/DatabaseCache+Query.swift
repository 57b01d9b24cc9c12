/// Query results (`find(where:)`, `count(where:)`...) read through L1, keyed by SQL, binds and tenant.
extension DatabaseCache {
    /// A query result from L1, or loaded by `load` and filled under `key` with `tags` unless a write to one of
    /// them (or a flush) was applied after the load began.
    ///
    /// `inTransaction` reads only consult L1: a transaction's snapshot may predate a commit, so it never fills.
    func query<Value: Sendable>(
        table: String, key: String, tags: [String], ttl: Duration, inTransaction: Bool,
        load: () async throws -> (value: Value, bytes: Int)
    ) async throws -> Value {
        guard isServingL1 else { return try await load().value }
        let span = tracing?.startCacheLookup(table)
        let now = configuration.clock.now
        if let value = l1.withLock({ $0.lookup(key, now: now) }) as? Value {
            metrics.recordCacheHit(entity: table)
            StatementTracing.endLookup(span, found: "l1")
            return value
        }
        metrics.recordCacheMiss(entity: table)
        StatementTracing.endLookup(span, found: "miss")
        if inTransaction { return try await load().value }
        let token = l1.withLock { $0.epoch }
        let loaded = try await ReplicaRouting.onPrimary { try await load() }
        let expiresAt = configuration.clock.now + ttl
        l1.withLock { store in
            _ = store.insert(
                key, value: loaded.value, bytes: loaded.bytes + key.utf8.count, tags: tags, expiresAt: expiresAt,
                token: token)
        }
        return loaded.value
    }

    /// Invalidates every cached row and query result of `table` (its name as in the schema, unquoted) here,
    /// in other processes and in L2, as a committed write to it does.
    ///
    /// Call it after a raw SQL write outside a transaction (the repositories cannot see what it changed):
    /// ```swift
    /// try await db.execute("UPDATE users SET role = 'admin' WHERE email LIKE '%@example.com'")
    /// await db.cache?.invalidate(table: "users")
    /// ```
    public func invalidate(table: String) async {
        await invalidate(tags: [table])
    }
}

extension CacheContext {
    /// A query result read through the cache under `key`, tagged with the entity's table and query tag.
    ///
    /// `db.uncached` and a transaction that has written read PostgreSQL directly.
    func query<Value: Sendable>(
        _ policy: EntityCachePolicy, ttl: Duration, key: String, load: () async throws -> (value: Value, bytes: Int)
    ) async throws -> Value {
        guard let cache, !bypassReads, transaction?.hasWritten != true else { return try await load().value }
        return try await cache.query(
            table: policy.table, key: key, tags: [policy.table, policy.queryTag], ttl: ttl,
            inTransaction: transaction != nil, load: load)
    }
}

extension Transaction {
    /// Queues the invalidation of every cached row and query result of `table` for after COMMIT (raw SQL writes).
    ///
    /// ```swift
    /// try await db.transaction { tx in
    ///     try await tx.execute("DELETE FROM users WHERE role = 'guest'")
    ///     tx.invalidateCache(table: "users")
    /// }
    /// ```
    public func invalidateCache(table: String) {
        invalidateCache(tags: [table])
    }
}

/// The L1 key of a query result: kind, table, tenant, SQL text and every bind's type and binary value.
///
/// Each variable-length part is prefixed with its length, so two different queries never share a key; the `#`
/// of the prefix never starts a row key (`table:read:arguments`), so neither do they.
struct QueryCacheKey {
    let text: String

    init(kind: QueryKind, table: String, sql: String, binds: PostgresBindings, tenant: String?) {
        var text = "#q:" + kind.rawValue + ":" + Self.counted(table) + (tenant.map { "t" + Self.counted($0) } ?? "-")
        text += Self.counted(sql)
        text.reserveCapacity(text.utf8.count + binds.bytes.count * 2 + binds.count * 12)
        for index in 0..<binds.count {
            let length = Int(binds.lengths[index])
            text += "|" + String(binds.types[index].oid) + ":" + String(length) + ":"
            guard length > 0 else { continue }
            let start = binds.offsets[index]
            Self.appendHex(binds.bytes[start..<start + length], to: &text)
        }
        self.text = text
    }

    private static func counted(_ part: String) -> String {
        String(part.utf8.count) + ":" + part
    }

    private static let digits = Array("0123456789abcdef".unicodeScalars)

    private static func appendHex(_ bytes: ArraySlice<UInt8>, to text: inout String) {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(digits[Int(byte >> 4)])
            scalars.append(digits[Int(byte & 0x0f)])
        }
        text.unicodeScalars.append(contentsOf: scalars)
    }
}
