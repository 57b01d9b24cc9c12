/// The entity's `FieldCatalog` (which fields its columns, constraints and limits belong to) and the checks that
/// `validate()` of the create input and the patch make before a write is sent.
extension EntityContext {
    /// The arguments of `FieldCatalog(...)`, one per line, each within 120 columns.
    static func fieldCatalogLines(_ entity: Entity, schema: Schema) -> [Bind] {
        let quoted = { (text: String) in SwiftLiteral.string(text) }
        let columns = entity.fields.map { "\(quoted($0.column)): \(quoted($0.swiftName))" }
        let named = constraintFields(entity) + inboundForeignKeys(entity, schema: schema)
        let constraints = named.map { name, fields in
            "\(quoted(name)): [\(fields.map(quoted).joined(separator: ", "))]"
        }
        let limits = entity.fields.compactMap { field in
            limit(of: field).map { "(field: \(quoted(field.swiftName)), limit: .\($0))" }
        }
        let dictionary = { (label: String, items: [String]) in
            items.isEmpty ? [label + "[:],"] : wrappedList(label, items)
        }
        var lines = ["table: \(quoted(entity.table)),"]
        lines += dictionary("columns: ", columns) + dictionary("constraints: ", constraints)
        lines += wrappedList("limits: ", limits)
        lines[lines.count - 1].removeLast()  // no comma after the last argument
        return lines.map { Bind(line: $0) }
    }

    /// Every constraint and unique index the DDL names for the entity, with the Swift names of its fields.
    /// A self-reference's constraint is listed once, as the entity's own.
    static func constraintFields(_ entity: Entity) -> [(String, [String])] {
        let swiftName = Dictionary(entity.fields.map { ($0.column, $0.swiftName) }) { first, _ in first }
        var result = [(Naming.boundedName(entity.table, suffix: "_pkey"), [entity.primaryKey.swiftName])]
        for field in entity.fields where field.isUnique && !field.isPrimary && !entity.behaviours.softDelete {
            result.append((SchemaDDL.constraintName(entity.table, field.column, suffix: "key"), [field.swiftName]))
        }
        for field in entity.fields where field.reference != nil {
            result.append((SchemaDDL.constraintName(entity.table, field.column, suffix: "fkey"), [field.swiftName]))
        }
        for index in SchemaDDL.indexes(of: entity) where index.isUnique {
            result.append((index.name, index.columns.compactMap { swiftName[$0.column] }))
        }
        return result
    }

    /// The foreign keys of other entities that refer to this one, each naming its field as `Entity.field`: a
    /// delete of a row still referred to (`on_delete: restrict`) reports the referring table's constraint.
    static func inboundForeignKeys(_ entity: Entity, schema: Schema) -> [(String, [String])] {
        schema.entities.filter { $0.name != entity.name }.flatMap { other in
            other.fields.filter { $0.reference?.entity == entity.name }.map { field in
                let name = SchemaDDL.constraintName(other.table, field.column, suffix: "fkey")
                return (name, [other.name + "." + field.swiftName])
            }
        }
    }

    /// `length(200)` or `decimal(precision: 12, scale: 2)` for a field whose column limits its values.
    static func limit(of field: Field) -> String? {
        switch field.type {
        case .string(let maxLength?): "length(\(maxLength))"
        case .decimal(let precision, let scale): "decimal(precision: \(precision), scale: \(scale))"
        default: nil
        }
    }

    /// `try FieldValidation.check(title, maxLength: 200, field: "title", entity: "Quote")` per limited field;
    /// `patch` reads a nullable column's doubly optional patch property as `name ?? nil`.
    static func validationChecks(_ fields: [Field], entity: String, patch: Bool) -> [Bind] {
        fields.compactMap { field in
            let name = SwiftLiteral.identifier(field.swiftName)
            let value = patch && field.isOptional ? "\(name) ?? nil" : name
            let tail = "field: \(SwiftLiteral.string(field.swiftName)), entity: \(SwiftLiteral.string(entity)))"
            let limit: String
            switch field.type {
            case .string(let maxLength?): limit = "maxLength: \(maxLength)"
            case .decimal(let precision, let scale): limit = "precision: \(precision), scale: \(scale)"
            default: return nil
            }
            let oneLine = "try FieldValidation.check(\(value), \(limit), \(tail)"
            guard oneLine.count + 8 > 120 else { return Bind(line: oneLine) }
            return Bind(line: "try FieldValidation.check(\n            \(value), \(limit),\n            \(tail)")
        }
    }
}
