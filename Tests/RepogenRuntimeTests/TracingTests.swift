import InMemoryTracing
import Logging
@testable import RepogenRuntime
import RepogenTesting
import Testing
import Tracing

/// Spans and log correlation against PostgreSQL, recorded by swift-distributed-tracing's in-memory tracer.
@Suite("Tracing: spans for statements, transactions and cache lookups; trace and correlation IDs in logs")
struct TracingTests {
    private static let find = PostgresStatement(
        name: "repogen_quotes_find", sql: "SELECT $1::text AS echoed", parameterTypes: [.text])
    private static let secret = "s3cret-bind-value"

    private static var secretBinds: PostgresBindings {
        var binds = PostgresBindings(capacity: 1)
        binds.append(secret)
        return binds
    }

    @Test("a statement is a client span with the database attributes and its SQL, never its bind values")
    func statementSpan() async throws {
        let tracer = InMemoryTracer()
        try await withTestDatabase(options: DatabaseOptions(tracer: tracer)) { db in
            _ = try await db.run(Self.find, Self.secretBinds)
        }
        let span = try #require(tracer.finishedSpans.first { $0.operationName == "repogen_quotes_find" })
        #expect(span.kind == .client)
        #expect(span.attributes.get("db.system.name") == .string("postgresql"))
        #expect(span.attributes.get("db.operation.name") == .string("find"))
        #expect(span.attributes.get("db.collection.name") == .string("quotes"))
        #expect(span.attributes.get("db.query.text") == .string(Self.find.sql))
        #expect(span.attributes.get("db.namespace") != nil)
        #expect(span.attributes.get("server.address") != nil)
        var values: [String] = []
        span.attributes.forEach { _, value in values.append("\(value)") }
        #expect(!values.contains { $0.contains(Self.secret) })
        #expect(span.status == nil && span.errors.isEmpty)
    }

    @Test("a transaction's statements are children of its span; a failure is recorded with error status")
    func transactionSpans() async throws {
        let tracer = InMemoryTracer()
        try await withTestDatabase(options: DatabaseOptions(tracer: tracer)) { db in
            try await db.transaction { tx in
                _ = try await tx.run(Self.find, Self.secretBinds)
                _ = try await tx.run(Self.find, Self.secretBinds)
            }
            await #expect(throws: RepogenError.self) {
                try await db.run(statement("SELECT * FROM no_such_table"), PostgresBindings())
            }
        }
        let spans = tracer.finishedSpans
        let transaction = try #require(spans.first { $0.operationName == "transaction" })
        let children = spans.filter { $0.parentSpanID == transaction.spanID }
        #expect(children.map(\.operationName) == ["repogen_quotes_find", "repogen_quotes_find"])
        #expect(children.allSatisfy { $0.traceID == transaction.traceID })
        #expect(transaction.attributes.get("db.operation.name") == .string("transaction"))
        let failed = try #require(
            spans.first { $0.attributes.get("db.query.text") == .string("SELECT * FROM no_such_table") })
        #expect(failed.status?.code == .error)
        #expect(failed.errors.count == 1)
    }

    @Test("cache lookups are spans that say where the row was found")
    func cacheLookupSpans() async throws {
        let tracer = InMemoryTracer()
        try await withCachedItems { db, _ in
            let traced = try await Database.connect(
                db.configuration, pool: .init(minimum: 1, maximum: 1), options: DatabaseOptions(tracer: tracer))
            try await traced.closing { traced in
                _ = try await traced.enableCache()
                let items = CachedItemRepository(traced)
                _ = try await items.find(id: 1)
                _ = try await items.find(id: 1)
                await traced.disableCache()
            }
        }
        let lookups = tracer.finishedSpans.filter { $0.operationName == "cache lookup" }
        #expect(lookups.map { $0.attributes.get("repogen.cache.result") } == [.string("miss"), .string("l1")])
        #expect(lookups.allSatisfy { $0.attributes.get("db.collection.name") == .string("items") })
    }

    @Test("log lines carry the caller's correlation ID and the statement's trace and span IDs")
    func logCorrelation() async throws {
        let tracer = InMemoryTracer()
        let records = LogRecords()
        let provider = Logger.MetadataProvider.repogen { context in
            context.inMemorySpanContext.map { ($0.traceID, $0.spanID) }
        }
        var logger = Logger(label: "tracing") { _ in
            ProvidingLogHandler(records: records, metadataProvider: provider)
        }
        logger.logLevel = .warning
        let options = DatabaseOptions(slowQueryThreshold: .zero, logger: logger, tracer: tracer)
        try await withTestDatabase(options: options) { db in
            var context = ServiceContext.current ?? .topLevel
            context.correlationID = "request-7"
            try await ServiceContext.withValue(context) {
                _ = try await db.run(Self.find, Self.secretBinds)
            }
        }
        let span = try #require(tracer.finishedSpans.first { $0.operationName == "repogen_quotes_find" })
        let line = try #require(records.all.first { $0.hasPrefix("slow statement") })
        #expect(line.contains("correlation_id: request-7") || line.contains("\"correlation_id\": request-7"))
        #expect(line.contains(span.traceID) && line.contains(span.spanID))
    }
}

/// A handler that records each message with its own, the provider's and the event's metadata.
private struct ProvidingLogHandler: LogHandler {
    let records: LogRecords
    var metadataProvider: Logger.MetadataProvider?
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let provided = metadataProvider?.get() ?? [:]
        let all = metadata.merging(provided) { $1 }.merging(event.metadata ?? [:]) { $1 }
        records.append("\(event.message) \(all)", level: event.level)
    }
}
