import Tracing

/// Spans for statements, units of work and cache lookups, with OpenTelemetry's database attributes.
///
/// It exists only when a tracer is configured (`DatabaseOptions.tracer`, else the tracer bootstrapped in
/// `InstrumentationSystem` when the database connects): without one, a statement pays one nil check for tracing.
/// Attributes never carry bind values: `db.query.text` is the statement's SQL, whose values are `$n` parameters.
struct StatementTracing: Sendable {
    let tracer: any Tracer
    /// `server.address`, `server.port` and `db.namespace`, set on every database span.
    let serverAttributes: SpanAttributes

    /// Tracing for a database on `configuration`; nil when no tracer is configured.
    init?(options: DatabaseOptions, configuration: DatabaseConfiguration) {
        let tracer = options.tracer ?? InstrumentationSystem.tracer
        guard !(tracer is NoOpTracer) else {
            return nil
        }
        self.tracer = tracer
        var attributes = SpanAttributes()
        let server = configuration.serverIdentity
        attributes["server.address"] = server.address
        attributes["server.port"] = server.port
        attributes["db.namespace"] = server.database
        serverAttributes = attributes
    }

    /// Starts the client span of a statement (`sql` given) or a unit of work, a child of the task's current span.
    func startSpan(_ name: String, _ labels: StatementLabels, sql: String?) -> any Span {
        let span = tracer.startSpan(name, context: ServiceContext.current ?? .topLevel, ofKind: .client)
        guard span.isRecording else {
            return span
        }
        span.updateAttributes { attributes in
            attributes.merge(serverAttributes)
            attributes["db.system.name"] = "postgresql"
            attributes["db.operation.name"] = labels.operation
            if labels.entity != "none", labels.entity != "unknown" {
                attributes["db.collection.name"] = labels.entity
            }
            attributes["db.query.text"] = sql
            attributes["repogen.statement"] = name
        }
        return span
    }

    /// Starts the span of a cache lookup for a row of `table`; `endLookup` says where it was found.
    func startCacheLookup(_ table: String) -> any Span {
        let span = tracer.startSpan("cache lookup", context: ServiceContext.current ?? .topLevel, ofKind: .internal)
        if span.isRecording {
            span.attributes["db.collection.name"] = table
        }
        return span
    }

    /// Ends a span with its error, if any, recorded and its status set to error.
    static func end(_ span: any Span, error: (any Error)?) {
        if let error {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }

    /// Ends a cache lookup span with the tier that had the row (`l1`, `l2`), or `miss`.
    static func endLookup(_ span: (any Span)?, found tier: String) {
        guard let span else {
            return
        }
        if span.isRecording {
            span.attributes["repogen.cache.result"] = tier
        }
        span.end()
    }
}
