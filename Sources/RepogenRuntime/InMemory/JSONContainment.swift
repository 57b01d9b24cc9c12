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
                case .object(let members): return members[key] != nil
                case .array(let elements): return elements.contains(.string(key))
                case .string(let text): return text == key
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
            return inner.allSatisfy { key, value in outer[key].map { contains($0, value) } ?? false }
        case let (.array(outer), .array(inner)):
            return inner.allSatisfy { element in outer.contains { contains($0, element) } }
        case let (.array(outer), scalar) where topLevel && !scalar.isContainer:
            return outer.contains(scalar)
        default:
            return container == contained
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
