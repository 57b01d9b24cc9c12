/// `jsonb` containment and key existence as PostgreSQL defines them (`@>`, `<@`, `?`).
enum JSONContainment {
    /// `column @> document`.
    static func condition(_ column: String, contains document: JSONValue) -> InMemoryCondition {
        { row in try json(row[column]).map { contains($0, document, topLevel: true) } }
    }

    /// `column <@ document`.
    static func condition(_ column: String, isContainedIn document: JSONValue) -> InMemoryCondition {
        { row in try json(row[column]).map { contains(document, $0, topLevel: true) } }
    }

    /// `column ? key`: a top-level object key, a top-level array's string element, or the string itself.
    static func condition(_ column: String, hasKey key: String) -> InMemoryCondition {
        { row in
            try json(row[column]).map { value in
                switch value {
                case .object(let members): return member(of: members, key) != nil
                case .array(let elements): return elements.contains { same($0, .string(key)) }
                case .string(let text): return text.utf8.elementsEqual(key.utf8)
                default: return false
                }
            }
        }
    }

    static func json(_ value: InMemoryValue) throws -> JSONValue? {
        switch value {
        case .null: return nil
        case .json(let document): return document
        case let other: throw RepogenError.unsupportedInMemory("a JSON operator on a \(other.typeName) column")
        }
    }

    /// Whether `container` contains `contained`: objects by key (recursively), arrays when every element of the
    /// contained array is contained in some element (a top-level array also contains a scalar it holds), scalars
    /// when equal.
    static func contains(_ container: JSONValue, _ contained: JSONValue, topLevel: Bool = false) -> Bool {
        switch (container, contained) {
        case let (.object(outer), .object(inner)):
            return inner.allSatisfy { key, value in member(of: outer, key).map { contains($0, value) } ?? false }
        case let (.array(outer), .array(inner)):
            return inner.allSatisfy { element in outer.contains { contains($0, element) } }
        case let (.array(outer), scalar) where topLevel && !scalar.isContainer:
            return outer.contains { same($0, scalar) }
        default:
            return same(container, contained)
        }
    }

    /// The member of `members` whose key has `key`'s bytes: `jsonb` compares keys byte by byte, where Swift's
    /// `String` equality would also match another normalization of the same text.
    static func member(of members: [String: JSONValue], _ key: String) -> JSONValue? {
        members[key].flatMap { _ in members.first { $0.key.utf8.elementsEqual(key.utf8) }?.value }
    }

    /// Equality as `jsonb` has it: strings (and object keys) by their bytes, everything else as `==`.
    static func same(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(left), .string(right)):
            return left.utf8.elementsEqual(right.utf8)
        case let (.array(left), .array(right)):
            return left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
        case let (.object(left), .object(right)):
            return left.count == right.count && left.allSatisfy { key, value in
                member(of: right, key).map { same(value, $0) } ?? false
            }
        default:
            return lhs == rhs
        }
    }
}

extension JSONValue {
    /// Whether the value is an object or an array.
    var isContainer: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }
}
