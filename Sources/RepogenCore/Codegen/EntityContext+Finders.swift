/// Declared finders as repository methods: `findByEmail(_:)` returns one optional row, `findByOwner(_:page:)` a page.
extension EntityContext {
    /// The method name of a finder: `find` + the name with its first letter capitalised (`byEmail` → `findByEmail`).
    static func finderName(_ finder: Finder) -> String {
        "find" + finder.name.prefix(1).uppercased() + finder.name.dropFirst()
    }

    static func finderMethod(_ finder: Finder, sql: RepositorySQL, cache: CacheText) -> FinderMethod {
        let entity = sql.entity
        let fields = finder.columns.compactMap(entity.field(forColumn:))
        let names = fields.map { SwiftLiteral.identifier($0.swiftName) }
        var parameters = zip(fields, names).enumerated().map { offset, pair in
            (offset == 0 ? "_ " : "") + pair.1 + ": " + pair.0.type.swiftType
        }
        var binds = names.map { Bind(line: "binds.append(\($0))") }
        if !finder.isUnique {
            parameters.append("page: PageRequest = .first(100)")
            binds.append(Bind(line: "page.append(to: &binds)"))
        }
        binds += sql.tenantField == nil ? [] : tenantBinds(entityName: entity.name)
        let capacity = binds.count + (finder.isUnique ? 0 : 1)
        binds.insert(Bind(line: "var binds = PostgresBindings(capacity: \(capacity))"), at: 0)
        let result = finder.isUnique ? entity.name + "?" : "[\(entity.name)]"
        let statement = "Self." + finderName(finder) + "Statement"
        let rows = "return try await executor.run(\(statement), binds).decodeRows(\(entity.name).decode)"
        let body = finder.isUnique
            ? cache.readReturn(
                CacheText.readKey(of: finder), arguments: names, statement: statement, entity: entity.name,
                binds: binds)
            : binds + [Bind(line: rows)]
        return FinderMethod(
            doc: DocComment.wrapped(finderDoc(finder, fields: fields, entity: entity)),
            signature: signature(finderName(finder), parameters.joined(separator: ", "), returns: result),
            body: body
        )
    }

    static func finderDoc(_ finder: Finder, fields: [Field], entity: Entity) -> String {
        let names = fields.map { "`\($0.column)`" }
        let columns = names.count > 1
            ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") + " equal the arguments"
            : (names.first ?? "") + " equals the argument"
        let hidden = entity.behaviours.softDelete ? " Soft-deleted rows are left out." : ""
        guard !finder.isUnique else {
            return "The row whose \(columns), or nil." + hidden
        }
        var order = finder.order.map { "`\($0.column)`" + ($0.isDescending ? " descending" : "") }
        if !finder.order.contains(where: { $0.column == entity.primaryKey.column }) {
            order.append("`\(entity.primaryKey.column)`")
        }
        return "One page of the rows whose \(columns), ordered by \(order.joined(separator: ", "))." + hidden
    }

    static func finderStatements(_ finders: [Finder], sql: RepositorySQL) -> [Statement] {
        finders.map { finder in
            let fields = finder.columns.compactMap(sql.entity.field(forColumn:))
            let types = fields.map { ".\($0.type.bindTypeName)" } + (finder.isUnique ? [] : [".int8", ".int8"])
                + (sql.tenantField == nil ? [] : [".text"])
            return statement((finderName(finder), sql.finder(finder), types), table: sql.entity.table, readOnly: true)
        }
    }
}
