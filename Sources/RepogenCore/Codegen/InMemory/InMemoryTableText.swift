/// The arguments of an entity's `InMemoryTable(...)`: columns with their defaults, the unique constraints and
/// indexes and the foreign keys under the names the DDL gives them, and the maintained columns.
enum InMemoryTableText {
    static func lines(_ entity: Entity, schema: Schema) -> [String] {
        let quoted = { (column: String) in SwiftLiteral.string(SQL.identifier(column)) }
        var lines = [
            "entity: \(SwiftLiteral.string(entity.name)), table: \(quoted(entity.table)),",
            "columns: [",
        ]
        lines += entity.fields.map { "    " + column($0, schema: schema) + "," }
        lines += ["],", "primaryKey: \(quoted(entity.primaryKey.column)),", "uniques: ["]
        lines += uniques(entity).map { "    " + $0 + "," }
        lines += ["],", "foreignKeys: ["]
        lines += entity.fields.compactMap { foreignKey($0, table: entity.table) }.map { "    " + $0 + "," }
        lines += ["],", "managed: " + managed(entity) + ","]
        lines.append("unsupported: " + (unsupported(entity, schema: schema).map(SwiftLiteral.string) ?? "nil"))
        return lines
    }

    static func column(_ field: Field, schema: Schema) -> String {
        var text = "InMemoryColumn(\(SwiftLiteral.string(SQL.identifier(field.column))), isNullable: \(field.isOptional)"
        if let value = defaultValue(field, schema: schema) { text += ", defaultValue: " + value }
        switch field.type {
        case .int: text += ", integerBits: 32"
        case .decimal(let precision, let scale): text += ", decimal: (\(precision), \(scale))"
        default: break
        }
        return text + ")"
    }

    /// The default as an `InMemoryDefault` expression; nil for none.
    static func defaultValue(_ field: Field, schema: Schema) -> String? {
        switch field.defaultValue {
        case nil: return nil
        case .identity?: return ".identity"
        case .random?: return ".randomUUID"
        case .now?: return field.type == .date ? ".today" : ".now"
        case .literal(let text)?: return literal(text, field.type, schema: schema)
        }
    }

    static func literal(_ text: String, _ type: FieldType, schema: Schema) -> String {
        let quoted = SwiftLiteral.string(text)
        switch type {
        case .string, .text: return ".value(.text(\(quoted)))"
        case .int, .bigint:
            return Int64(text).map { ".value(.integer(\($0)))" } ?? ".unsupported(\(quoted))"
        case .bool: return ".value(.bool(\(text.lowercased() == "true")))"
        case .double: return Double(text).map { ".value(.double(\($0)))" } ?? ".unsupported(\(quoted))"
        case .decimal: return ".decimal(\(quoted))"
        case .uuid: return ".uuid(\(quoted))"
        case .json: return ".json(\(quoted))"
        case .date: return ".date(\(quoted))"
        case .timestamp, .bytes: return ".unsupported(\(SwiftLiteral.string("the default " + text)))"
        case .enumeration(let name):
            let ordinal = schema.enumType(named: name)?.cases.firstIndex(of: text) ?? 0
            return ".value(.enumLabel(\(quoted), ordinal: \(ordinal)))"
        }
    }

    /// The primary key, unique fields (live rows only under soft delete) and unique indexes, in creation order.
    static func uniques(_ entity: Entity) -> [String] {
        let quoted = { (column: String) in SwiftLiteral.string(SQL.identifier(column)) }
        let key = entity.primaryKey.column
        var result = ["InMemoryUnique(\(SwiftLiteral.string(Naming.boundedName(entity.table, suffix: "_pkey"))), "
            + "columns: [\(quoted(key))])"]
        for field in entity.fields where field.isUnique && !field.isPrimary && !entity.behaviours.softDelete {
            let name = SchemaDDL.constraintName(entity.table, field.column, suffix: "key")
            result.append("InMemoryUnique(\(SwiftLiteral.string(name)), columns: [\(quoted(field.column))])")
        }
        let deletedAt = entity.field(withRole: .softDelete).map { "\(SQL.identifier($0.column)) IS NULL" }
        for index in SchemaDDL.indexes(of: entity) where index.isUnique {
            let columns = index.columns.map { quoted($0.column) }.joined(separator: ", ")
            var text = "InMemoryUnique(\(SwiftLiteral.string(index.name)), columns: [\(columns)]"
            if let predicate = index.predicate {
                text += predicate == deletedAt
                    ? ", liveRowsOnly: true" : ", unsupportedPredicate: \(SwiftLiteral.string(predicate))"
            }
            result.append(text + ")")
        }
        return result
    }

    static func foreignKey(_ field: Field, table: String) -> String? {
        guard let reference = field.reference else { return nil }
        let name = SchemaDDL.constraintName(table, field.column, suffix: "fkey")
        let action: String
        switch reference.onDelete {
        case .cascade: action = ".cascade"
        case .setNull: action = ".setNull"
        case .restrict, .noAction: action = ".restrict"
        }
        let quoted = { (column: String) in SwiftLiteral.string(SQL.identifier(column)) }
        return "InMemoryForeignKey(\(SwiftLiteral.string(name)), column: \(quoted(field.column)), references: "
            + "\(quoted(reference.table)), \(quoted(reference.column)), onDelete: \(action))"
    }

    static func managed(_ entity: Entity) -> String {
        let roles: [(String, FieldRole)] = [
            ("createdAt", .createdAt), ("updatedAt", .updatedAt), ("version", .version), ("deletedAt", .softDelete),
        ]
        let arguments = roles.compactMap { label, role -> String? in
            if role == .version && !entity.behaviours.versioned { return nil }
            if role == .softDelete && !entity.behaviours.softDelete { return nil }
            return entity.field(withRole: role).map { "\(label): \(SwiftLiteral.string(SQL.identifier($0.column)))" }
        }
        return "InMemoryManagedColumns(" + arguments.joined(separator: ", ") + ")"
    }

    /// Why the store cannot keep the table as PostgreSQL does, nil when it can.
    static func unsupported(_ entity: Entity, schema: Schema) -> String? {
        if entity.behaviours.tenantColumn != nil {
            return "the tenant-scoped entity \(entity.name) (tenant scoping and row-level security)"
        }
        if entity.name == "AuditEntry", schema.entities.contains(where: { $0.behaviours.audited }) {
            return "the audit trail (audited writes keep no audit rows in memory)"
        }
        return nil
    }
}
