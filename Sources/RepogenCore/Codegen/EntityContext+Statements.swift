/// The prepared statements of a repository, in the order the template prints them.
extension EntityContext {
    /// A statement's property, SQL and parameter types before it is named and quoted.
    typealias StatementSource = (property: String, sql: String, types: [String])

    static func statements(_ sql: RepositorySQL, canWrite: Bool, isVersioned: Bool) -> [Statement] {
        let key = ".\(sql.entity.primaryKey.type.bindTypeName)"
        let softDeleted = sql.deletedAt != nil
        let patchTypes = [key] + sql.patchFields.flatMap { [".bool", ".\($0.type.bindTypeName)"] }
        let tenant = sql.tenantField == nil ? [String]() : [".text"]
        let actor = tenant + (sql.audit == nil ? [String]() : [".text"])
        let keyed = [key] + tenant
        let paged = [".int8", ".int8"] + tenant
        var all: [StatementSource] = [("find", sql.find, keyed)]
        if softDeleted { all.append(("findIncludingDeleted", sql.findIncludingDeleted, keyed)) }
        all.append(("findAll", sql.findAll, paged))
        if softDeleted { all.append(("findAllIncludingDeleted", sql.findAllIncludingDeleted, paged)) }
        all += [
            ("create", sql.create, sql.insertFields.map { ".\($0.type.bindTypeName)" } + actor),
            ("createMany", sql.createMany, sql.insertFields.map { ".\($0.type.bindTypeName)Array" } + actor),
        ]
        if canWrite {
            all.append(("update", sql.update, patchTypes + actor))
            if isVersioned, let version = sql.entity.field(withRole: .version) {
                let versionType = ".\(version.type.bindTypeName)"
                all.append(("updateExpectingVersion", sql.updateExpectingVersion, patchTypes + [versionType] + actor))
                all.append(("currentVersion", sql.currentVersion, keyed))
            }
            all.append(("delete", softDeleted ? sql.softDelete : sql.delete, [key] + actor))
            if softDeleted {
                all += [("restore", sql.restore, [key] + actor), ("hardDelete", sql.delete, [key] + actor)]
            }
        }
        all.append(("count", sql.count, tenant))
        if softDeleted { all.append(("countIncludingDeleted", sql.countIncludingDeleted, tenant)) }
        all.append(("exists", sql.exists, keyed))
        if softDeleted { all.append(("existsIncludingDeleted", sql.existsIncludingDeleted, keyed)) }
        return all.map { statement($0, table: sql.entity.table, readOnly: readStatements.contains($0.property)) }
    }

    /// The statements above that only read: declared read-only, so they run again after a lost connection and
    /// may share a pipeline. Decided here, by what each statement is for, never by its SQL text.
    static let readStatements: Set<String> = [
        "find", "findIncludingDeleted", "findAll", "findAllIncludingDeleted", "currentVersion",
        "count", "countIncludingDeleted", "exists", "existsIncludingDeleted",
    ]

    /// Names a statement `repogen_TABLE_PROPERTY`, kept within PostgreSQL's 63-byte limit on prepared statement names.
    static func statement(_ source: StatementSource, table: String, readOnly: Bool) -> Statement {
        Statement(
            property: source.property,
            name: Naming.boundedName("repogen_" + table + "_" + Naming.snakeCase(source.property), suffix: ""),
            sql: source.sql,
            sqlLiteral: SwiftLiteral.string(source.sql),
            parameterTypes: "[" + source.types.joined(separator: ", ") + "]",
            readOnly: readOnly
        )
    }
}
