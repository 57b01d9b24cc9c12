/// The behaviours an entity opts into; the resolver adds the columns they need as ordinary fields
/// (with a `FieldRole`), so DDL, diffs and codegen treat them like any other column.
public struct EntityBehaviours: Hashable, Sendable, Codable {
    /// `soft_delete: true`: a nullable `deleted_at`; deletes set it and finders skip such rows.
    public var softDelete: Bool
    /// `versioned: true`: a `version` column for optimistic locking.
    public var versioned: Bool
    /// `audited: true`: every write appends to the audit trail in the same transaction.
    public var audited: Bool
    /// `timestamps: true`: `created_at` and `updated_at`, maintained by the repository.
    public var timestamps: Bool
    /// `tenant: FIELD`: the column every statement of the entity is scoped by.
    public var tenantColumn: String?
    /// `append_only: true`: no update or delete is generated.
    public var appendOnly: Bool

    /// Creates behaviours; everything is off by default.
    public init(
        softDelete: Bool = false, versioned: Bool = false, audited: Bool = false, timestamps: Bool = false,
        tenantColumn: String? = nil, appendOnly: Bool = false
    ) {
        self.softDelete = softDelete
        self.versioned = versioned
        self.audited = audited
        self.timestamps = timestamps
        self.tenantColumn = tenantColumn
        self.appendOnly = appendOnly
    }
}

/// The part a field plays for an entity behaviour.
public enum FieldRole: String, Hashable, Sendable, Codable {
    /// `deleted_at` of a soft-deleted entity.
    case softDelete
    /// `version` of a versioned entity.
    case version
    /// `created_at` of an entity with timestamps.
    case createdAt
    /// `updated_at` of an entity with timestamps.
    case updatedAt
    /// The tenant column of a tenant-scoped entity.
    case tenant
}

/// An inverse or many-to-many relation, named on the entity that declares it.
///
/// ```yaml
/// has_many:
///   quotes: { entity: Quote, by: owner }                 # Quote.owner belongs_to User
///   tags:   { entity: Tag, through: QuoteTag }          # many-to-many through a join entity
/// has_one:
///   profile: { entity: Profile, by: user }
/// ```
public struct Relation: Hashable, Sendable, Codable {
    /// Whether the relation yields many rows, one row, or many rows through a join entity.
    public enum Kind: String, Hashable, Sendable, Codable {
        case hasMany = "has_many"
        case hasOne = "has_one"
        case manyToMany = "many_to_many"
    }

    /// The relation's name (`quotes`), snake_case; its Swift name is `swiftName`.
    public var name: String
    /// The Swift property name (`quotes`).
    public var swiftName: String
    /// The kind of relation.
    public var kind: Kind
    /// The related entity's Swift name.
    public var entity: String
    /// The foreign-key column on the related entity (has_many, has_one) or on the join entity pointing
    /// back at this entity (many_to_many).
    public var foreignKey: String
    /// The join entity, for many-to-many.
    public var through: String?
    /// The join entity's foreign-key column pointing at the related entity, for many-to-many.
    public var targetKey: String?
    /// Where the relation is declared.
    public var location: SourceLocation

    /// Creates a relation.
    public init(
        name: String, swiftName: String, kind: Kind, entity: String, foreignKey: String,
        through: String? = nil, targetKey: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.swiftName = swiftName
        self.kind = kind
        self.entity = entity
        self.foreignKey = foreignKey
        self.through = through
        self.targetKey = targetKey
        self.location = location
    }
}

/// A declared query shape that becomes a named repository method.
///
/// ```yaml
/// finders:
///   - { name: byEmail, by: [email], unique: true }            # findByEmail(_:) -> User?
///   - { name: byOwner, by: [owner_id], order: [created_at desc] }  # findByOwner(_:page:) -> [Quote]
/// ```
public struct Finder: Hashable, Sendable, Codable {
    /// The name as written (`byEmail`); the method is `find` + its PascalCase (`findByEmail`).
    public var name: String
    /// The columns compared for equality, in parameter order.
    public var columns: [String]
    /// The sort of a list finder.
    public var order: [IndexColumn]
    /// Whether at most one row matches (the method returns an optional row rather than a list).
    public var isUnique: Bool
    /// Where the finder is declared.
    public var location: SourceLocation

    /// Creates a finder.
    public init(name: String, columns: [String], order: [IndexColumn], isUnique: Bool, location: SourceLocation) {
        self.name = name
        self.columns = columns
        self.order = order
        self.isUnique = isUnique
        self.location = location
    }
}

/// The access method of an index.
public enum IndexMethod: String, Hashable, Sendable, Codable, CaseIterable {
    case btree, gin, brin, hash
}

/// A risky migration step the schema's author has acknowledged, so the migration lint lets it through.
///
/// ```yaml
/// acknowledge:
///   - { drop_column: quotes.legacy_notes }
///   - { narrow_type: quotes.title }
/// ```
public struct Acknowledgement: Hashable, Sendable, Codable {
    /// The kinds of risky change that can be acknowledged.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case dropTable = "drop_table"
        case dropColumn = "drop_column"
        case narrowType = "narrow_type"
        case setNotNull = "set_not_null"
        case dropEnumValue = "drop_enum_value"
        case dropIndex = "drop_index"
        case rewriteTable = "rewrite_table"
    }

    /// What kind of change is acknowledged.
    public var kind: Kind
    /// What it applies to: `table`, `table.column`, `enum_sql_name.label` or an index name.
    public var target: String
    /// Where the acknowledgement is written.
    public var location: SourceLocation

    /// Creates an acknowledgement.
    public init(kind: Kind, target: String, location: SourceLocation) {
        self.kind = kind
        self.target = target
        self.location = location
    }
}
