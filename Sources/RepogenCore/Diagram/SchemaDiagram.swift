/// The tables, columns and relationships of a resolved schema, as every diagram format draws them.
///
/// Built once from a `Schema`; `mermaid()`, `dot()` and `markdown(schemaFile:)` only spell it out, so the formats
/// cannot disagree about a key, a type or a cardinality.
public struct SchemaDiagram: Hashable, Sendable {
    /// One table: an entity's columns in field order.
    public struct Table: Hashable, Sendable {
        /// The table name (`quotes`).
        public var name: String
        /// The Swift entity name (`Quote`).
        public var entity: String
        /// The entity's documentation comment, if any.
        public var doc: String?
        /// The columns, in field order (behaviour columns where the resolver put them).
        public var columns: [Column]
    }

    /// One column and the keys it takes part in.
    public struct Column: Hashable, Sendable {
        /// The column name (`owner_id`).
        public var name: String
        /// The SQL type as the DDL spells it, except that an enum is named without quotes (`quote_status`).
        public var type: String
        /// The key markers, in the order PK, FK, UK.
        public var keys: [Key]
        /// Whether the column accepts NULL.
        public var isNullable: Bool
    }

    /// A key marker of a column.
    public enum Key: String, Hashable, Sendable {
        /// The primary key.
        case primary = "PK"
        /// A foreign key (`belongs_to`).
        case foreign = "FK"
        /// A single-column unique constraint or unique index without a predicate.
        case unique = "UK"
    }

    /// How many rows one end of a relationship stands for.
    public enum Cardinality: Hashable, Sendable {
        /// Exactly one row.
        case exactlyOne
        /// No row or one.
        case zeroOrOne
        /// Any number of rows.
        case zeroOrMore
    }

    /// One relationship between two tables: a foreign key, or a many-to-many relation through a join table.
    public struct Link: Hashable, Sendable {
        /// The referenced table (a foreign key's target; the declaring table of a many-to-many relation).
        public var parent: String
        /// The referencing table (a foreign key's owner; the related table of a many-to-many relation).
        public var child: String
        /// How many parent rows one child row has.
        public var parentCardinality: Cardinality
        /// How many child rows one parent row has.
        public var childCardinality: Cardinality
        /// The text on the line: the foreign-key column, or the relation names and the join table.
        public var label: String
        /// The foreign-key column of the child; nil for many-to-many.
        public var childColumn: String?
        /// The column of the parent the foreign key references; nil for many-to-many.
        public var parentColumn: String?
    }

    /// An enum's SQL name and its labels in order.
    public struct EnumValues: Hashable, Sendable {
        /// The PostgreSQL type name (`quote_status`).
        public var name: String
        /// The labels, in declaration order.
        public var cases: [String]
    }

    /// The tables, in the schema's entity order.
    public var tables: [Table]
    /// Foreign keys in table and field order, then many-to-many relations in declaration order.
    public var links: [Link]
    /// The enums, in declaration order.
    public var enums: [EnumValues]

    /// Reads the tables, keys and relationships of a resolved schema.
    public init(_ schema: Schema) {
        tables = schema.entities.map { Self.table(for: $0, in: schema) }
        links = schema.entities.flatMap { Self.foreignKeyLinks(of: $0, in: schema) }
            + Self.manyToManyLinks(in: schema)
        enums = schema.enums.map { EnumValues(name: $0.sqlName, cases: $0.cases) }
    }
}

extension SchemaDiagram {
    /// The table of one entity: every column with its display type, keys and nullability.
    static func table(for entity: Entity, in schema: Schema) -> Table {
        let uniqueColumns = singleColumnUniqueIndexes(of: entity)
        let columns = entity.fields.map { field in
            var keys: [Key] = []
            if field.isPrimary { keys.append(.primary) }
            if field.reference != nil { keys.append(.foreign) }
            if !field.isPrimary && (field.isUnique || uniqueColumns.contains(field.column)) { keys.append(.unique) }
            return Column(name: field.column, type: displayType(of: field.type, in: schema), keys: keys,
                          isNullable: field.isOptional)
        }
        return Table(name: entity.table, entity: entity.name, doc: entity.doc, columns: columns)
    }

    /// The columns a unique index without a predicate covers alone: those are unique keys.
    static func singleColumnUniqueIndexes(of entity: Entity) -> Set<String> {
        Set(entity.indexes.filter { $0.isUnique && $0.predicate == nil && $0.columns.count == 1 }
            .map { $0.columns[0].column })
    }

    /// The SQL type, with an enum named bare: a diagram shows names, and the DDL's quoting of a reserved word
    /// would only be escaped again.
    static func displayType(of type: FieldType, in schema: Schema) -> String {
        guard case .enumeration(let name) = type else { return type.sqlType(in: schema) }
        return schema.enumType(named: name)?.sqlName ?? Naming.snakeCase(name)
    }

    /// One link per `belongs_to` field: optional means the parent may be absent; a unique foreign key or a
    /// `has_one` on the parent means at most one child.
    static func foreignKeyLinks(of entity: Entity, in schema: Schema) -> [Link] {
        let uniqueColumns = singleColumnUniqueIndexes(of: entity)
        return entity.fields.compactMap { field in
            guard let reference = field.reference else { return nil }
            let parent = schema.entity(named: reference.entity)
            let isHasOne = parent?.relations.contains {
                $0.kind == .hasOne && $0.entity == entity.name && $0.foreignKey == field.column
            } ?? false
            let isSingle = field.isPrimary || field.isUnique || uniqueColumns.contains(field.column) || isHasOne
            return Link(
                parent: parent?.table ?? reference.table, child: entity.table,
                parentCardinality: field.isOptional ? .zeroOrOne : .exactlyOne,
                childCardinality: isSingle ? .zeroOrOne : .zeroOrMore, label: field.column,
                childColumn: field.column, parentColumn: reference.column)
        }
    }

    /// One link per pair of entities joined many-to-many through one join entity: a relation and its inverse
    /// share the line, which names both.
    static func manyToManyLinks(in schema: Schema) -> [Link] {
        struct Pair: Hashable {
            var ends: Set<String>
            var through: String
        }
        var order: [Pair] = []
        var groups: [Pair: (parent: String, child: String, names: [String], join: String)] = [:]
        for entity in schema.entities {
            for relation in entity.relations where relation.kind == .manyToMany {
                guard let target = schema.entity(named: relation.entity),
                      let through = relation.through.flatMap(schema.entity(named:)) else { continue }
                let pair = Pair(ends: [entity.name, target.name], through: through.name)
                if groups[pair] == nil {
                    order.append(pair)
                    groups[pair] = (entity.table, target.table, [], through.table)
                }
                groups[pair]?.names.append(relation.name)
            }
        }
        return order.compactMap { groups[$0] }.map { group in
            Link(parent: group.parent, child: group.child, parentCardinality: .zeroOrMore,
                 childCardinality: .zeroOrMore, label: group.names.joined(separator: " / ") + " via " + group.join)
        }
    }
}
