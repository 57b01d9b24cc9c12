/// Turns declarations into a `Schema` in explicit passes: names, tables, types, primary keys, references and
/// defaults, columns, behaviours, then indexes, relations and finders, renames and warnings.
/// Every problem is recorded; none stops the run.
struct SchemaResolver {
    /// The types resolved from `type:`, by entity position and then field position (nil where there is none).
    typealias ResolvedTypes = [[FieldType?]]

    let declaration: SchemaDeclaration
    /// The most columns a PostgreSQL table can have.
    static let maximumColumns = 1600
    /// The most columns a PostgreSQL index can have.
    static let maximumIndexColumns = 32

    /// After this many diagnostics, no more "did you mean" suggestions are computed.
    static let suggestionLimit = 200

    /// Every problem found so far.
    var diagnostics: [Diagnostic] = []
    /// Enums by Swift name, first declaration wins.
    var enumsByName: [String: EnumType] = [:]
    /// Positions in `declaration.entities` by Swift name, first declaration wins (a position, so the large
    /// declaration is not copied into the dictionary).
    var entityPositions: [String: Int] = [:]
    /// Table of each entity whose table name is valid and not taken.
    var tablesByEntity: [String: String] = [:]
    /// The primary key column and type of each entity that has exactly one valid primary key.
    var primaryKeys: [String: (column: String, type: FieldType)] = [:]
    /// Indexes of entity and type names for "did you mean", built on first use.
    let suggestions: ResolverSuggestions

    /// Prepares the passes over one declaration.
    init(declaration: SchemaDeclaration) {
        self.declaration = declaration
        suggestions = ResolverSuggestions(declaration: declaration)
        // Sized up front: growing a dictionary of many entities copies every declaration at each doubling.
        enumsByName.reserveCapacity(declaration.enums.count)
        entityPositions.reserveCapacity(declaration.entities.count)
        tablesByEntity.reserveCapacity(declaration.entities.count)
        primaryKeys.reserveCapacity(declaration.entities.count)
        for enumType in declaration.enums where enumsByName[enumType.name] == nil {
            enumsByName[enumType.name] = enumType
        }
        for (position, entity) in declaration.entities.enumerated() where entityPositions[entity.name.value] == nil {
            entityPositions[entity.name.value] = position
        }
    }

    /// The declaration of the entity called `name` (the first, if several are).
    func entityDeclaration(named name: String) -> EntityDeclaration? {
        entityPositions[name].map { declaration.entities[$0] }
    }

    /// Records an error.
    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    /// Records a warning: the schema is still produced.
    mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(message, at: location))
    }

    /// ` (did you mean 'X'?)` when a candidate is close; nothing once the run has many diagnostics, so a
    /// hostile file cannot make suggestions quadratic.
    func didYouMean(_ name: String, in candidates: @autoclosure () -> [String]) -> String {
        guard diagnostics.count < Self.suggestionLimit else { return "" }
        return Suggestion.didYouMean(name, in: candidates())
    }

    /// ` (did you mean 'X'?)` from an index of many names, under the same limit as `didYouMean(_:in:)`.
    func didYouMean(_ name: String, in index: @autoclosure () -> SuggestionIndex) -> String {
        guard diagnostics.count < Self.suggestionLimit else { return "" }
        return index().closest(to: name).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Runs every pass and assembles the schema (meaningful only when no error was recorded).
    mutating func resolve() -> Schema {
        checkTypeNames()
        checkSwiftTypeNames()
        resolveTables()
        // Entity names are unique (a repeated one is dropped when decoding), so positions stand for names.
        let types: ResolvedTypes = declaration.entities.map { resolveDeclaredTypes(of: $0) }
        for (entity, entityTypes) in zip(declaration.entities, types) {
            resolvePrimaryKey(of: entity, types: entityTypes)
        }
        var entities = zip(declaration.entities, types).map { entity, entityTypes in
            let fields = resolveFields(of: entity, types: entityTypes)
            checkColumns(of: entity, fields: fields)
            checkParentRelationNames(of: entity, fields: fields)
            var resolved = Entity(name: entity.name.value, table: tablesByEntity[entity.name.value] ?? "",
                                  fields: fields, indexes: [], location: entity.name.location,
                                  doc: entity.doc?.value, renamedFrom: entity.renamedFrom?.value)
            applyBehaviours(of: entity, to: &resolved)
            resolved.cache = resolveCache(of: entity)
            resolved.search = resolveSearch(of: entity, fields: resolved.fields)
            if resolved.fields.count > Self.maximumColumns {
                error("entity '\(entity.name.value)' has \(resolved.fields.count) columns; PostgreSQL allows at "
                      + "most \(Self.maximumColumns)", at: entity.name.location)
            }
            return resolved
        }
        resolveIndexesAndFinders(&entities)
        checkRenames(entities)
        warnAboutUnindexedForeignKeys(entities)
        warnAboutMoneyDoubles()
        warnAboutUnservedFinders(entities)
        return Schema(version: declaration.version, enums: declaration.enums, entities: entities,
                      acknowledgements: declaration.acknowledgements)
    }

    /// The passes that need every entity's fields: indexes, relations and finders.
    private mutating func resolveIndexesAndFinders(_ entities: inout [Entity]) {
        var indexNames = reservedRelationNames(entities.map(\.fields))
        // Lookups by name are built only for what uses them: relation targets when some entity has a relation,
        // an entity's columns when it has an index or a finder.
        let hasRelations = declaration.entities.contains { !$0.relations.isEmpty }
        let targets = !hasRelations ? [:] : Dictionary(entities.map { ($0.name, RelationTarget(fields: $0.fields)) },
                                                       uniquingKeysWith: { first, _ in first })
        for (position, entity) in declaration.entities.enumerated()
        where !entity.indexes.isEmpty || !entity.finders.isEmpty || !entity.relations.isEmpty {
            let columns = EntityColumns(declaration: entity, fields: entities[position].fields)
            entities[position].indexes = resolveIndexes(of: entity, table: entities[position].table,
                                                        columns: columns, usedNames: &indexNames)
            entities[position].relations = resolveRelations(of: entity, resolved: entities[position],
                                                            targets: targets)
            entities[position].finders = resolveFinders(of: entity, resolved: entities[position], columns: columns)
        }
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
        // Entity tables map to their entity's name (described only for a clash), other owners to a description.
        var entityOfTable = [String: String](minimumCapacity: declaration.entities.count)
        var owners: [String: String] = [:]
        var repositoryProperties = [String: String](minimumCapacity: declaration.entities.count)
        for table in ReservedNames.runnerTables { owners[table] = "the migration runner (a reserved name)" }
        for enumType in declaration.enums { owners[enumType.sqlName] = "the SQL type of enum '\(enumType.name)'" }
        for entity in declaration.entities where entityPositions[entity.name.value] != nil {
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
            if let owner = owners[table] ?? entityOfTable[table].map({ "entity '\($0)'" }) {
                error("table '\(table)' is already used by \(owner)", at: location)
                continue
            }
            entityOfTable[table] = name
            tablesByEntity[name] = table
            checkRepositoryProperty(of: entity, table: table, at: location, owners: &repositoryProperties)
        }
    }
}
