/// A schema as the generator builds it: every key of the schema language, each optional so a key can be left out.
///
/// Values are kept as the text they are written with; `YAMLWriter` decides how each is quoted. The model is
/// deliberately looser than the reader (any name, any default text) so hostile input reaches the reader as written.
struct SchemaModel: Sendable {
    var enums: [EnumModel] = []
    var entities: [EntityModel] = []
    /// `acknowledge:` entries as (kind, target).
    var acknowledgements: [(kind: String, target: String)] = []

    /// The index of the entity named `name`.
    func entityIndex(named name: String) -> Int? {
        entities.firstIndex { $0.name == name }
    }
}

/// One `enums:` entry, in list form or `{ values:, doc: }` form.
struct EnumModel: Sendable {
    var name: String
    var values: [String]
    var doc: String?
}

/// One entity with every entity key.
struct EntityModel: Sendable {
    var name: String
    var table: String?
    var doc: String?
    var renamedFrom: String?
    var softDelete: Bool?
    var versioned: Bool?
    var audited: Bool?
    var timestamps: Bool?
    var appendOnly: Bool?
    var tenant: String?
    var cache: CacheModel?
    var fields: [FieldModel] = []
    var indexes: [IndexModel] = []
    var finders: [FinderModel] = []
    var hasMany: [RelationModel] = []
    var hasOne: [RelationModel] = []
}

/// `cache: { ttl:, tier:, queries: }`; `queries` is either one number or per kind.
struct CacheModel: Sendable {
    var ttl: Int?
    var tier: String?
    var queriesAll: Int?
    var queries: [(kind: String, seconds: Int)] = []
}

/// One field with every field key.
struct FieldModel: Sendable {
    var name: String
    var type: String?
    var belongsTo: String?
    var onDelete: String?
    var primary: Bool?
    var optional: Bool?
    var unique: Bool?
    /// The default as written; `isText` quotes it (a string literal), otherwise it is written plain.
    var defaultValue: String?
    var defaultIsText = false
    var max: Int?
    var precision: Int?
    var scale: Int?
    var doc: String?
    var renamedFrom: String?

    /// The column the reader derives: `KEY_id` for a `belongs_to`, else the key.
    var column: String { belongsTo == nil ? name : name + "_id" }
}

/// One index with every index key; columns may carry ` desc` / ` asc`.
struct IndexModel: Sendable {
    var columns: [String]
    var unique: Bool?
    var name: String?
    var predicate: String?
    var using: String?
}

/// One finder.
struct FinderModel: Sendable {
    var name: String
    var by: [String]
    var order: [String]?
    var unique: Bool?
}

/// One `has_many` / `has_one` relation.
struct RelationModel: Sendable {
    var name: String
    var entity: String
    var by: String?
    var through: String?
}
