/// The ordered bind parameters of one statement, in binary format with their type OIDs.
///
/// ```swift
/// var binds = PostgresBindings(capacity: 2)
/// binds.append(user.email)
/// binds.appendArray([QuoteStatus.sent, .draft])   // SQL: $2::text[]::quote_status[]
/// ```
public struct PostgresBindings: Sendable {
    /// All values' bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// Where each value starts in `bytes`.
    private(set) var offsets: [Int] = []
    /// Each value's length, or -1 for SQL NULL.
    private(set) var lengths: [Int32] = []
    /// Each value's type OID.
    private(set) var types: [PostgresType] = []
    /// The length of the first value too long for the protocol's 32-bit lengths, if any: an execution with these
    /// binds is refused with an error rather than sent (PostgreSQL takes at most 1 GB in a field anyway).
    private(set) var oversizedValueLength: Int?

    /// Creates an empty list.
    public init() {}

    /// Creates an empty list with room for `capacity` values.
    public init(capacity: Int) {
        offsets.reserveCapacity(capacity)
        lengths.reserveCapacity(capacity)
        types.reserveCapacity(capacity)
    }

    /// The number of values.
    public var count: Int {
        types.count
    }

    /// Appends a value.
    public mutating func append<T: PostgresEncodable>(_ value: T) {
        let start = bytes.count
        value.encode(into: &bytes)
        record(start: start, length: bytes.count - start, type: T.postgresType)
    }

    /// Appends a value, or SQL NULL (typed as `T`) when it is nil.
    public mutating func append<T: PostgresEncodable>(_ value: T?) {
        guard let value else {
            record(start: bytes.count, length: -1, type: T.postgresType)
            return
        }
        append(value)
    }

    /// Appends a one-dimensional array of `T.postgresType.arrayType`, e.g. `[Int64]` as `bigint[]`.
    public mutating func appendArray<T: PostgresEncodable>(_ values: [T]) {
        appendArray(values.map { Optional($0) })
    }

    /// Appends a one-dimensional array whose nil elements are SQL NULL.
    public mutating func appendArray<T: PostgresEncodable>(_ values: [T?]) {
        let start = bytes.count
        let elementType = T.postgresType
        bytes.appendBigEndian(Int32(values.isEmpty ? 0 : 1))
        bytes.appendBigEndian(Int32(values.contains { $0 == nil } ? 1 : 0))
        bytes.appendBigEndian(elementType.oid)
        if !values.isEmpty {
            bytes.appendBigEndian(Int32(truncatingIfNeeded: values.count))  // longer: refused, see `record`
            bytes.appendBigEndian(Int32(1))
        }
        for value in values {
            appendArrayElement(value)
        }
        let arrayType = elementType.arrayType ?? PostgresType(oid: 0)
        record(start: start, length: bytes.count - start, type: arrayType)
    }

    private mutating func appendArrayElement<T: PostgresEncodable>(_ value: T?) {
        guard let value else {
            bytes.appendBigEndian(Int32(-1))
            return
        }
        let lengthPosition = bytes.count
        bytes.appendBigEndian(Int32(0))
        value.encode(into: &bytes)
        let length = wireLength(bytes.count - lengthPosition - 4)
        bytes.withUnsafeMutableBytes { buffer in
            buffer.storeBytes(of: length.bigEndian, toByteOffset: lengthPosition, as: Int32.self)
        }
    }

    private mutating func record(start: Int, length: Int, type: PostgresType) {
        offsets.append(start)
        lengths.append(length < 0 ? -1 : wireLength(length))
        types.append(type)
    }

    /// `length` as the protocol's 32-bit length; a longer one is noted in `oversizedValueLength`, never trapped on.
    mutating func wireLength(_ length: Int) -> Int32 {
        if let fitting = Int32(exactly: length) {
            return fitting
        }
        oversizedValueLength = oversizedValueLength ?? length
        return 0
    }

    /// Calls `body` with C arrays for `PQexecPrepared`: values (nil for NULL), lengths and formats (all binary).
    ///
    /// The bytes are lent in place, not copied: a zero-length value at the end points one past the last byte
    /// (never read, libpq only needs a non-nil pointer), and at a local zero byte when there are no bytes at all.
    func withParameterArrays<Result>(
        _ body: ([UnsafePointer<CChar>?], [Int32], [Int32]) throws -> Result
    ) rethrows -> Result {
        guard !bytes.isEmpty else {
            var zero: CChar = 0
            return try withUnsafePointer(to: &zero) { pointer in
                try body(lengths.map { $0 < 0 ? nil : pointer }, lengths, Self.binaryFormats(count))
            }
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let values: [UnsafePointer<CChar>?] = offsets.indices.map { index in
                lengths[index] < 0 ? nil : (base + offsets[index]).assumingMemoryBound(to: CChar.self)
            }
            return try body(values, lengths, Self.binaryFormats(count))
        }
    }

    /// All-binary format codes, shared for the common statement sizes instead of allocated per call.
    private static let sharedFormats = [Int32](repeating: 1, count: 64)

    private static func binaryFormats(_ count: Int) -> [Int32] {
        count <= sharedFormats.count ? sharedFormats : [Int32](repeating: 1, count: count)
    }
}
