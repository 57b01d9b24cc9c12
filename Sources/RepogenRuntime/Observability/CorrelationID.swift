import Logging
import Tracing

extension ServiceContext {
    /// A caller-supplied identifier of the request or job a task works for; `Logger.MetadataProvider.repogen` puts
    /// it on every log line written while it is set, Repogen's statement logs included.
    ///
    /// ```swift
    /// var context = ServiceContext.current ?? .topLevel
    /// context.correlationID = requestID
    /// try await ServiceContext.withValue(context) { try await handle(request) }
    /// ```
    public var correlationID: String? {
        get { self[CorrelationIDKey.self] }
        set { self[CorrelationIDKey.self] = newValue }
    }
}

/// The `ServiceContext` key of `correlationID`.
private enum CorrelationIDKey: ServiceContextKey {
    typealias Value = String
    static var nameOverride: String? { "correlation-id" }
}

extension Logger.MetadataProvider {
    /// Adds `correlation_id` (`ServiceContext.correlationID`) and, when `traceIDs` reads them from the task's
    /// context, `trace_id` and `span_id` to every log line; each tracer keeps its IDs in a form of its own.
    ///
    /// ```swift
    /// let logger = Logger(label: "app", metadataProvider: .repogen())
    /// let db = try await Database.connect(url: url, options: DatabaseOptions(logger: logger, tracer: tracer))
    /// ```
    public static func repogen(
        traceIDs: (@Sendable (ServiceContext) -> (trace: String, span: String)?)? = nil
    ) -> Logger.MetadataProvider {
        Logger.MetadataProvider {
            guard let context = ServiceContext.current else {
                return [:]
            }
            var metadata: Logger.Metadata = [:]
            if let correlationID = context.correlationID {
                metadata["correlation_id"] = "\(correlationID)"
            }
            if let ids = traceIDs?(context) {
                metadata["trace_id"] = "\(ids.trace)"
                metadata["span_id"] = "\(ids.span)"
            }
            return metadata
        }
    }
}
