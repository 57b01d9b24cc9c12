import Foundation

/// Keyset pages in memory: the same rules as on PostgreSQL (one direction for every key, no NULL key), with a
/// cursor of the in-memory store's own (it is opaque, and only valid for the backend that made it).
extension InMemoryRepository {
    /// Up to `limit` rows after `cursor`, in `orderBy` then primary-key order.
    public func page(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], after cursor: Cursor?, limit: Int,
        includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching
    ) async throws -> KeysetPage<Entity> {
        let limit = try SQLBuilder.nonNegative(limit, "limit")
        let descending = orderBy.first?.isDescending ?? false
        guard orderBy.allSatisfy({ $0.isDescending == descending }) else {
            throw RepogenError(
                kind: .invalidConfiguration, message: "keyset pagination needs every sort key in the same direction")
        }
        let primaryKey = table.primaryKey
        let keys = orderBy.filter { $0.column != primaryKey }.map(\.column) + [primaryKey]
        let after = try cursor.map { try $0.position(for: keys).values }
        let ordering = keys.map { Ordering<Entity>(quoted: $0, sqlType: "", isDescending: descending) }
        let rows = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        let (items, next) = try await context.statement { state, _ in
            var sorted = try matching(predicate, orderBy: ordering, limit: nil, offset: 0, rows, in: state)
            if let after {
                sorted = try sorted.filter { try Self.follows($0, keys, after, descending: descending) }
            }
            return (Array(sorted.prefix(limit)), sorted.count > limit)
        }
        guard next, let last = items.last else { return KeysetPage(items: try entities(items), nextCursor: nil) }
        let values = try keys.map { key in
            guard let text = last[key].cursorText else {
                throw RepogenError(kind: .invalidConfiguration, message: "a keyset sort key was NULL")
            }
            return text
        }
        return KeysetPage(items: try entities(items), nextCursor: try Cursor(Cursor.Position(columns: keys, values: values)))
    }

    /// Whether `row` comes after the cursor's values: the row-value comparison `(keys) > (values)` (`<` when
    /// descending); a NULL key makes it unknown, so the row is left out, as in SQL.
    static func follows(_ row: InMemoryRow, _ keys: [String], _ values: [String], descending: Bool) throws -> Bool {
        for (key, text) in zip(keys, values) {
            let value = row[key]
            guard !value.isNull else { return false }
            guard let order = try InMemoryValue.compare(value, try value.fromCursorText(text)) else { return false }
            if order != 0 { return descending ? order < 0 : order > 0 }
        }
        return false
    }
}

extension InMemoryValue {
    /// The value as a keyset cursor holds it; nil for NULL.
    var cursorText: String? {
        switch self {
        case .null: return nil
        case .bool(let value): return value ? "t" : "f"
        case .integer(let value): return String(value)
        case .double(let value): return String(value.bitPattern)
        case .decimal(let value): return value.description
        case .text(let value): return value
        case .uuid(let value): return value.uuidString
        case .timestamp(let value): return String(value)
        case .date(let value): return String(value.daysSince2000)
        case .json: return "json"
        case .bytes(let value): return value.map { String($0) }.joined(separator: ",")
        case .enumLabel(let label, let ordinal): return "\(ordinal):\(label)"
        }
    }

    /// A value of this value's type read back from `cursorText`; throws for a cursor of another query.
    func fromCursorText(_ text: String) throws -> InMemoryValue {
        let value: InMemoryValue?
        switch self {
        case .null, .json: value = nil
        case .bool: value = .bool(text == "t")
        case .integer: value = Int64(text).map(InMemoryValue.integer)
        case .double: value = UInt64(text).map { .double(Double(bitPattern: $0)) }
        case .decimal: value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map(InMemoryValue.decimal)
        case .text: value = .text(text)
        case .uuid: value = UUID(uuidString: text).map(InMemoryValue.uuid)
        case .timestamp: value = Int64(text).map(InMemoryValue.timestamp)
        case .date: value = Int32(text).map { .date(CalendarDate(daysSince2000: $0)) }
        case .bytes: value = .bytes(text.split(separator: ",").compactMap { UInt8($0) })
        case .enumLabel:
            let parts = text.split(separator: ":", maxSplits: 1)
            value = parts.count == 2 ? Int(parts[0]).map { .enumLabel(String(parts[1]), ordinal: $0) } : nil
        }
        guard let value else {
            throw RepogenError(
                kind: .invalidConfiguration, message: "the cursor does not belong to a query with this ordering")
        }
        return value
    }
}
