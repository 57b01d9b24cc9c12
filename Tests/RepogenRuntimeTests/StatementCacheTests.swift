import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// A row shaped like a generated entity, for paging tests without code generation.
struct Item: QueryableEntity, Sendable, Equatable {
    var id: Int64
    var v: Int64

    static let entityTable = EntityTable(
        entity: "Item", table: "items", columns: ["id", "v"], primaryKey: "id", primaryKeyType: "int8",
        deletedAt: nil, managedAssignments: [], audit: nil)
    static let v = ColumnRef<Item, Int64>(column: "v", sqlType: "int8", isWritable: true)

    static func decode(_ row: PostgresRow) throws -> Item {
        Item(id: try row.decode(Int64.self, at: 0), v: try row.decode(Int64.self, at: 1))
    }
}

/// The query builder on `items`.
struct ItemRepository: QueryRepository {
    typealias Entity = Item
    let executor: any DatabaseExecutor
}

/// The 50 rows every test here starts from: `v` is `id % 7`.
private let itemRows = (1...50).map { Item(id: Int64($0), v: Int64($0 % 7)) }
private let sortedByV = itemRows.sorted { ($0.v, $0.id) < ($1.v, $1.id) }

/// Opens a pool of one connection keeping at most `capacity` prepared statements, with `items` filled.
private func withItems(capacity: Int, _ body: (Database) async throws -> Void) async throws {
    let pool = PoolConfiguration(minimum: 1, maximum: 1, preparedStatementCapacity: capacity)
    try await withTestDatabase(pool: pool) { db in
        try await db.runScript(
            "CREATE TABLE items (id bigint PRIMARY KEY, v bigint NOT NULL); "
                + "INSERT INTO items SELECT i, i % 7 FROM generate_series(1, 50) AS i")
        try await body(db)
    }
}

/// The number of statements prepared on the pool's only connection, as the server sees them.
private func preparedCount(_ db: Database) async throws -> Int {
    let result = try await db.query("SELECT count(*)::bigint FROM pg_prepared_statements", readOnly: true)
    return try result.decodeFirst { try $0.decode(Int.self, at: 0) } ?? -1
}

/// A read whose text depends on `shape` but whose label is the same for every shape (a forced collision).
private func collidingShape(_ shape: Int) -> PostgresStatement {
    PostgresStatement(
        name: "repogen_collision", sql: "SELECT $1::bigint + \(shape)", parameterTypes: [.int8], readOnly: true)
}

@Suite("Prepared statements: a bounded cache per connection, keyed by full text; paging values are binds")
struct StatementCacheTests {
    @Test("thousands of client-chosen pages and shapes keep pg_prepared_statements at the capacity")
    func boundedUnderChurn() async throws {
        try await withItems(capacity: 8) { db in
            let items = ItemRepository(executor: db)
            var cursor: Cursor?
            var keysetSeen: [Item] = []
            for round in 0..<1_500 {
                let (limit, offset) = (round % 61, (round * 7) % 53)
                let page = try await items.find(where: .all, orderBy: [Item.v.ascending], limit: limit, offset: offset)
                #expect(page == Array(sortedByV.dropFirst(offset).prefix(limit)))
                let wanted = Predicate.anyOf((0...(round % 40)).map { Item.v == Int64($0) })
                #expect(try await items.count(where: wanted) == itemRows.filter { $0.v <= Int64(round % 40) }.count)
                let shape = round % 97
                let sum = try await db.run(collidingShape(shape), binds { $0.append(Int64(round)) })
                #expect(try sum.decodeFirst { try $0.decode(Int64.self, at: 0) } == Int64(round + shape))
                let keyset = try await items.page(
                    where: .all, orderBy: [Item.v.ascending], after: cursor, limit: round % 5 + 1)
                keysetSeen += keyset.items
                cursor = keyset.nextCursor
                if cursor == nil {
                    #expect(keysetSeen == sortedByV)
                    keysetSeen = []
                }
                if round % 100 == 0 {
                    #expect(try await preparedCount(db) <= 8)
                }
            }
            #expect(try await preparedCount(db) == 8)
        }
    }

    @Test("reads queued together (pipelined) with more new shapes than the capacity stay correct and bounded")
    func pipelinedShapesStayBounded() async throws {
        try await withItems(capacity: 3) { db in
            for round in 0..<40 {
                let sums = try await withThrowingTaskGroup(of: (Int, Int64).self) { group in
                    for task in 0..<6 {
                        group.addTask {
                            let shape = (round * 6 + task) % 50
                            let result = try await db.run(collidingShape(shape), binds { $0.append(Int64(task)) })
                            return (shape + task, try result.decodeFirst { try $0.decode(Int64.self, at: 0) } ?? -1)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(sums.allSatisfy { Int64($0.0) == $0.1 })
                #expect(try await preparedCount(db) <= 3)
            }
        }
    }

    @Test("any Int as limit or offset is accepted or refused with invalidArgument, never a trap")
    func extremePagingValues() async throws {
        try await withItems(capacity: 16) { db in
            let items = ItemRepository(executor: db)
            #expect(try await items.find(where: .all, limit: Int.max).count == 50)
            #expect(try await items.find(where: .all, limit: Int.max, offset: Int.max).isEmpty)
            #expect(try await items.find(where: .all, limit: 0).isEmpty)
            let all = try await items.page(where: .all, after: nil, limit: Int.max)
            #expect(all.items.count == 50 && all.nextCursor == nil)
            let offsetPage = try await items.page(where: .all, page: PageRequest(limit: Int.max, offset: Int.max))
            #expect(offsetPage.items.isEmpty && !offsetPage.hasNext && offsetPage.totalCount == 50)
            for (limit, offset) in [(-1, 0), (Int.min, 0), (5, -1), (5, Int.min)] {
                let refused = await #expect(throws: RepogenError.self) {
                    try await items.find(where: .all, limit: limit, offset: offset)
                }
                #expect(refused?.kind == .invalidArgument)
            }
            let keyset = await #expect(throws: RepogenError.self) {
                try await items.page(where: .all, after: nil, limit: Int.min)
            }
            #expect(keyset?.kind == .invalidArgument)
        }
    }

    @Test("PageRequest.next and previous saturate instead of overflowing; decoded negatives count as zero")
    func pageRequestArithmetic() throws {
        #expect(PageRequest(limit: Int.max, offset: Int.max).next == PageRequest(limit: Int.max, offset: Int.max))
        #expect(PageRequest(limit: 10, offset: Int.max - 3).next.offset == Int.max)
        var hostile = PageRequest(limit: 1)
        (hostile.limit, hostile.offset) = (Int.min, Int.min)
        #expect(hostile.next == PageRequest(limit: 0, offset: 0))
        #expect(hostile.previous == nil)
        let decoded = try JSONDecoder().decode(PageRequest.self, from: Data(#"{"limit":-5,"offset":-9}"#.utf8))
        #expect(decoded == PageRequest(limit: 0, offset: 0))
        let page = Page(items: [1], totalCount: 3, request: PageRequest(limit: 1, offset: Int.max))
        #expect(!page.hasNext)
    }

    @Test("the cache: least recently used evicted first; one label, two texts, two server names")
    func cacheBookkeeping() {
        var cache = PreparedStatementCache(capacity: 2)
        let (a, b, c) = (collidingShape(1), collidingShape(2), collidingShape(3))
        let nameA = cache.admit(a, types: [.int8])
        let nameB = cache.admit(b, types: [.int8])
        #expect(nameA != nameB)
        #expect(cache.preparedName(a, types: [.int8]) == nameA)  // a is now more recent than b
        #expect(cache.preparedName(a, types: [.int4]) == nil)  // other parameter types: another statement
        _ = cache.admit(c, types: [.int8])
        #expect(cache.takeOverflow(room: 0, usedBefore: .max) == [nameB])
        #expect(cache.count == 2 && cache.preparedName(b, types: [.int8]) == nil)
        let odd = PostgresStatement(name: "not plain; DROP", sql: "SELECT 1", parameterTypes: [])
        #expect(RawSQL.isPlainIdentifier(cache.admit(odd, types: [])))
    }

    @Test("the chunks of one new statement make room for one statement, not one per chunk")
    func chunksOfOneStatementCountOnce() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(
            DatabaseConfiguration(conninfo: testDatabase.url), preparedStatementCapacity: 4)
        for shape in 0..<3 {
            _ = try await connection.run(collidingShape(shape), binds { $0.append(1) })
        }
        let echo = PostgresStatement(
            name: "test_cache_echo", sql: "SELECT n FROM unnest($1::int8[]) AS n", parameterTypes: [.int8Array])
        let values = (0..<7_500).map(Int64.init)  // three chunks
        let before = connection.batchesSent.current
        let rows = try await connection.runBatched(
            echo, values, binds: { chunk in binds { $0.appendArray(Array(chunk)) } },
            decode: { try $0.decode(Int64.self, at: 0) })
        #expect(rows.count == values.count)
        #expect(connection.batchesSent.current == before + 1, "no DEALLOCATE: the new statement fits")
        #expect(connection.preparedStatements.count == 4)
        await connection.close()
    }

    @Test("a statement that must first make room in the cache is sent from the connection's thread")
    func makingRoomIsHandedOff() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let connection = try await PostgresConnection.connect(
            DatabaseConfiguration(conninfo: testDatabase.url), preparedStatementCapacity: 1)
        _ = try await connection.run(collidingShape(1), binds { $0.append(1) })
        let before = connection.handedOffWaits.current
        let result = try await connection.run(collidingShape(2), binds { $0.append(1) })
        #expect(try result.decodeFirst { try $0.decode(Int64.self, at: 0) } == 3)
        #expect(connection.handedOffWaits.current == before + 1, "its DEALLOCATE never waits on a task's thread")
        #expect(connection.preparedStatements.count == 1)
        await connection.close()
    }

    @Test("a pool refuses a prepared-statement capacity below 1")
    func capacityValidated() async throws {
        let refused = await #expect(throws: RepogenError.self) {
            try await Database.connect(url: "postgres://unused", pool: .init(preparedStatementCapacity: 0))
        }
        #expect(refused?.kind == .invalidConfiguration)
    }
}
