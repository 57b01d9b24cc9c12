/// What the query builder needs of an entity: its `EntityTable` and one typed column reference per field.
extension EntityContext {
    /// `public static let title = ColumnRef<Quote, String>(...)`.
    struct ColumnReference {
        let doc: String
        let lines: [Bind]
    }

    static func columnReferences(_ entity: Entity, sql: RepositorySQL) -> [ColumnReference] {
        fieldReferences(entity, sql: sql) + searchReference(entity)
    }

    /// `searchVector`, the full-text search column, for an entity with `search:`.
    static func searchReference(_ entity: Entity) -> [ColumnReference] {
        guard let search = entity.search else { return [] }
        let line = "public static let searchVector = SearchColumn<\(entity.name)>("
            + "column: \(SwiftLiteral.string(SQL.identifier(EntitySearch.column))), "
            + "language: \(SwiftLiteral.string(search.language)))"
        return [ColumnReference(
            doc: "The full-text search column over `\(search.columns.joined(separator: "`, `"))`, for `matches(_:)`.",
            lines: [Bind(line: line)])]
    }

    static func fieldReferences(_ entity: Entity, sql: RepositorySQL) -> [ColumnReference] {
        let writable = Set(sql.patchFields.map(\.column))
        return entity.fields.map { field in
            let arguments = "column: \(SwiftLiteral.string(SQL.identifier(field.column))), "
                + "sqlType: \(SwiftLiteral.string(field.type.bindCast(in: sql.schema))), "
                + "isWritable: \(writable.contains(field.column))"
            let head = "public static let \(SwiftLiteral.identifier(field.swiftName)) = "
                + "ColumnRef<\(entity.name), \(field.type.swiftType)>("
            let oneLine = head + arguments + ")"
            let lines = oneLine.count + 4 <= 120 ? [oneLine] : [head, "    " + arguments, ")"]
            return ColumnReference(
                doc: "The column `\(field.column)`, for predicates and orderings.", lines: lines.map { Bind(line: $0) })
        }
    }

    /// The entries of `namedColumns`: every field under its Swift name and schema column, for `column(named:)`.
    static func namedColumnLines(_ entity: Entity) -> [Bind] {
        entity.fields.map { field in
            Bind(line: "AnyColumn(field: \(SwiftLiteral.string(field.swiftName)), "
                + "schemaName: \(SwiftLiteral.string(field.column)), "
                + "Self.\(SwiftLiteral.identifier(field.swiftName))),")
        }
    }

    /// The arguments of `EntityTable(...)`, one per line, each within 120 columns.
    static func entityTableLines(_ entity: Entity, sql: RepositorySQL) -> [Bind] {
        let lines = entityTableArguments(entity, sql: sql)
        guard entity.search != nil, let last = lines.last else { return lines }
        return lines.dropLast() + [Bind(line: last.line + ","),
                                   Bind(line: "searchColumn: \(SwiftLiteral.string(EntitySearch.column))")]
    }

    static func entityTableArguments(_ entity: Entity, sql: RepositorySQL) -> [Bind] {
        let quoted = { (text: String) in SwiftLiteral.string(text) }
        let optional = { (text: String?) in text.map(quoted) ?? "nil" }
        var lines = [
            "entity: \(quoted(entity.name)),", "table: \(quoted(sql.table)),",
        ]
        lines += wrappedList("columns: ", entity.fields.map { quoted(SQL.identifier($0.column)) }) + [
            "primaryKey: \(quoted(sql.primaryKey)),",
            "primaryKeyType: \(quoted(entity.primaryKey.type.bindCast(in: sql.schema))),",
            "deletedAt: \(optional(sql.deletedAt)),",
        ]
        lines += wrappedList("managedAssignments: ", sql.managedUpdateAssignments.map(quoted))
        let pair = { (column: String, type: String) in "(column: \(quoted(column)), sqlType: \(quoted(type)))" }
        let tenant = sql.tenantField.map { pair(SQL.identifier($0.column), $0.type.bindCast(in: sql.schema)) }
        let tenantLine = tenant.map { ["tenant: \($0)"] } ?? []
        guard let audit = sql.audit else {
            return (lines + ["audit: nil" + (tenant == nil ? "" : ",")] + tenantLine).map { Bind(line: $0) }
        }
        let actor = audit.actor.map { pair($0.column, $0.sqlType) } ?? "nil"
        lines += [
            "audit: AuditTable(",
            "    table: \(quoted(audit.table)), actor: \(actor),",
            "    action: \(quoted(audit.action)), actionType: \(quoted(audit.actionType)),",
            "    entity: \(quoted(audit.entity)), entityID: \(quoted(audit.entityID)),",
            "    before: \(quoted(audit.before)), after: \(quoted(audit.after))" + (audit.tenant == nil ? "" : ","),
        ]
        lines += audit.tenant.map { ["    tenant: \(pair($0.column, $0.sqlType))"] } ?? []
        lines += [")" + (tenant == nil ? "" : ",")] + tenantLine
        return lines.map { Bind(line: $0) }
    }

    /// `label[a, b, ...],` over as many lines as needed to stay within 120 columns at 8 spaces of indent.
    static func wrappedList(_ label: String, _ items: [String]) -> [String] {
        let single = label + "[" + items.joined(separator: ", ") + "],"
        guard single.count > 108 else { return [single] }
        var lines = [label + "["]
        var current = "   "
        for item in items {
            if current.count + item.count + 2 > 108 {
                lines.append(current)
                current = "   "
            }
            current += " " + item + ","
        }
        lines.append(current)
        lines.append("],")
        return lines
    }
}
