extension SchemaResolver {
    static let builtinTypeNames = [
        "uuid", "string", "text", "int", "bigint", "bool", "decimal", "double", "timestamp", "date", "json", "bytes",
    ]
    static let primaryKeyTypeNames = "uuid, int, bigint or string"

    /// Resolves every `type:` of an entity, keyed by field name; `belongs_to` fields come later.
    /// Field names are unique within an entity (a repeated one is dropped when decoding), so the result is by
    /// field position.
    mutating func resolveDeclaredTypes(of entity: EntityDeclaration) -> [FieldType?] {
        entity.fields.map { field in
            let type = field.type.flatMap { resolveType(named: $0, for: field) }
            checkTypeSpecificKeys(of: field, type: type)
            return type
        }
    }

    /// Resolves one type name, with `max`, `precision` and `scale` folded in.
    private mutating func resolveType(named name: Located<String>, for field: FieldDeclaration) -> FieldType? {
        switch name.value {
        case "uuid": return .uuid
        case "string": return .string(maxLength: field.maxLength?.value)
        case "text": return .text
        case "int": return .int
        case "bigint": return .bigint
        case "bool": return .bool
        case "decimal": return decimalType(for: field, at: name.location)
        case "double": return .double
        case "timestamp": return .timestamp
        case "date": return .date
        case "json": return .json
        case "bytes": return .bytes
        default: break
        }
        if enumsByName[name.value] != nil { return .enumeration(name.value) }
        if entityPositions[name.value] != nil {
            error("'\(name.value)' is an entity, not a type (use 'belongs_to: \(name.value)' to reference it)",
                  at: name.location)
            return nil
        }
        let suggestion = didYouMean(name.value, in: suggestions.types)
        guard suggestion.isEmpty else {
            error("unknown type '\(name.value)'\(suggestion)", at: name.location)
            return nil
        }
        let builtins = Self.builtinTypeNames.joined(separator: ", ")
        let declared = declaration.enums.isEmpty ? "" : ": " + Self.shortList(declaration.enums.map(\.name))
        error("unknown type '\(name.value)' (expected one of: \(builtins), or a declared enum\(declared))",
              at: name.location)
        return nil
    }

    /// `decimal(precision, scale)`; precision is required and scale may not exceed it.
    private mutating func decimalType(for field: FieldDeclaration, at location: SourceLocation) -> FieldType? {
        guard field.keyLocations["precision"] != nil else {
            error("decimal field '\(field.name.value)' needs a 'precision'", at: location)
            return nil
        }
        guard let precision = field.precision?.value else { return nil }
        let scale = field.scale?.value ?? 0
        if let given = field.scale, given.value > precision {
            error("'scale' must be an integer between 0 and \(precision)", at: given.location)
            return nil
        }
        if field.keyLocations["scale"] != nil && field.scale == nil { return nil }
        return .decimal(precision: precision, scale: scale)
    }

    /// Reports `max`, `precision` and `scale` on fields whose type does not take them.
    private mutating func checkTypeSpecificKeys(of field: FieldDeclaration, type: FieldType?) {
        let typeName = field.type?.value
        guard typeName == nil || type != nil, typeName != nil || field.belongsTo != nil else { return }
        if let key = field.keyLocations["max"], typeName != "string" {
            error("'max' applies only to string fields", at: key)
        }
        for keyName in ["precision", "scale"] {
            if let key = field.keyLocations[keyName], typeName != "decimal" {
                error("'\(keyName)' applies only to decimal fields", at: key)
            }
        }
    }

    /// Finds the single primary key of an entity and checks its type.
    mutating func resolvePrimaryKey(of entity: EntityDeclaration, types: [FieldType?]) {
        var found: FieldDeclaration?
        for (field, fieldType) in zip(entity.fields, types) where field.primary {
            guard let primary = field.isPrimary else { continue }
            if let first = found {
                error("entity '\(entity.name.value)' already has a primary key, '\(first.name.value)'",
                      at: primary.location)
                continue
            }
            found = field
            if field.belongsTo != nil && field.type == nil {
                error("a belongs_to field cannot be the primary key", at: primary.location)
                continue
            }
            guard let typeName = field.type, let type = fieldType else { continue }
            switch type {
            case .uuid, .int, .bigint, .string:
                primaryKeys[entity.name.value] = (field.column, type)
            default:
                error("primary key type must be \(Self.primaryKeyTypeNames), not '\(typeName.value)'",
                      at: typeName.location)
            }
        }
        let mentionsPrimary = entity.fields.contains { $0.keyLocations["primary"] != nil }
        if found == nil && entity.hasFieldMapping && !entity.hasMalformedFields && !mentionsPrimary {
            error("entity '\(entity.name.value)' has no primary key", at: entity.name.location)
        }
    }

    /// Up to twenty names, then how many more: an error message stays short however many enums a schema has.
    static func shortList(_ names: [String]) -> String {
        let shown = names.prefix(20).joined(separator: ", ")
        return names.count > 20 ? shown + " and \(names.count - 20) more" : shown
    }
}
