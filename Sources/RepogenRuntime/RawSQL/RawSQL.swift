/// Hand-written SQL whose interpolated values become `$n` bind parameters, never SQL text.
///
/// Only compile-time literals become SQL text (`StringLiteralType` is `StaticString`): a `String` built at run time
/// does not compile as `RawSQL`, and interpolating one binds it as a value. Identifiers go in only through
/// `\(identifier:)`, which accepts plain names and quotes them; anything else makes the statement throw before
/// it is sent.
/// ```swift
/// let rows = try await db.query("SELECT name FROM \(identifier: "projects") WHERE id = \(id) AND name <> \(name)")
/// ```
public struct RawSQL: Sendable, ExpressibleByStringInterpolation {
    /// Only literals written in the source are SQL text.
    public typealias StringLiteralType = StaticString

    /// The SQL text with `$1`, `$2`... where values were interpolated.
    public let sql: String
    /// The interpolated values, in parameter order.
    public let binds: PostgresBindings
    /// Why the statement is refused (an invalid identifier), or nil.
    public let refusal: String?

    /// Creates SQL without interpolations from a literal.
    public init(stringLiteral value: StaticString) {
        sql = value.description
        binds = PostgresBindings()
        refusal = nil
    }

    /// Creates SQL from a literal with interpolated values and identifiers.
    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
        refusal = stringInterpolation.refusal
    }

    /// A prepared statement that is not declared read-only (see `statement(readOnly:)`).
    public var statement: PostgresStatement {
        statement(readOnly: false)
    }

    /// A prepared statement for this SQL, labelled by a hash of the text; `readOnly` is the caller's word that it
    /// has no side effect (retried after a lost connection, may share a pipeline with other reads).
    ///
    /// The hash only names it in metrics and logs: each connection identifies prepared statements by their full
    /// text, so two texts never share one.
    public func statement(readOnly: Bool) -> PostgresStatement {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return PostgresStatement(
            name: "repogen_raw_" + String(hash, radix: 16), sql: sql, parameterTypes: [], readOnly: readOnly)
    }

    /// Collects literal text, bind parameters and validated identifiers.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        /// Only literals written in the source are SQL text.
        public typealias StringLiteralType = StaticString

        var sql = ""
        var binds = PostgresBindings()
        var refusal: String?

        /// Reserves room for the literal text.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        /// Appends literal SQL text written in the source (a `StaticString`, so never text built at run time).
        public mutating func appendLiteral(_ literal: StaticString) {
            sql += literal.description
        }

        /// Appends a value as the next bind parameter (`$n`); its type travels with it.
        public mutating func appendInterpolation<V: PostgresEncodable & Sendable>(_ value: V) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Appends an optional value as the next bind parameter, SQL NULL when nil.
        public mutating func appendInterpolation<V: PostgresEncodable & Sendable>(_ value: V?) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Appends an array as the next bind parameter (`$n`, a PostgreSQL array), e.g. for `= ANY(...)`.
        public mutating func appendInterpolation<V: PostgresEncodable & Sendable>(array values: [V]) {
            binds.appendArray(values)
            sql += "$\(binds.count)"
        }

        /// Appends a table or column name, double-quoted; a name that is not plain refuses the whole statement.
        public mutating func appendInterpolation(identifier name: String) {
            guard RawSQL.isPlainIdentifier(name) else {
                refusal = refusal
                    ?? "refused identifier (letters, digits and _ only, at most 63 bytes, no leading digit)"
                sql += "\"?\""
                return
            }
            sql += "\"" + name + "\""
        }
    }

    /// Whether `name` is a plain identifier: ASCII letters, digits and `_`, not starting with a digit, ≤ 63 bytes.
    public static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, !(first >= 0x30 && first <= 0x39) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F
        }
    }
}

extension DatabaseExecutor {
    /// Runs hand-written SQL with its interpolated values bound as parameters and returns the result.
    ///
    /// `readOnly: true` declares that the SQL has no side effect, so outside a transaction it runs again after a
    /// lost connection and may share a pipeline with other reads; without it, a lost connection mid-statement throws
    /// `commitOutcomeUnknown` (a `SELECT f()` whose `f` writes must never run twice).
    /// On a `Database` with a tenant, or in a tenant's transaction, row-level security scopes it like any statement.
    /// ```swift
    /// let rows = try await db.query("SELECT name FROM projects WHERE id = \(id)", readOnly: true)
    /// let names = try rows.decodeRows { try $0.decode(String.self, at: 0) }
    /// ```
    public func query(_ sql: RawSQL, readOnly: Bool = false) async throws -> PostgresQueryResult {
        let statement = sql.statement(readOnly: readOnly)
        if let refusal = sql.refusal {
            throw RepogenError(kind: .invalidConfiguration, message: refusal, statement: statement.name)
        }
        return try await run(statement, sql.binds)
    }

    /// Runs a hand-written write and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: RawSQL) async throws -> Int {
        try await query(sql).affectedRows
    }
}
