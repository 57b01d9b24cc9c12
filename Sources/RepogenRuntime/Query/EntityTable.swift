/// A generated entity the query builder can read and write: its table, columns and decoder.
public protocol QueryableEntity: Sendable {
    /// The table's shape, generated from the schema.
    static var entityTable: EntityTable { get }
    /// Decodes a row whose columns are in declaration order.
    static func decode(_ row: PostgresRow) throws -> Self
    /// Which fields the columns, constraints and limits belong to, so errors name fields (`FieldCatalog.empty`).
    static var fieldCatalog: FieldCatalog { get }
    /// Every column under its Swift field name and schema name, for `column(named:)`; empty by default.
    static var namedColumns: [AnyColumn<Self>] { get }
}

extension QueryableEntity {
    /// No field is known: errors of a hand-written entity carry constraint and column names only.
    public static var fieldCatalog: FieldCatalog {
        .empty
    }
}

/// What the runtime needs to know about a table to build queries on it; every name comes from the schema.
public struct EntityTable: Sendable {
    /// The entity's Swift name, as written to the audit trail (`Quote`).
    public let entity: String
    /// The quoted table name.
    public let table: String
    /// The quoted columns in declaration order; rows are decoded in this order.
    public let columns: [String]
    /// The quoted primary key column.
    public let primaryKey: String
    /// The primary key's SQL type, for casting a keyset cursor's value back.
    public let primaryKeyType: String
    /// The quoted `deleted_at` column of a soft-deleted entity, nil otherwise.
    public let deletedAt: String?
    /// Assignments every write adds (`"updated_at" = now()`, `"version" = "version" + 1`).
    public let managedAssignments: [String]
    /// Where writes are audited, nil when the entity is not `audited`.
    public let audit: AuditTable?
    /// The quoted tenant column and its SQL type (`tenant: FIELD`), nil when the entity is not tenant-scoped.
    public let tenant: (column: String, sqlType: String)?
    /// The unquoted full-text search column (`search:`), nil when none; never decoded, and left out of audit images.
    public let searchColumn: String?

    /// Creates a description; generated code calls this. Every SQL text is a `StaticString`: only literals
    /// written in the source (the generated ones) become SQL.
    public init(
        entity: String, table: StaticString, columns: [StaticString], primaryKey: StaticString,
        primaryKeyType: StaticString, deletedAt: StaticString?, managedAssignments: [StaticString],
        audit: AuditTable?, tenant: (column: StaticString, sqlType: StaticString)? = nil,
        searchColumn: StaticString? = nil
    ) {
        self.tenant = tenant.map { ($0.column.description, $0.sqlType.description) }
        self.searchColumn = searchColumn?.description
        self.entity = entity
        self.table = table.description
        self.columns = columns.map(\.description)
        self.primaryKey = primaryKey.description
        self.primaryKeyType = primaryKeyType.description
        self.deletedAt = deletedAt?.description
        self.managedAssignments = managedAssignments.map(\.description)
        self.audit = audit
    }

    /// The unquoted column names in declaration order, as a result names them (`PQfname`); see `decodeRows(as:)`.
    public var columnNames: [String] {
        columns.map(Self.unquoted)
    }

    /// `"name"` → `name`; an unquoted name stays as it is.
    static func unquoted(_ quoted: String) -> String {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else { return quoted }
        return String(quoted.dropFirst().dropLast()).replacing("\"\"", with: "\"")
    }

    /// The select list.
    var selectList: String {
        columns.joined(separator: ", ")
    }

    /// `to_jsonb(alias)`, without the search column when there is one: the audit image of a whole row.
    func image(_ alias: String) -> String {
        guard let searchColumn else { return "to_jsonb(\(alias))" }
        return "(to_jsonb(\(alias)) - '\(searchColumn)')"
    }
}

/// The audit table audited writes append to, with its quoted columns (see docs/queries.md).
public struct AuditTable: Sendable {
    /// The quoted audit table.
    public let table: String
    /// The quoted actor column and its SQL type, nil when the table has no actor.
    public let actor: (column: String, sqlType: String)?
    /// The quoted action column.
    public let action: String
    /// The action column's SQL type (`audit_action` or `text`).
    public let actionType: String
    /// The quoted entity-name column.
    public let entity: String
    /// The quoted entity-key column (text).
    public let entityID: String
    /// The quoted before-image column (jsonb).
    public let before: String
    /// The quoted after-image column (jsonb).
    public let after: String
    /// The quoted tenant column and its SQL type, nil when audit rows do not record the tenant.
    public let tenant: (column: String, sqlType: String)?

    /// Creates a description; generated code calls this, with literals only (`StaticString`).
    public init(
        table: StaticString, actor: (column: StaticString, sqlType: StaticString)?, action: StaticString,
        actionType: StaticString, entity: StaticString, entityID: StaticString, before: StaticString,
        after: StaticString, tenant: (column: StaticString, sqlType: StaticString)? = nil
    ) {
        self.tenant = tenant.map { ($0.column.description, $0.sqlType.description) }
        self.table = table.description
        self.actor = actor.map { ($0.column.description, $0.sqlType.description) }
        self.action = action.description
        self.actionType = actionType.description
        self.entity = entity.description
        self.entityID = entityID.description
        self.before = before.description
        self.after = after.description
    }
}

/// Which rows of a soft-deleted entity a query sees.
enum DeletedRows {
    case live, all, deleted

    init(includeDeleted: Bool, onlyDeleted: Bool) {
        self = onlyDeleted ? .deleted : includeDeleted ? .all : .live
    }

    /// ` AND deleted_at IS [NOT] NULL`, or nothing.
    func condition(_ deletedAt: String?) -> String {
        guard let deletedAt else { return "" }
        switch self {
        case .live: return " AND \(deletedAt) IS NULL"
        case .all: return ""
        case .deleted: return " AND \(deletedAt) IS NOT NULL"
        }
    }
}
