/// Which failures are transient, which SQLSTATEs have their own kind, and the SQLSTATE class for metrics.
extension RepogenError {
    /// The kind for a server error: timeouts and refused values get their own kinds; the rest depends on the
    /// connection's state.
    static func kind(sqlState: String?, connected: Bool) -> Kind {
        switch sqlState {
        case "57014": .statementTimeout
        case "55P03": .lockTimeout
        case "25006": .readOnlyTransaction
        default:
            !connected ? .connectionFailed
                : ConstraintViolation(sqlState: sqlState) != nil ? .constraintViolation : .queryFailed
        }
    }

    /// Whether the server reported a serialization failure (SQLSTATE 40001).
    public var isSerializationFailure: Bool {
        sqlState == "40001"
    }

    /// Whether the server reported a deadlock (SQLSTATE 40P01).
    public var isDeadlock: Bool {
        sqlState == "40P01"
    }

    /// Whether the connection was lost or could not be opened: libpq lost it, the server ended the session (a FATAL
    /// error, admin shutdown 57P01-57P03). A class-08 SQLSTATE the server sends as a plain ERROR is not one: the
    /// connection goes on (08P01 for a bind message that does not fit its statement, a foreign server unreachable).
    public var isConnectionLoss: Bool {
        guard kind != .commitOutcomeUnknown else {
            return false
        }
        return kind == .connectionFailed || ["57P01", "57P02", "57P03"].contains(sqlState ?? "")
    }

    /// Whether running the same work again may succeed: serialization failure, deadlock or connection loss.
    public var isTransient: Bool {
        isSerializationFailure || isDeadlock || isConnectionLoss
    }

    /// The SQLSTATE's two-character class (`"23"`), `"none"` for client-side errors; the metrics label.
    public var sqlStateClass: String {
        guard let sqlState, sqlState.count >= 2 else {
            return "none"
        }
        return String(sqlState.prefix(2))
    }

    /// The error for a connection lost while COMMIT was in flight.
    static func commitOutcomeUnknown(cause: RepogenError) -> RepogenError {
        var error = RepogenError(
            kind: .commitOutcomeUnknown,
            message: "the connection was lost after COMMIT was sent, so the transaction may or may not have "
                + "committed: \(cause.message)",
            sqlState: cause.sqlState, statement: cause.statement ?? "COMMIT")
        error.detail = cause.detail
        return error
    }

    /// The error thrown while the circuit breaker is open.
    static func circuitOpen(failures: Int) -> RepogenError {
        RepogenError(
            kind: .circuitOpen,
            message: "the circuit breaker is open after \(failures) consecutive connection failures; failing fast")
    }
}
