import Foundation

/// SQL comparison of stored values, as a database created with `--locale=C` compares them: text and bytes in
/// byte order, UUIDs by their bytes, enums by declaration order, NaN equal to itself and above every number.
extension InMemoryValue {
    /// The order of `lhs` and `rhs` (-1, 0, 1), nil when either is NULL (SQL's unknown); throws
    /// `unsupportedInMemory` for values PostgreSQL orders by rules the doubles do not model (`jsonb` ordering).
    public static func compare(_ lhs: InMemoryValue, _ rhs: InMemoryValue) throws -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null): return nil
        case let (.bool(a), .bool(b)): return order(a ? 1 : 0, b ? 1 : 0)
        case let (.integer(a), .integer(b)): return order(a, b)
        case let (.double(a), .double(b)): return orderDoubles(a, b)
        case let (.decimal(a), .decimal(b)): return a == b ? 0 : a < b ? -1 : 1
        case let (.integer(a), .decimal(b)): return try compare(.decimal(Decimal(a)), .decimal(b))
        case let (.decimal(a), .integer(b)): return try compare(.decimal(a), .decimal(Decimal(b)))
        case let (.text(a), .text(b)): return orderBytes(Array(a.utf8), Array(b.utf8))
        case let (.uuid(a), .uuid(b)): return orderBytes(bytes(of: a), bytes(of: b))
        case let (.timestamp(a), .timestamp(b)): return order(a, b)
        case let (.date(a), .date(b)): return order(a.daysSince2000, b.daysSince2000)
        case let (.bytes(a), .bytes(b)): return orderBytes(a, b)
        case let (.enumLabel(_, a), .enumLabel(_, b)): return order(a, b)
        case let (.json(a), .json(b)) where JSONContainment.same(a, b): return 0
        default:
            throw RepogenError.unsupportedInMemory("comparing \(lhs.typeName) with \(rhs.typeName)")
        }
    }

    /// SQL `=`: nil when either is NULL.
    public static func equals(_ lhs: InMemoryValue, _ rhs: InMemoryValue) throws -> Bool? {
        if case let (.json(a), .json(b)) = (lhs, rhs) { return JSONContainment.same(a, b) }
        return try compare(lhs, rhs).map { $0 == 0 }
    }

    /// The key two values share when a unique constraint or `DISTINCT` would treat them as equal (NaN = NaN,
    /// `-0.0` = `0.0`, `1.0` = `1.00`); NULL has none, as NULLs never collide in a unique constraint. Text keys
    /// are its UTF-8 bytes and a `jsonb` document's its compact text (keys sorted, `1` = `1.0`): Swift's `==` holds
    /// canonically equivalent strings (`"é"`, `"e\u{301}"`) equal, and PostgreSQL, comparing bytes, does not.
    var distinctKey: InMemoryValue? {
        switch self {
        case .null: return nil
        case .text(let value): return .bytes(Array(value.utf8))
        case .json(let value): return .bytes(Array(value.jsonText.utf8))
        case .double(let value) where value.isNaN: return .double(.nan)
        case .double(let value) where value == 0: return .double(0)
        case .decimal(let value): return .decimal(value)  // Decimal's == and hash ignore trailing zeros
        default: return self
        }
    }

    /// The name of the value's SQL type, for messages.
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .bool: "boolean"
        case .integer: "bigint"
        case .double: "double precision"
        case .decimal: "numeric"
        case .text: "text"
        case .uuid: "uuid"
        case .timestamp: "timestamptz"
        case .date: "date"
        case .json: "jsonb"
        case .bytes: "bytea"
        case .enumLabel: "enum"
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a == b ? 0 : a < b ? -1 : 1
    }

    /// PostgreSQL's float order: NaN equals NaN and sorts above every other value.
    private static func orderDoubles(_ a: Double, _ b: Double) -> Int {
        switch (a.isNaN, b.isNaN) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return order(a, b)
        }
    }

    private static func orderBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return order(a.count, b.count)
    }

    private static func bytes(of uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}
