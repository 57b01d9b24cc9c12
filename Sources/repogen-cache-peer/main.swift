// A second OS process for the cross-process cache tests: it opens the database named by its argument with a
// listening cache and answers one line on stdout for every command line on stdin (Tests/RepogenRuntimeTests,
// CachePeer.swift). It reads the `items` table the tests create, through L1, as a generated repository would.
//
//   read ID   ->  version=V label=L source=l1|postgres   (or `absent`)
//   stats     ->  connects=N flushes=N invalidations=N serving=true|false hits=N misses=N
//   sync      ->  synced=true|false                     (DatabaseCache.synchronize())
//   quit      ->  bye, then exits; end of input does the same
import Foundation
import RepogenRuntime

struct Item: Codable, Identifiable, Sendable {
    var id: Int32
    var label: String
    var version: Int32
}

let policy = EntityCachePolicy(table: "items", ttl: .seconds(600), tier: .l1)
let findItem = PostgresStatement(
    name: "items_find", sql: "SELECT id, label, version FROM items WHERE id = $1", parameterTypes: [.int4])

func reply(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func read(_ id: Int32, db: Database, cache: DatabaseCache) async throws -> String {
    var binds = PostgresBindings(capacity: 1)
    binds.append(id)
    let hits = cache.statistics.hits
    let item = try await db.cacheContext.row(policy, "id", [id], decode: { row in
        Item(id: try row.decode(Int32.self, at: 0), label: try row.decode(String.self, at: 1),
             version: try row.decode(Int32.self, at: 2))
    }) {
        try await db.run(findItem, binds)
    }
    guard let item else { return "absent" }
    let source = cache.statistics.hits > hits ? "l1" : "postgres"
    return "version=\(item.version) label=\(item.label) source=\(source)"
}

func answer(_ words: [String], db: Database, cache: DatabaseCache) async -> String {
    do {
        switch words.first {
        case "read":
            guard words.count == 2, let id = Int32(words[1]) else { return "error usage: read ID" }
            return try await read(id, db: db, cache: cache)
        case "stats":
            let statistics = cache.statistics
            return "connects=\(statistics.listenerConnects) flushes=\(statistics.flushes) "
                + "invalidations=\(statistics.invalidations) serving=\(cache.isServingL1) "
                + "hits=\(statistics.hits) misses=\(statistics.misses)"
        case "sync":
            return "synced=\(await cache.synchronize())"
        default:
            return "error unknown command \(words.joined(separator: " "))"
        }
    } catch {
        return "error \(error)".replacingOccurrences(of: "\n", with: " ")
    }
}

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: repogen-cache-peer CONNINFO\n".utf8))
    exit(2)
}
do {
    let db = try await Database.connect(
        DatabaseConfiguration(conninfo: CommandLine.arguments[1]), pool: .init(minimum: 1, maximum: 2))
    let cache = try await db.enableCache()
    reply("ready pid=\(ProcessInfo.processInfo.processIdentifier)")
    while let line = readLine() {
        let words = line.split(separator: " ").map(String.init)
        if words.first == "quit" { break }
        reply(await answer(words, db: db, cache: cache))
    }
    await db.disableCache()
    await db.close()
    reply("bye")
} catch {
    reply("error \(error)".replacingOccurrences(of: "\n", with: " "))
    exit(1)
}
