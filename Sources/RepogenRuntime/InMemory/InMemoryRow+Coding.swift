import Foundation

/// Converting stored rows to generated entities (the generated in-memory repositories call these).
extension InMemoryRow {
    /// The value of `column` as `type`; `unexpectedNull` for NULL, `decodingFailed` for another type.
    public func decode<T>(_ column: String, as type: T.Type) throws -> T {
        guard let value = try decodeIfPresent(column, as: type) else {
            throw RepogenError(kind: .unexpectedNull, message: "column \(column) is NULL")
        }
        return value
    }

    /// The value of `column` as `type`, nil for NULL.
    public func decode<T>(_ column: String, as type: T?.Type) throws -> T? {
        try decodeIfPresent(column, as: T.self)
    }

    func decodeIfPresent<T>(_ column: String, as type: T.Type) throws -> T? {
        let stored = self[column]
        if stored.isNull { return nil }
        guard let value = Self.convert(stored, to: type) else {
            throw RepogenError.decoding("stored \(stored.typeName) in \(column) is not a \(T.self)")
        }
        return value
    }

    static func convert<T>(_ stored: InMemoryValue, to type: T.Type) -> T? {
        switch stored {
        case .null: return nil
        case .bool(let value): return value as? T
        case .integer(let value):
            if T.self == Int32.self { return Int32(exactly: value) as? T }
            if T.self == Int.self { return Int(exactly: value) as? T }
            return value as? T
        case .double(let value): return value as? T
        case .decimal(let value): return value as? T
        case .text(let value): return value as? T
        case .uuid(let value): return value as? T
        case .timestamp(let micros): return Date(postgresMicroseconds: micros) as? T
        case .date(let value): return value as? T
        case .json(let value): return value as? T
        case .bytes(let value): return value as? T
        case .enumLabel(let label, _):
            guard let enumType = T.self as? any PostgresEnum.Type else { return nil }
            return enumCase(enumType, label) as? T
        }
    }

    private static func enumCase<E: PostgresEnum>(_ type: E.Type, _ label: String) -> E? {
        E(rawValue: label)
    }
}
