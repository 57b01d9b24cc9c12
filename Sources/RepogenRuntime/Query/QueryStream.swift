/// Rows of a query delivered one at a time, fetched in batches of keyset pages so memory stays bounded.
///
/// ```swift
/// for try await quote in db.quotes.stream(where: Quote.status == .sent, batchSize: 500) { export(quote) }
/// ```
///
/// Each batch is its own statement; run it on a `Transaction` (REPEATABLE READ or a row lock) when the rows must
/// come from one snapshot.
public struct QueryStream<Repository: QueryOperations>: AsyncSequence, Sendable {
    /// The element type: one decoded row.
    public typealias Element = Repository.Entity

    let repository: Repository
    let predicate: Predicate<Repository.Entity>
    let orderBy: [Ordering<Repository.Entity>]
    let batchSize: Int
    let includeDeleted: Bool

    /// Fetches the next batch when the current one is used up.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: QueryStream
        var buffer: [Element] = []
        var index = 0
        var cursor: Cursor?
        var isFinished = false

        /// The next row, or nil after the last.
        public mutating func next() async throws -> Element? {
            if index == buffer.count {
                guard !isFinished else { return nil }
                let page = try await stream.repository.page(
                    where: stream.predicate, orderBy: stream.orderBy, after: cursor, limit: stream.batchSize,
                    includeDeleted: stream.includeDeleted)
                (buffer, index, cursor, isFinished) = (page.items, 0, page.nextCursor, page.nextCursor == nil)
                if buffer.isEmpty { return nil }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// Starts iterating from the first row.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: self)
    }
}

extension QueryOperations {
    /// Every row matching `predicate` as an async sequence, `batchSize` rows in memory at a time.
    public func stream(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [], batchSize: Int = 500,
        includeDeleted: Bool = false
    ) -> QueryStream<Self> {
        QueryStream(
            repository: self, predicate: predicate, orderBy: orderBy, batchSize: max(1, batchSize),
            includeDeleted: includeDeleted)
    }
}
