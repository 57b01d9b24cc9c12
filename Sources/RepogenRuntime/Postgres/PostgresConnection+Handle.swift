import CLibPQ
import Foundation

/// Opening and closing the libpq handle, and the checks around every batch; callers hold the connection's gate.
extension PostgresConnection {
    /// Opens the handle; `parameters` are libpq keywords the conninfo (passed as `dbname`, so it wins) may override.
    func openOnThread(_ conninfo: String, parameters: [(String, String)]) throws {
        let keywords = ["application_name", "client_encoding"] + parameters.map(\.0) + ["dbname"]
        let values = ["repogen", "UTF8"] + parameters.map(\.1) + [conninfo]
        let connection = withCStringArray(keywords) { keys in
            withCStringArray(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let reason = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(connection)
            throw RepogenError(
                kind: .connectionFailed,
                message: Redaction.redactConninfo(reason.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    func finishOnThread() {
        PQfinish(handle)
        handle = nil
        preparedStatements.removeAll()
    }

    /// Records whether the connection broke or is left inside a transaction; called after every statement.
    func recordHealth() {
        let status = handle.map { (PQstatus($0), PQtransactionStatus($0)) }
        health.withLock { health in
            health.isBroken = status.map { $0.0 != CONNECTION_OK } ?? true
            health.isInTransaction = status.map { $0.1 != PQTRANS_IDLE } ?? false
        }
    }

    /// Throws `StaleConnection` when the server has already closed the connection, sending nothing: a unit of work
    /// checks before its body runs, since its BEGIN waits for the first statement.
    func ensureLive() async throws {
        await gate.enter()
        defer { gate.leave() }
        _ = try liveHandle(statement: nil)
    }

    /// The open handle; throws `StaleConnection` when the server has already closed the connection, and a
    /// connection failure when a pipeline left it without its sync.
    func liveHandle(statement: String?) throws -> OpaquePointer {
        guard let connection = handle else {
            throw RepogenError(kind: .connectionFailed, message: "connection is closed", statement: statement)
        }
        // A pipeline left without its sync keeps libpq in pipeline mode: a statement sent now would wait forever.
        // (A field read in libpq, not a lock: this runs before every statement.)
        if PQpipelineStatus(connection) != PQ_PIPELINE_OFF {
            throw RepogenError(
                kind: .connectionFailed, message: "the connection was left inside a pipeline", statement: statement)
        }
        if PQstatus(connection) != CONNECTION_OK || serverHasClosed(connection) {
            health.withLock { $0.isAbandoned = true }
            let error = RepogenError(
                kind: .connectionFailed, message: "the server closed the connection", statement: statement)
            throw StaleConnection(error: error)
        }
        return connection
    }

    /// Whether the server spoke first on this idle connection.
    ///
    /// We never LISTEN, so unsolicited input almost always is the server's goodbye (a FATAL error such as
    /// "terminating connection due to administrator command", then end of file). Such a connection is treated as
    /// closed; the rare harmless message (a reported setting change) only costs a reconnect.
    private func serverHasClosed(_ connection: OpaquePointer) -> Bool {
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else {
            return false
        }
        _ = PQconsumeInput(connection)
        return true
    }

    /// libpq's last error on `connection` as a `RepogenError`: `connectionFailed` once the connection is bad.
    static func libpqFailure(_ connection: OpaquePointer, statement: String?) -> RepogenError {
        RepogenError(
            kind: PQstatus(connection) == CONNECTION_OK ? .queryFailed : .connectionFailed,
            message: String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines),
            statement: statement)
    }
}

extension RepogenError {
    /// Reads SQLSTATE, message, detail, constraint, table and column from a failed result; an error that ends the
    /// session (FATAL) is a lost connection even while libpq has not yet seen the connection close.
    init(result: OpaquePointer, connection: OpaquePointer, statement: String?) {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let fallback = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        let sqlState = field("C")
        let connected = PQstatus(connection) == CONNECTION_OK && !Self.endsSession(result)
        self.init(
            kind: Self.kind(sqlState: sqlState, connected: connected),
            message: field("M") ?? fallback, sqlState: sqlState, detail: field("D"),
            constraint: field("n"), table: field("t"), column: field("c"), statement: statement)
    }

    /// Whether a failed result ends the session (severity FATAL or PANIC): the server closes the connection next.
    static func endsSession(_ result: OpaquePointer) -> Bool {
        let severity = PQresultErrorField(result, Int32(Character("V").asciiValue!))
            ?? PQresultErrorField(result, Int32(Character("S").asciiValue!))
        return severity.map { ["FATAL", "PANIC"].contains(String(cString: $0)) } ?? false
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the duration of the call.
private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}
