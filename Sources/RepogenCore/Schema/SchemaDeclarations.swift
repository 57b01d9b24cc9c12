/// A value read from the schema, with where its value and its key were written.
struct Located<Value> {
    var value: Value
    /// Where the value node starts.
    var location: SourceLocation
    /// Where the key that introduced the value starts (the value's own location when there is no key).
    var keyLocation: SourceLocation
}

extension Located: Sendable where Value: Sendable {}

/// One key/value pair of a mapping whose key is a scalar.
struct MappingEntry {
    var key: String
    var keyLocation: SourceLocation
    var value: YAMLNode

    /// The value wrapped with both locations.
    func located<Value>(_ value: Value) -> Located<Value> {
        Located(value: value, location: self.value.location, keyLocation: keyLocation)
    }
}

/// A `default:` as written: its text and whether it was a plain (unquoted) scalar.
struct DefaultSpelling {
    var text: String
    var isPlain: Bool
}

/// What the top-level mapping declares, before names and references are resolved.
struct SchemaDeclaration {
    var version = 1
    var enums: [EnumType] = []
    var entities: [EntityDeclaration] = []
    /// `acknowledge:` items, already checked for shape.
    var acknowledgements: [Acknowledgement] = []
}

/// One entity as written.
struct EntityDeclaration {
    var name: Located<String>
    var table: Located<String>?
    var fields: [FieldDeclaration] = []
    /// Whether `fields:` was given as a mapping (possibly empty).
    var hasFieldMapping = false
    /// Whether some field could not be read at all (its error is already reported).
    var hasMalformedFields = false
    var indexes: [IndexDeclaration] = []
    var doc: Located<String>?
    var renamedFrom: Located<String>?
    var behaviours = BehaviourDeclarations()
    var relations: [RelationDeclaration] = []
    var finders: [FinderDeclaration] = []
    /// `cache:`, when the entity's rows are cached.
    var cache: CacheDeclaration?
    /// `search:`, when the entity has full-text search.
    var search: SearchDeclaration?
}

/// One field as written; every optional key keeps its own locations.
struct FieldDeclaration {
    var name: Located<String>
    var type: Located<String>?
    var belongsTo: Located<String>?
    var maxLength: Located<Int>?
    var precision: Located<Int>?
    var scale: Located<Int>?
    var isPrimary: Located<Bool>?
    var isOptional: Located<Bool>?
    var isUnique: Located<Bool>?
    var defaultValue: Located<DefaultSpelling>?
    var onDelete: Located<ReferentialAction>?
    var doc: Located<String>?
    var renamedFrom: Located<String>?
    /// Where the keys the resolver asks about were written, even when their values were rejected.
    var keyLocations = FieldKeyLocations()
    /// Whether the definition held a key the language does not know (likely a misspelt `type`).
    var hasUnknownKeys = false

    /// Whether `primary: true` was given.
    var primary: Bool { isPrimary?.value == true }
    /// Whether `optional: true` was given.
    var optional: Bool { isOptional?.value == true }

    /// The column: the key, plus `_id` for a `belongs_to` whose key does not end with `_id` already.
    var column: String {
        guard belongsTo != nil, !name.value.hasSuffix("_id") else { return name.value }
        return name.value + "_id"
    }
}

/// Where `max`, `precision`, `scale` and `primary` were written in a field definition: the keys whose presence
/// the resolver checks apart from their values. Four stored locations, not a dictionary per field; other keys
/// are not kept.
struct FieldKeyLocations {
    private var max: SourceLocation?
    private var precision: SourceLocation?
    private var scale: SourceLocation?
    private var primary: SourceLocation?

    /// The location of `key`; setting one of the other keys does nothing.
    subscript(key: String) -> SourceLocation? {
        get {
            switch key {
            case "max": max
            case "precision": precision
            case "scale": scale
            case "primary": primary
            default: nil
            }
        }
        set {
            switch key {
            case "max": max = newValue
            case "precision": precision = newValue
            case "scale": scale = newValue
            case "primary": primary = newValue
            default: break
            }
        }
    }
}

/// One index as written.
struct IndexDeclaration {
    var location: SourceLocation
    var columns: [Located<String>] = []
    var isUnique: Located<Bool>?
    var name: Located<String>?
    /// `where:`, the predicate of a partial index, as written.
    var predicate: Located<String>?
    /// `using:`, the access method.
    var method: Located<IndexMethod>?
}

/// The behaviour keys of an entity as written.
struct BehaviourDeclarations {
    var softDelete: Located<Bool>?
    var versioned: Located<Bool>?
    var audited: Located<Bool>?
    var timestamps: Located<Bool>?
    var appendOnly: Located<Bool>?
    /// `tenant: FIELD`, a field or column name.
    var tenant: Located<String>?
}

/// One `has_many` or `has_one` entry as written.
struct RelationDeclaration {
    var name: Located<String>
    /// `has_many` or `has_one`; many-to-many is a `has_many` with `through`.
    var isMany: Bool
    var entity: Located<String>?
    var by: Located<String>?
    var through: Located<String>?
}

/// One `finders:` item as written.
struct FinderDeclaration {
    var location: SourceLocation
    var name: Located<String>?
    var by: [Located<String>] = []
    var order: [Located<String>] = []
    var isUnique: Located<Bool>?
}
