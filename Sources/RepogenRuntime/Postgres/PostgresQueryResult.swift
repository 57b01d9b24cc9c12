import CLibPQ

/// Owns a `PGresult` and frees it when the last reference goes away; never mutated after creation.
final class ResultHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        PQclear(pointer)
    }
}

/// The binary-format result of one statement.
///
/// ```swift
/// let emails = try result.decodeRows { row in try row.decode(String.self, at: 0) }
/// ```
public struct PostgresQueryResult: Sendable {
    let handle: ResultHandle
    /// The statement's name, used in decoding errors.
    let statementName: String?
    /// For a result decoded by name: the physical column of each position a decoder asks for; nil decodes by
    /// position, the fast path of generated statements, whose column lists are fixed.
    let columnMap: [Int32]?

    init(handle: ResultHandle, statementName: String?, columnMap: [Int32]? = nil) {
        self.handle = handle
        self.statementName = statementName
        self.columnMap = columnMap
    }

    /// The number of rows returned.
    public var rowCount: Int {
        Int(PQntuples(handle.pointer))
    }

    /// The command's status tag (`PQcmdStatus`), e.g. `COMMIT`, or `ROLLBACK` for a COMMIT of a failed transaction.
    var commandStatus: String {
        String(cString: PQcmdStatus(handle.pointer))
    }

    /// The number of rows inserted, updated or deleted (`PQcmdTuples`), 0 when not applicable.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(handle.pointer))) ?? 0
    }

    /// Decodes every row in order.
    public func decodeRows<T>(_ decode: (PostgresRow) throws -> T) throws -> [T] {
        var rows: [T] = []
        rows.reserveCapacity(rowCount)
        for index in 0..<rowCount {
            rows.append(try decode(PostgresRow(result: self, index: Int32(index))))
        }
        return rows
    }

    /// Decodes the first row, or returns nil when there is none.
    public func decodeFirst<T>(_ decode: (PostgresRow) throws -> T) throws -> T? {
        rowCount == 0 ? nil : try decode(PostgresRow(result: self, index: 0))
    }

    /// The first row decoded, or `missing` thrown when there is none (an `UPDATE ... RETURNING` that matched no
    /// row, an upsert that may not overwrite the row holding its key).
    ///
    /// ```swift
    /// let user = try result.decodeFirst(User.decode, orThrow: .notFound("User"))
    /// ```
    public func decodeFirst<T>(
        _ decode: (PostgresRow) throws -> T, orThrow missing: @autoclosure () -> RepogenError
    ) throws -> T {
        guard rowCount > 0 else { throw missing() }
        return try decode(PostgresRow(result: self, index: 0))
    }
}

/// One row of a binary-format result, decoded by column position.
///
/// ```swift
/// let user = User(id: try row.decode(UUID.self, at: 0), nickname: try row.decodeIfPresent(String.self, at: 1))
/// ```
public struct PostgresRow: Sendable {
    private let result: PostgresQueryResult
    private let index: Int32

    init(result: PostgresQueryResult, index: Int32) {
        self.result = result
        self.index = index
    }

    /// The number of columns (of the mapping, for a result decoded by name).
    public var columnCount: Int {
        result.columnMap?.count ?? Int(PQnfields(result.handle.pointer))
    }

    /// Whether the value at `column` is SQL NULL.
    public func isNull(at column: Int) -> Bool {
        PQgetisnull(result.handle.pointer, index, physical(column)) == 1
    }

    /// The result's column for the position `column` a decoder asks for.
    private func physical(_ column: Int) -> Int32 {
        result.columnMap.map { $0[column] } ?? Int32(column)
    }

    /// Decodes the value at `column`, throwing `unexpectedNull` for SQL NULL.
    ///
    /// Inlinable, like `decodeIfPresent`, so generated code gets a version specialised for `T`: a generic call
    /// across the module boundary looked up `T?`'s type metadata at run time for every column of every row.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type, at column: Int) throws -> T {
        guard let value = try decodeIfPresent(type, at: column) else {
            throw nullError(at: column)
        }
        return value
    }

    /// Decodes the value at `column`, returning nil for SQL NULL.
    @inlinable
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type, at column: Int) throws -> T? {
        guard let (bytes, valueType) = try rawValue(at: column) else {
            return nil
        }
        do {
            return try T.decode(from: bytes, type: valueType)
        } catch let error as RepogenError {
            throw decodingError(error, at: column, as: "\(T.self)")
        }
    }

    /// The bytes and type of the value at `column`, nil for SQL NULL; throws for a column out of range.
    @usableFromInline
    func rawValue(at column: Int) throws -> (UnsafeRawBufferPointer, PostgresType)? {
        let pointer = result.handle.pointer
        guard column >= 0, column < columnCount else {
            throw RepogenError(
                kind: .decodingFailed, message: "column \(column) out of range (\(columnCount) columns)",
                statement: result.statementName)
        }
        if isNull(at: column) {
            return nil
        }
        let source = physical(column)
        let length = Int(PQgetlength(pointer, index, source))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(pointer, index, source), count: length)
        return (bytes, PostgresType(oid: PQftype(pointer, source)))
    }

    @usableFromInline
    func nullError(at column: Int) -> RepogenError {
        RepogenError(
            kind: .unexpectedNull, message: "column \(column) (\(columnName(column))) is NULL",
            statement: result.statementName)
    }

    @usableFromInline
    func decodingError(_ error: RepogenError, at column: Int, as typeName: String) -> RepogenError {
        RepogenError(
            kind: error.kind, message: "column \(column) (\(columnName(column))) as \(typeName): \(error.message)",
            statement: result.statementName)
    }

    private func columnName(_ column: Int) -> String {
        guard column >= 0, column < columnCount else { return "?" }
        return PQfname(result.handle.pointer, physical(column)).map { String(cString: $0) } ?? "?"
    }
}
