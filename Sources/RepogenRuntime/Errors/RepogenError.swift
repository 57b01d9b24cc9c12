/// The one error type of the runtime: a stable kind, the server's SQLSTATE, and a message without bind values.
///
/// ```swift
/// do { try await repos.users.create(user) }
/// catch let error as RepogenError where error.violation == .unique { print(error.fields) }  // ["email"]
/// ```
public struct RepogenError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible, Hashable {
    /// What went wrong, independent of the server's wording.
    public enum Kind: Sendable, Hashable {
        /// Opening a connection failed, or the connection broke.
        case connectionFailed
        /// The server rejected a statement.
        case queryFailed
        /// A column expected to be non-NULL was NULL.
        case unexpectedNull
        /// A result value could not be decoded into the requested Swift type.
        case decodingFailed
        /// No pooled connection became available within the acquire timeout.
        case poolTimeout
        /// The pool was closed.
        case poolClosed
        /// A looked-up entity does not exist.
        case notFound
        /// A unit of work was misused, or could not begin, commit or roll back.
        case transactionFailed
        /// A write was refused because the transaction is read-only (`TransactionOptions.readOnly`, SQLSTATE 25006).
        case readOnlyTransaction
        /// A migration failed or its recorded checksum differs.
        case migrationFailed
        /// A configuration value is invalid.
        case invalidConfiguration
        /// An optimistic-locking update found the row at another version than expected.
        case versionConflict
        /// The server cancelled a statement that ran past `statement_timeout` (SQLSTATE 57014).
        case statementTimeout
        /// A lock could not be taken within `lock_timeout` (SQLSTATE 55P03).
        case lockTimeout
        /// The connection was lost after COMMIT was sent: the transaction may or may not have committed.
        case commitOutcomeUnknown
        /// The circuit breaker is open after repeated connection failures; the call was not attempted.
        case circuitOpen
        /// A tenant-scoped statement ran without a tenant (`TenantContext.withTenant`, `db.transaction(tenant:)`).
        case tenantRequired
        /// The server refused a value: see `violation` for which rule and `fields` for the schema fields.
        case constraintViolation
        /// A value was refused before sending, since its column could not hold it; see `violation` and `fields`.
        case validationFailed
        /// A result lacks a column an entity decodes by name; `column` names it.
        case missingColumn
        /// A caller's argument was refused before anything was sent: a negative limit or offset, or a field name
        /// the entity does not have (`Quote.column(named:)`); the message names the argument.
        case invalidArgument
        /// An in-memory repository was asked for something it cannot do as PostgreSQL would (raw SQL, row locks,
        /// full-text search...); it throws rather than answer differently.
        case unsupportedInMemory
    }

    /// The kind of failure.
    public var kind: Kind
    /// The five-character SQLSTATE reported by the server, e.g. `"23505"`.
    public var sqlState: String?
    /// The primary message.
    public var message: String
    /// The server's detail line; may contain row values, so it is never part of `description`.
    public var detail: String?
    /// The violated constraint's name, when the server reports it.
    public var constraint: String?
    /// The table involved, when the server reports it.
    public var table: String?
    /// The column involved, when the server reports it.
    public var column: String?
    /// The name of the statement that failed (never its bind values).
    public var statement: String?
    /// For `versionConflict`: the version the row is at now.
    public var currentVersion: Int64?
    /// Which rule a refused value broke (from the SQLSTATE, or from the check before sending), else nil.
    public var violation: ConstraintViolation?
    /// The Swift names of the schema fields the violated constraint or column belongs to; empty when unknown.
    public var fields: [String] = []

    /// Creates an error; every field but `kind` and `message` is optional.
    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, statement: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.constraint = constraint
        self.table = table
        self.column = column
        self.statement = statement
        self.violation = ConstraintViolation(sqlState: sqlState)
    }

    /// An error saying that `entity` was not found, e.g. `RepogenError.notFound("User 42")`.
    public static func notFound(_ entity: String) -> RepogenError {
        RepogenError(kind: .notFound, message: "\(entity) not found")
    }

    /// Whether the server reported a unique violation (SQLSTATE 23505).
    public var isUniqueViolation: Bool {
        sqlState == "23505"
    }

    /// Whether the server reported a foreign-key violation (SQLSTATE 23503).
    public var isForeignKeyViolation: Bool {
        sqlState == "23503"
    }

    /// One line such as `RepogenError.constraintViolation [23505] duplicate key ... (field email) (statement ...)`;
    /// never a bind value or the server's detail line.
    public var description: String {
        var text = "RepogenError.\(kind)"
        if let sqlState {
            text += " [\(sqlState)]"
        }
        text += " " + Redaction.redactMessage(message, sqlState: sqlState)
        if !fields.isEmpty {
            text += " (\(fields.count == 1 ? "field" : "fields") \(fields.joined(separator: ", ")))"
        }
        if let statement {
            text += " (statement \(statement))"
        }
        return text
    }

    /// The same as `description`, so debug output never shows the detail line either.
    public var debugDescription: String {
        description
    }

    static func decoding(_ message: String) -> RepogenError {
        RepogenError(kind: .decodingFailed, message: message)
    }
}

extension RepogenError.Kind: CustomStringConvertible {
    /// The case name, e.g. `queryFailed`.
    public var description: String {
        switch self {
        case .connectionFailed: "connectionFailed"
        case .queryFailed: "queryFailed"
        case .unexpectedNull: "unexpectedNull"
        case .decodingFailed: "decodingFailed"
        case .poolTimeout: "poolTimeout"
        case .poolClosed: "poolClosed"
        case .notFound: "notFound"
        case .transactionFailed: "transactionFailed"
        case .readOnlyTransaction: "readOnlyTransaction"
        case .migrationFailed: "migrationFailed"
        case .invalidConfiguration: "invalidConfiguration"
        case .versionConflict: "versionConflict"
        case .statementTimeout: "statementTimeout"
        case .lockTimeout: "lockTimeout"
        case .commitOutcomeUnknown: "commitOutcomeUnknown"
        case .circuitOpen: "circuitOpen"
        case .tenantRequired: "tenantRequired"
        case .constraintViolation: "constraintViolation"
        case .validationFailed: "validationFailed"
        case .missingColumn: "missingColumn"
        case .invalidArgument: "invalidArgument"
        case .unsupportedInMemory: "unsupportedInMemory"
        }
    }
}

/// Removes secrets from text that is shown to people.
enum Redaction {
    /// Replaces the value of every `password=...` conninfo key and the password of `scheme://user:password@`.
    static func redactConninfo(_ text: String) -> String {
        var result = text.replacing(/password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/, with: "password=***")
        result = result.replacing(/(:\/\/[^:@\/\s]*):[^@\s]*@/) { match in "\(match.output.1):***@" }
        return result
    }

    /// Hides the quoted input that data-exception messages (SQLSTATE class 22) echo back.
    static func redactMessage(_ message: String, sqlState: String?) -> String {
        let withoutSecrets = redactConninfo(message)
        guard let sqlState, sqlState.hasPrefix("22") else {
            return withoutSecrets
        }
        return withoutSecrets.replacing(/: ".*"$/, with: ": \"…\"")
    }
}
