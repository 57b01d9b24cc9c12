/// Everything the entity and repository templates print for one entity, decided here in Swift.
///
/// Templates only lay this text out; they never derive a name, a type or a piece of SQL.
///
/// Behaviours: `soft_delete`, `versioned`, `timestamps` and `append_only` shape the methods and SQL below.
/// `audited` writes append to the `AuditEntry` table in the same statement (`auditsWrites`); `tenant` is handed
/// over as `tenantProperty` for tenant scoping (issue 8).
struct EntityContext {
    /// One stored property of the entity struct.
    struct Property {
        let name: String
        /// The name as an argument label of a call, where only `inout`, `var` and `let` need backticks.
        let label: String
        let type: String
        let column: String
        let decode: String
        let docLines: [DocComment.Line]
        let isLast: Bool
    }

    /// One parameter of the create input (`NewQuote`).
    struct InputProperty {
        let name: String
        let type: String
        let defaultArgument: String
        let doc: String
        let isLast: Bool
    }

    /// One bind appended before a statement runs (`binds.append(input.title)`).
    struct Bind {
        let line: String
    }

    /// A prepared statement of the repository.
    struct Statement {
        let property: String
        let name: String
        /// The SQL text itself, which the performance advisor matches against the server's statistics.
        let sql: String
        let sqlLiteral: String
        let parameterTypes: String
        /// Whether the statement only reads (`readOnly: true` in the generated `PostgresStatement`).
        let readOnly: Bool
    }

    /// A declared finder as a repository method: `findByEmail(_:)` or `findByOwner(_:page:)`.
    struct FinderMethod {
        let doc: [DocComment.Line]
        let signature: [Bind]
        /// The lines that build the binds, run the statement and return (through the cache for a unique finder of a
        /// cached entity, whose binds are then built only on a miss).
        let body: [Bind]
    }

    /// An eager load of a relation for many parents in one statement: `loadQuotes(for:)`.
    struct RelationMethod {
        let doc: [DocComment.Line]
        let signature: [Bind]
        let parents: String
        let resultType: String
        /// The keys bound as the statement's array: the parents' primary keys, or their foreign keys for a belongs_to.
        let keys: String
        let statement: String
        let decodeCall: String
        let loopHeader: String
        let groupLine: String
        /// `binds.append(try executor.requireTenant(...))` when the loaded rows are tenant-scoped, else nothing.
        let tenantBinds: [Bind]
        /// `let statement = onlyDeleted ? ...` when the loaded entity has soft delete, else nothing.
        let deletedChoice: [Bind]
    }

    /// A generated method as documentation, signature and body lines (`upsertBySlug(_:)`).
    struct MethodText {
        let doc: [DocComment.Line]
        let signature: [Bind]
        let body: [Bind]
    }

    let name: String
    let table: String
    let docLines: [DocComment.Line]
    let newName: String
    let patchName: String
    let repositoryName: String
    let repositoryProperty: String
    let primaryKeyName: String
    let primaryKeyType: String
    let needsIdentifiable: Bool
    let properties: [Property]
    let inputProperties: [InputProperty]
    let patchProperties: [InputProperty]
    let createBinds: [Bind]
    let createManyBinds: [Bind]
    let updateBinds: [Bind]
    let statements: [Statement]

    /// Whether rows can be updated and deleted (false for `append_only`); the patch type exists only then.
    let canWrite: Bool
    /// Whether `delete` stamps `deleted_at`, and `restore` / `hardDelete` exist.
    let isSoftDeleted: Bool
    /// The version column's Swift type for `update(id:expectedVersion:_:)`, empty when not versioned.
    let versionType: String
    /// Whether `versionType` is set.
    let isVersioned: Bool
    /// Whether the entity is `audited: true`.
    let isAudited: Bool
    /// Whether writes append audit rows: audited, and the schema has an `AuditEntry` table of the documented shape.
    let auditsWrites: Bool
    /// One typed column reference per field, for predicates and orderings.
    let columnReferences: [ColumnReference]
    /// The arguments of the entity's `EntityTable`.
    let entityTableLines: [Bind]
    /// The arguments of the entity's `FieldCatalog`, so errors name fields.
    let fieldCatalogLines: [Bind]
    /// The length and precision checks of `validate()` on the create input and on the patch.
    let inputChecks: [Bind]
    let patchChecks: [Bind]
    /// The entries of the generated `namedColumns` (`column(named:)`).
    let namedColumnLines: [Bind]
    /// The tenant property (`tenant: FIELD`), empty when none, for tenant scoping.
    let tenantProperty: String
    /// `binds.append(try executor.requireTenant(for: "Quote"))` for a tenant-scoped entity, else no line.
    let tenantBinds: [Bind]
    /// The same for the key-only lookup after a version conflict (`keyBinds`).
    let tenantKeyBinds: [Bind]
    /// The bindings `count` passes: `PostgresBindings()`, or the tenant's for a tenant-scoped entity.
    let countBinds: String
    /// Method texts that depend on soft delete: documentation, extra parameters, statement choices.
    let reads: ReadMethods
    let finders: [FinderMethod]
    let relations: [RelationMethod]
    /// Per-parent limited loads (`loadEvents(for:orderBy:limit:)`), tree walks (`descendants(of:maxDepth:)`) and
    /// `include(_:for:)`.
    let graphMethods: [MethodText]
    /// The nested include types (their method is the last of `graphMethods`), nil for an entity that has no relation and is no relation's target.
    let include: IncludeContext?
    /// The write methods after `update`: `update(id:set:)` with typed assignments (and its optimistic-locking
    /// variant), then one `upsertByKEY(_:)` per unique key the create input sets; none for `append_only`. (The
    /// template key keeps its first name, `upserts`, so custom templates written for it keep working.)
    let upserts: [MethodText]
    /// `upserts` then `graphMethods`: every method laid out as doc, signature and body, the one list the default
    /// repository template renders (both keys stay, for templates written before it).
    let methods: [MethodText]
    /// Whether the entity has full-text search (`search:`), so it conforms to `SearchableEntity`.
    let isSearchable: Bool
    /// The `cachePolicy` extension: one for a cached entity or one whose deletes change cached rows, else none.
    let cachePolicy: [CacheText.Policy]
    /// How `find(id:)` builds its binds and returns: through the cache for a cached entity (binds built only on a
    /// miss), else straight from the statement.
    let findReturn: [Bind]
    /// The lines after a write before it returns (invalidation of the written row), empty when not cached.
    let createInvalidation: [Bind]
    let updateInvalidation: [Bind]
    /// How `createMany`, the versioned update, `delete`, `restore` and `hardDelete` return (invalidating first).
    let createManyReturn: [Bind]
    /// `createMany`'s tenant, read once before its chunks are encoded (empty when the entity is not tenant-scoped).
    let createManyTenant: [Bind]
    let versionedReturn: [Bind]
    let deleteReturn: [Bind]
    let restoreReturn: [Bind]
    let hardDeleteReturn: [Bind]

    /// `public func NAME(PARAMETERS) async throws -> RESULT {` on one line, or over three when longer than 120 columns.
    static func signature(_ name: String, _ parameters: String, returns result: String) -> [Bind] {
        let oneLine = "public func \(name)(\(parameters)) async throws -> \(result) {"
        guard oneLine.count + 4 > 120 else { return [Bind(line: oneLine)] }
        return [
            Bind(line: "public func \(name)("), Bind(line: "    " + parameters),
            Bind(line: ") async throws -> \(result) {"),
        ]
    }
}

/// The parts of `find`, `findAll`, `count`, `exists` and `delete` that soft delete changes.
///
/// With soft delete each read takes `includeDeleted` and first picks one of two prepared statements
/// (`choice` lines); without it the text is what every repository had before behaviours existed.
struct ReadMethods {
    let findDoc: [DocComment.Line]
    let findAllDoc: [DocComment.Line]
    let countDoc: [DocComment.Line]
    let existsDoc: [DocComment.Line]
    let deleteDoc: [DocComment.Line]
    /// `, includeDeleted: Bool = false` after other parameters, or nothing.
    let includeDeletedParameter: String
    /// `includeDeleted: Bool = false` as the only parameter, or nothing.
    let countParameters: String
    /// `let statement = includeDeleted ? ...` for each read, or no line.
    let findChoice: [EntityContext.Bind]
    let findAllChoice: [EntityContext.Bind]
    let countChoice: [EntityContext.Bind]
    let existsChoice: [EntityContext.Bind]
    /// The statement each read runs: `Self.findStatement`, or `statement` after a choice line.
    let findStatement: String
    let findAllStatement: String
    let countStatement: String
    let existsStatement: String

    init(softDelete: Bool) {
        let choice = { (name: String) -> [EntityContext.Bind] in
            let options = "Self.\(name)IncludingDeletedStatement : Self.\(name)Statement"
            return softDelete ? [EntityContext.Bind(line: "let statement = includeDeleted ? " + options)] : []
        }
        let statement = { (name: String) in softDelete ? "statement" : "Self.\(name)Statement" }
        let hidden = softDelete ? " Soft-deleted rows are left out unless `includeDeleted` is true." : ""
        findDoc = DocComment.wrapped("The row with this primary key, or nil." + hidden)
        findAllDoc = DocComment.wrapped("Up to `limit` rows in primary key order, skipping `offset`." + hidden)
        countDoc = DocComment.wrapped("The number of rows in the table." + hidden)
        existsDoc = DocComment.wrapped("Whether a row with this primary key exists." + hidden)
        deleteDoc = DocComment.wrapped(softDelete
            ? "Soft-deletes the row (sets `deleted_at`); false when it is already deleted or there is none."
            : "Deletes the row with this primary key; false when there was none.")
        includeDeletedParameter = softDelete ? ", includeDeleted: Bool = false" : ""
        countParameters = softDelete ? "includeDeleted: Bool = false" : ""
        (findChoice, findAllChoice, countChoice, existsChoice) =
            (choice("find"), choice("findAll"), choice("count"), choice("exists"))
        (findStatement, findAllStatement, countStatement, existsStatement) =
            (statement("find"), statement("findAll"), statement("count"), statement("exists"))
    }
}
