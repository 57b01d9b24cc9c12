/// A validated data model: what `schema.yaml` describes once every name and reference is resolved.
public struct Schema: Hashable, Sendable, Codable {
    /// The schema language version (`version:` at the top of the file).
    public var version: Int
    /// Declared enumerations, in source order.
    public var enums: [EnumType]
    /// Declared entities, in source order.
    public var entities: [Entity]
    /// Risky migration steps the author has acknowledged (`acknowledge:`).
    public var acknowledgements: [Acknowledgement]

    /// Creates a schema from its parts.
    public init(
        version: Int = 1, enums: [EnumType] = [], entities: [Entity] = [], acknowledgements: [Acknowledgement] = []
    ) {
        self.version = version
        self.enums = enums
        self.entities = entities
        self.acknowledgements = acknowledgements
    }

    /// The entity with this Swift name, if any.
    public func entity(named name: String) -> Entity? {
        entities.first { $0.name == name }
    }

    /// The enum with this Swift name, if any.
    public func enumType(named name: String) -> EnumType? {
        enums.first { $0.name == name }
    }
}

/// A declared enumeration: a PostgreSQL enum type and a Swift `String`-backed enum.
public struct EnumType: Hashable, Sendable, Codable {
    /// The Swift type name, PascalCase (`QuoteStatus`).
    public var name: String
    /// The PostgreSQL type name, snake_case (`quote_status`).
    public var sqlName: String
    /// The labels, in declaration order (also their order in PostgreSQL).
    public var cases: [String]
    /// Where the enum is declared.
    public var location: SourceLocation
    /// The documentation comment (`doc:`), if any.
    public var doc: String?

    /// Creates an enum type.
    public init(name: String, sqlName: String, cases: [String], location: SourceLocation, doc: String? = nil) {
        self.name = name
        self.sqlName = sqlName
        self.cases = cases
        self.location = location
        self.doc = doc
    }
}

/// A table and its Swift entity.
public struct Entity: Hashable, Sendable, Codable {
    /// The Swift type name, PascalCase (`Quote`).
    public var name: String
    /// The table name (`quotes`).
    public var table: String
    /// The fields in declaration order; exactly one is primary.
    public var fields: [Field]
    /// Declared indexes, in declaration order.
    public var indexes: [Index]
    /// Where the entity is declared.
    public var location: SourceLocation
    /// Opt-in behaviours (soft delete, versioning, auditing, timestamps, tenant, append-only).
    public var behaviours: EntityBehaviours
    /// Inverse and many-to-many relations (`has_many`, `has_one`).
    public var relations: [Relation]
    /// Declared query shapes (`finders:`).
    public var finders: [Finder]
    /// The documentation comment (`doc:`), if any.
    public var doc: String?
    /// The table's previous name (`renamed_from:`), so a migration renames rather than drops and creates.
    public var renamedFrom: String?
    /// How rows are cached (`cache:`), nil when they are not.
    public var cache: EntityCache?
    /// Full-text search (`search:`), nil when the entity has none.
    public var search: EntitySearch?

    /// Creates an entity.
    public init(
        name: String, table: String, fields: [Field], indexes: [Index], location: SourceLocation,
        behaviours: EntityBehaviours = .init(), relations: [Relation] = [], finders: [Finder] = [],
        doc: String? = nil, renamedFrom: String? = nil
    ) {
        self.name = name
        self.table = table
        self.fields = fields
        self.indexes = indexes
        self.location = location
        self.behaviours = behaviours
        self.relations = relations
        self.finders = finders
        self.doc = doc
        self.renamedFrom = renamedFrom
    }

    /// The field playing `role`, if the entity has one.
    public func field(withRole role: FieldRole) -> Field? {
        fields.first { $0.role == role }
    }

    /// The field stored in `column`, if any.
    public func field(forColumn column: String) -> Field? {
        fields.first { $0.column == column }
    }

    /// The primary key field; validation guarantees there is one.
    public var primaryKey: Field {
        guard let key = fields.first(where: \.isPrimary) else {
            preconditionFailure("entity \(name) was validated without a primary key")
        }
        return key
    }
}
