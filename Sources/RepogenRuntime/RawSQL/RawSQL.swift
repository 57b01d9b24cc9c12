/// Hand-written SQL whose interpolated values become `$n` bind parameters, never SQL text.
///
/// Identifiers go in only through `\(identifier:)`, which accepts plain names and quotes them;
/// anything else makes the statement throw before it is sent.
/// ```swift
/// let rows = try await db.query("SELECT name FROM \(identifier: "projects") WHERE id = \(id) AND name <> \(name)")
/// ```
public struct RawSQL: Sendable, ExpressibleByStringInterpolation {
    /// The SQL text with `$1`, `$2`... where values were interpolated.
    public let sql: String
    /// The interpolated values, in parameter order.
    public let binds: PostgresBindings
    /// Why the statement is refused (an invalid identifier), or nil.
    public let refusal: String?

    /// Creates SQL without interpolations.
    public init(stringLiteral value: String) {
        sql = value
        binds = PostgresBindings()
        refusal = nil
    }

    /// Creates SQL from a literal with interpolated values and identifiers.
    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
        refusal = stringInterpolation.refusal
    }

    /// A prepared statement named after a hash of the text, so one shape is prepared once per connection; it is
    /// never pipelined with other callers' statements, since hand-written SQL may have side effects.
    public var statement: PostgresStatement {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return PostgresStatement(
            name: "repogen_raw_" + String(hash, radix: 16), sql: sql, parameterTypes: [], mayShare: false)
    }

    /// Collects literal text, bind parameters and validated identifiers.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var sql = ""
        var binds = PostgresBindings()
        var refusal: String?

        /// Reserves room for the literal text.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        /// Appends literal SQL text written in the source.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
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
    /// On a `Database` with a tenant, or in a tenant's transaction, row-level security scopes it like any statement.
    /// ```swift
    /// let rows = try await db.query("SELECT name FROM projects WHERE id = \(id)")
    /// let names = try rows.decodeRows { try $0.decode(String.self, at: 0) }
    /// ```
    public func query(_ sql: RawSQL) async throws -> PostgresQueryResult {
        if let refusal = sql.refusal {
            throw RepogenError(kind: .invalidConfiguration, message: refusal, statement: sql.statement.name)
        }
        return try await run(sql.statement, sql.binds)
    }

    /// Runs a hand-written write and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: RawSQL) async throws -> Int {
        try await query(sql).affectedRows
    }
}
