/// Builds the render context of one entity from the validated schema.
extension EntityContext {
    /// `included`: the entities that take part in nested includes (`includedEntities`), computed once per schema by
    /// the caller of many; nil computes it here.
    init(entity: Entity, schema: Schema, included: Set<String>? = nil) {
        let sql = RepositorySQL(entity: entity, schema: schema)
        let key = entity.primaryKey
        let behaviours = entity.behaviours
        name = entity.name
        table = entity.table
        docLines = DocComment.lines(entity.doc, summary: "A row of the `\(entity.table)` table.")
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
        canWrite = !behaviours.appendOnly
        isSoftDeleted = sql.deletedAt != nil
        let version = behaviours.versioned ? entity.field(withRole: .version) : nil
        versionType = version?.type.swiftType ?? ""
        isVersioned = version != nil
        isAudited = behaviours.audited
        auditsWrites = sql.audit != nil
        columnReferences = Self.columnReferences(entity, sql: sql)
        entityTableLines = Self.entityTableLines(entity, sql: sql)
        fieldCatalogLines = Self.fieldCatalogLines(entity, schema: schema)
        inputChecks = Self.validationChecks(sql.insertFields, entity: entity.name, patch: false)
        patchChecks = Self.validationChecks(sql.patchFields, entity: entity.name, patch: true)
        namedColumnLines = Self.namedColumnLines(entity)
        tenantProperty = entity.field(withRole: .tenant).map { SwiftLiteral.identifier($0.swiftName) } ?? ""
        let scoped = sql.tenantField != nil
        tenantBinds = scoped ? Self.tenantBinds(entityName: entity.name) : []
        tenantKeyBinds = scoped ? Self.tenantBinds(entityName: entity.name, into: "keyBinds") : []
        createManyTenant = scoped
            ? [Bind(line: "let tenant = try executor.requireTenant(for: \(SwiftLiteral.string(entity.name)))")] : []
        countBinds = scoped
            ? "try executor.tenantBindings(for: \(SwiftLiteral.string(entity.name)))" : "PostgresBindings()"
        reads = ReadMethods(softDelete: isSoftDeleted)
        let cache = CacheText(entity: entity, schema: schema)
        finders = entity.finders.map { Self.finderMethod($0, sql: sql, cache: cache) }
        let parentReferences = Self.parentReferences(of: entity, schema: schema)
        let walks = Self.treeWalks(of: entity)
        relations = entity.relations.compactMap { Self.relationMethod($0, of: entity, schema: schema) }
            + parentReferences.map { Self.parentLoadMethod($0, of: entity, schema: schema) }
        statements = Self.statements(sql, canWrite: canWrite, isVersioned: isVersioned)
            + Self.upsertStatements(sql) + Self.finderStatements(entity.finders, sql: sql)
            + Self.relationStatements(entity.relations, of: entity, schema: schema)
            + Self.parentLoadStatements(parentReferences, of: entity, schema: schema)
            + Self.treeStatements(walks, sql: sql)
        include = (included ?? Self.includedEntities(schema)).contains(entity.name)
            ? Self.includeContext(of: entity, schema: schema) : nil
        graphMethods = Self.limitedLoadMethods(entity.relations, of: entity, schema: schema)
            + Self.treeMethods(walks, of: entity, tenantBinds: tenantBinds) + (include.map { [$0.method] } ?? [])
        cachePolicy = cache.policy
        let findBinds = [Bind(line: "var binds = PostgresBindings(capacity: \(1 + tenantBinds.count))"),
                         Bind(line: "binds.append(id)")] + tenantBinds
        findReturn = cache.readReturn(
            CacheText.findByIDKey, arguments: ["id"], statement: reads.findStatement, entity: entity.name,
            bypass: isSoftDeleted ? "includeDeleted" : nil, binds: findBinds)
        (createInvalidation, updateInvalidation, createManyReturn, versionedReturn) =
            Self.writeTexts(cache, entity: entity.name, key: primaryKeyName)
        upserts = Self.assignmentUpdateMethods(entity, tenantKeyBinds: tenantKeyBinds)
            + Self.upsertMethods(sql, createBinds: createBinds, invalidation: createInvalidation)
        methods = upserts + graphMethods
        isSearchable = entity.search != nil
        let removal = isSoftDeleted ? cache.rowInvalidation : cache.removalInvalidation
        let affected = { (name: String) in "try await runWrite(Self.\(name)Statement, binds).affectedRows > 0" }
        deleteReturn = CacheText.returning(affected("delete"), as: "deleted", invalidation: removal)
        restoreReturn = CacheText.returning(affected("restore"), as: "restored", invalidation: cache.rowInvalidation)
        hardDeleteReturn = CacheText.returning(
            affected("hardDelete"), as: "deleted", invalidation: cache.removalInvalidation)
    }

    /// What `create`, `update`, `createMany` and the versioned update add for a cached entity.
    static func writeTexts(_ cache: CacheText, entity: String, key: String) -> ([Bind], [Bind], [Bind], [Bind]) {
        let decode = "(\(entity).decode)"
        let createMany = CacheText.returning(
            "try await runWriteBatched(Self.createManyStatement, inputs, binds: encode)",
            as: "rows",
            invalidation: cache.readsThrough
                ? "await executor.cacheContext.invalidate(Self.cachePolicy, ids: rows.map(\\.\(key)))" : nil)
        guard let invalidation = cache.rowInvalidation else {
            return ([], [], createMany, [Bind(line: "if let row = try result.decodeFirst\(decode) { return row }")])
        }
        let versioned = [
            Bind(line: "if let row = try result.decodeFirst\(decode) {"), Bind(line: "    " + invalidation),
            Bind(line: "    return row"), Bind(line: "}"),
        ]
        let create = Bind(line: "await executor.cacheContext.invalidate(Self.cachePolicy, ids: [row.\(key)])")
        return ([create], [Bind(line: invalidation)], createMany, versioned)
    }

    static func properties(_ fields: [Field]) -> [Property] {
        fields.enumerated().map { position, field in
            let method = field.isOptional ? "decodeIfPresent" : "decode"
            return Property(
                name: SwiftLiteral.identifier(field.swiftName),
                label: Naming.swiftArgumentLabel(field.swiftName),
                type: field.type.swiftType + (field.isOptional ? "?" : ""),
                column: field.column,
                decode: "try row.\(method)(\(field.type.swiftType).self, at: \(position))",
                docLines: DocComment.lines(field.doc, summary: "Column `\(field.column)`."),
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

    /// The line that binds the unit of work's tenant (throwing `tenantRequired` without one).
    static func tenantBinds(entityName: String, into variable: String = "binds") -> [Bind] {
        [Bind(line: "\(variable).append(try executor.requireTenant(for: \(SwiftLiteral.string(entityName))))")]
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
}
