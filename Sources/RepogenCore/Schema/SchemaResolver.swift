/// Turns declarations into a `Schema` in explicit passes: names, tables, types, primary keys,
/// references and defaults, columns, then indexes. Every problem is recorded; none stops the run.
struct SchemaResolver {
    /// A field type resolved from `type:` or from the primary key a `belongs_to` points at.
    typealias ResolvedTypes = [String: [String: FieldType]]

    let declaration: SchemaDeclaration
    /// Every problem found so far.
    var diagnostics: [Diagnostic] = []
    /// Enums by Swift name, first declaration wins.
    var enumsByName: [String: EnumType] = [:]
    /// Entities by Swift name, first declaration wins.
    var entitiesByName: [String: EntityDeclaration] = [:]
    /// Table of each entity whose table name is valid and not taken.
    var tablesByEntity: [String: String] = [:]
    /// The primary key field and type of each entity that has exactly one valid primary key.
    var primaryKeys: [String: (field: FieldDeclaration, type: FieldType)] = [:]

    /// Prepares the passes over one declaration.
    init(declaration: SchemaDeclaration) {
        self.declaration = declaration
        for enumType in declaration.enums where enumsByName[enumType.name] == nil {
            enumsByName[enumType.name] = enumType
        }
        for entity in declaration.entities where entitiesByName[entity.name.value] == nil {
            entitiesByName[entity.name.value] = entity
        }
    }

    /// Records an error.
    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    /// Runs every pass and assembles the schema (meaningful only when no diagnostic was recorded).
    mutating func resolve() -> Schema {
        checkTypeNames()
        checkSwiftTypeNames()
        resolveTables()
        var types: ResolvedTypes = [:]
        for entity in declaration.entities {
            types[entity.name.value] = resolveDeclaredTypes(of: entity)
        }
        for entity in declaration.entities {
            resolvePrimaryKey(of: entity, types: types[entity.name.value] ?? [:])
        }
        let fieldsByEntity = declaration.entities.map { entity in
            let fields = resolveFields(of: entity, types: types[entity.name.value] ?? [:])
            checkColumns(of: entity, fields: fields)
            return fields
        }
        var indexNames = reservedRelationNames(fieldsByEntity)
        let entities = zip(declaration.entities, fieldsByEntity).map { entity, fields in
            let table = tablesByEntity[entity.name.value] ?? ""
            let indexes = resolveIndexes(of: entity, table: table, fields: fields, usedNames: &indexNames)
            return Entity(name: entity.name.value, table: table, fields: fields, indexes: indexes,
                          location: entity.name.location)
        }
        return Schema(version: declaration.version, enums: declaration.enums, entities: entities)
    }

    /// Names PostgreSQL gives relations before any declared index: tables, primary keys and unique constraints
    /// share one namespace with indexes, so an index may not take one of them.
    private func reservedRelationNames(_ fieldsByEntity: [[Field]]) -> [String: String] {
        var names: [String: String] = [:]
        for (entity, fields) in zip(declaration.entities, fieldsByEntity) {
            guard let table = tablesByEntity[entity.name.value] else { continue }
            names[table] = "the table of entity '\(entity.name.value)'"
            names[Naming.boundedName(table, suffix: "_pkey")] = "the primary key of entity '\(entity.name.value)'"
            for field in fields where field.isUnique && !field.isPrimary {
                names[Naming.boundedName(table + "_" + field.column, suffix: "_key")] =
                    "the unique constraint of field '\(field.name)'"
            }
        }
        return names
    }

    /// Checks that enum and entity names do not collide, and that enum SQL names are usable and distinct.
    private mutating func checkTypeNames() {
        var enumSQLNames: [String: String] = [:]
        for enumType in declaration.enums where Naming.isValidSwiftTypeName(enumType.name) {
            if !Naming.isValidSQLIdentifier(enumType.sqlName) {
                error("enum '\(enumType.name)' has SQL name '\(enumType.sqlName)', which is longer than 63 bytes",
                      at: enumType.location)
            } else if let other = enumSQLNames[enumType.sqlName] {
                error("enum '\(enumType.name)' has SQL name '\(enumType.sqlName)', already used by enum '\(other)'",
                      at: enumType.location)
            } else {
                enumSQLNames[enumType.sqlName] = enumType.name
            }
        }
        for entity in declaration.entities where enumsByName[entity.name.value] != nil {
            error("name '\(entity.name.value)' is declared both as an enum and as an entity",
                  at: entity.name.location)
        }
    }

    /// Gives every entity its table, explicit or derived, and checks that tables are valid and distinct.
    private mutating func resolveTables() {
        var owners: [String: String] = [:]
        for enumType in declaration.enums { owners[enumType.sqlName] = "the SQL type of enum '\(enumType.name)'" }
        for entity in declaration.entities where entitiesByName[entity.name.value] != nil {
            let name = entity.name.value
            let table = entity.table?.value ?? Naming.tableName(forEntity: name)
            let location = entity.table?.location ?? entity.name.location
            guard Naming.isValidSQLIdentifier(table) else {
                if entity.table != nil || Naming.isValidSwiftTypeName(name) {
                    error("table name '\(table)' is not a valid SQL identifier (\(SchemaDecoder.sqlIdentifierRule))",
                          at: location)
                }
                continue
            }
            if let owner = owners[table] {
                error("table '\(table)' is already used by \(owner)", at: location)
                continue
            }
            owners[table] = "entity '\(name)'"
            tablesByEntity[name] = table
        }
    }
}
