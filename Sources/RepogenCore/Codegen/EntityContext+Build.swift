/// Builds the render context of one entity from the validated schema.
extension EntityContext {
    init(entity: Entity, schema: Schema) {
        let sql = RepositorySQL(entity: entity, schema: schema)
        let key = entity.primaryKey
        name = entity.name
        table = entity.table
        newName = "New" + entity.name
        patchName = entity.name + "Patch"
        repositoryName = entity.name + "Repository"
        repositoryProperty = SwiftLiteral.identifier(Naming.camelCase(entity.table))
        primaryKeyName = SwiftLiteral.identifier(key.swiftName)
        primaryKeyType = key.type.swiftType
        needsIdentifiable = !entity.fields.contains { $0.swiftName == "id" }
        properties = Self.properties(entity.fields)
        inputProperties = Self.inputProperties(sql.insertFields)
        patchProperties = Self.patchProperties(sql.patchFields)
        createBinds = sql.insertFields.map {
            Bind(line: "binds.append(input.\(SwiftLiteral.identifier($0.swiftName)))")
        }
        createManyBinds = sql.insertFields.map(Self.arrayBind)
        updateBinds = [Bind(line: "binds.append(id)")] + sql.patchFields.flatMap(Self.patchBinds)
        statements = Self.statements(sql, prefix: "repogen_" + entity.table)
    }

    static func properties(_ fields: [Field]) -> [Property] {
        fields.enumerated().map { position, field in
            let method = field.isOptional ? "decodeIfPresent" : "decode"
            return Property(
                name: SwiftLiteral.identifier(field.swiftName),
                type: field.type.swiftType + (field.isOptional ? "?" : ""),
                column: field.column,
                decode: "try row.\(method)(\(field.type.swiftType).self, at: \(position))",
                isLast: position == fields.count - 1
            )
        }
    }

    /// Required values first, then those with a default or NULL allowed, each defaulting to `nil`.
    static func inputProperties(_ fields: [Field]) -> [InputProperty] {
        let isRequired = { (field: Field) in !field.isOptional && field.defaultValue == nil }
        let ordered = fields.filter(isRequired) + fields.filter { !isRequired($0) }
        return ordered.enumerated().map { position, field in
            let required = isRequired(field)
            let whenNil = field.defaultValue == nil ? "NULL when nil." : "The column default when nil."
            let doc = required ? "Required." : whenNil
            return InputProperty(
                name: SwiftLiteral.identifier(field.swiftName),
                type: field.type.swiftType + (required ? "" : "?"),
                defaultArgument: required ? "" : " = nil",
                doc: doc,
                isLast: position == ordered.count - 1
            )
        }
    }

    /// Every patch property is optional (`nil` leaves the column unchanged); a nullable column is doubly so.
    static func patchProperties(_ fields: [Field]) -> [InputProperty] {
        fields.enumerated().map { position, field in
            InputProperty(
                name: SwiftLiteral.identifier(field.swiftName),
                type: field.type.swiftType + (field.isOptional ? "??" : "?"),
                defaultArgument: " = nil",
                doc: field.isOptional ? "Unchanged when nil; `.some(nil)` sets NULL." : "Unchanged when nil.",
                isLast: position == fields.count - 1
            )
        }
    }

    static func arrayBind(_ field: Field) -> Bind {
        let name = SwiftLiteral.identifier(field.swiftName)
        return Bind(line: "binds.appendArray(inputs.map { $0.\(name) })")
    }

    static func patchBinds(_ field: Field) -> [Bind] {
        let name = SwiftLiteral.identifier(field.swiftName)
        let value = field.isOptional ? "patch.\(name) ?? nil" : "patch.\(name)"
        return [Bind(line: "binds.append(patch.\(name) != nil)"), Bind(line: "binds.append(\(value))")]
    }

    static func statements(_ sql: RepositorySQL, prefix: String) -> [Statement] {
        let key = sql.entity.primaryKey.type.bindTypeName
        let insertTypes = sql.insertFields.map { ".\($0.type.bindTypeName)" }
        let arrayTypes = sql.insertFields.map { ".\($0.type.bindTypeName)Array" }
        let patchTypes = sql.patchFields.flatMap { [".bool", ".\($0.type.bindTypeName)"] }
        let all: [(String, String, [String])] = [
            ("find", sql.find, [".\(key)"]),
            ("findAll", sql.findAll, [".int8", ".int8"]),
            ("create", sql.create, insertTypes),
            ("createMany", sql.createMany, arrayTypes),
            ("update", sql.update, [".\(key)"] + patchTypes),
            ("delete", sql.delete, [".\(key)"]),
            ("count", sql.count, []),
            ("exists", sql.exists, [".\(key)"]),
        ]
        return all.map { property, text, types in
            Statement(
                property: property,
                name: prefix + "_" + Naming.snakeCase(property),
                sqlLiteral: SwiftLiteral.string(text),
                parameterTypes: "[" + types.joined(separator: ", ") + "]"
            )
        }
    }
}
