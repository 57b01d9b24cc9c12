/// The statements one connection has prepared, bounded by `capacity`: the least recently used ones beyond it are
/// handed out by `takeOverflow` for the connection to `DEALLOCATE`.
///
/// A statement is identified by its full SQL text and parameter types, never by a hash: its `name` (a label, for
/// metrics) only picks the bucket, and two texts that share a label get two prepared statements under two server
/// names. The batch engine (`PostgresConnection+Batch.swift`) keeps its books here.
///
/// Evictions are taken only where nothing is in flight on the connection (before a batch is sent, after its sync),
/// and never of a statement the batch about to be sent uses. Touched only by the holder of the connection's gate.
struct PreparedStatementCache {
    /// One prepared statement.
    private struct Entry {
        let sql: String
        let types: [PostgresType]
        /// The name it is prepared under on the server.
        let serverName: String
        /// When it was last used, on the cache's own clock.
        var lastUse: UInt64
    }

    /// The most statements kept prepared; at least 1.
    let capacity: Int
    /// Entries by statement label (`PostgresStatement.name`); a bucket holds more than one only when labels collide.
    private var buckets: [String: [Entry]] = [:]
    private var serverNames: Set<String> = []
    /// The cache's clock: it ticks on every use.
    private(set) var clock: UInt64 = 0
    private var sequence = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// How many statements are prepared.
    var count: Int {
        serverNames.count
    }

    /// The name `statement` (with parameter `types`) is prepared under on this connection, marking it used; nil
    /// when it is not prepared.
    mutating func preparedName(_ statement: PostgresStatement, types: [PostgresType]) -> String? {
        guard let index = index(of: statement, types: types) else {
            return nil
        }
        clock += 1
        buckets[statement.name]![index].lastUse = clock
        return buckets[statement.name]![index].serverName
    }

    /// Whether `statement` (with parameter `types`) is prepared, without marking it used.
    func isPrepared(_ statement: PostgresStatement, types: [PostgresType]) -> Bool {
        index(of: statement, types: types) != nil
    }

    /// Records `statement` as prepared (its PREPARE is about to be sent) and returns the server name to use: its
    /// label when that is a plain identifier not in use, else a fresh `repogen_p<n>`.
    mutating func admit(_ statement: PostgresStatement, types: [PostgresType]) -> String {
        var name = statement.name
        while !RawSQL.isPlainIdentifier(name) || serverNames.contains(name) {
            sequence += 1
            name = "repogen_p\(sequence)"
        }
        clock += 1
        buckets[statement.name, default: []].append(
            Entry(sql: statement.sql, types: types, serverName: name, lastUse: clock))
        serverNames.insert(name)
        return name
    }

    /// Forgets an execution's statement: its PREPARE failed, or the server no longer has it (26000).
    mutating func forget(_ execution: Execution) {
        if let index = index(of: execution.statement, types: execution.types) {
            remove(label: execution.statement.name, at: index)
        }
    }

    private func index(of statement: PostgresStatement, types: [PostgresType]) -> Int? {
        buckets[statement.name]?.firstIndex { $0.sql == statement.sql && $0.types == types }
    }

    /// Removes an entry and returns its server name.
    @discardableResult
    private mutating func remove(label: String, at index: Int) -> String {
        let entry = buckets[label]!.remove(at: index)
        if buckets[label]!.isEmpty {
            buckets[label] = nil
        }
        serverNames.remove(entry.serverName)
        return entry.serverName
    }

    /// Forgets everything (the connection closed).
    mutating func removeAll() {
        buckets.removeAll()
        serverNames.removeAll()
    }

    /// Removes the least recently used statements until `room` more fit within `capacity`, never one used at or
    /// after `usedBefore` on the cache's clock, and returns their server names, to deallocate.
    ///
    /// A linear scan per eviction: the cache is small, and eviction happens only when a new statement arrives at a
    /// full cache, which costs a round trip anyway.
    mutating func takeOverflow(room: Int, usedBefore: UInt64) -> [String] {
        var evicted: [String] = []
        while count + room > capacity, let oldest = oldestEntry(), oldest.lastUse < usedBefore {
            evicted.append(remove(label: oldest.label, at: oldest.index))
        }
        return evicted
    }

    private func oldestEntry() -> (label: String, index: Int, lastUse: UInt64)? {
        var oldest: (label: String, index: Int, lastUse: UInt64)?
        for (label, entries) in buckets {
            for (index, entry) in entries.enumerated() where entry.lastUse < oldest?.lastUse ?? .max {
                oldest = (label, index, entry.lastUse)
            }
        }
        return oldest
    }

    /// `DEALLOCATE "a"; DEALLOCATE "b"` for the names `takeOverflow` returned (server names are plain identifiers).
    static func deallocateSQL(_ names: [String]) -> String {
        names.map { "DEALLOCATE \"\($0)\"" }.joined(separator: "; ")
    }
}
