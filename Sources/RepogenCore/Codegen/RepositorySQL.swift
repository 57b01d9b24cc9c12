/// The fixed SQL of one entity's repository, decided at generation time.
///
/// Every bind is cast (`$1::uuid`) so the server never has to guess a type, and a field with a
/// default is written as `COALESCE($n::type, default)` so one prepared statement covers inputs
/// with and without the value.
struct RepositorySQL {
    let entity: Entity
    let schema: Schema

    /// Fields an insert writes: all except identity columns, which the database always assigns.
    var insertFields: [Field] {
        entity.fields.filter { $0.defaultValue != .identity }
    }

    /// Fields a patch can change: everything but the primary key.
    var patchFields: [Field] {
        entity.fields.filter { !$0.isPrimary }
    }

    var table: String { SQL.identifier(entity.table) }
    var primaryKey: String { SQL.identifier(entity.primaryKey.column) }
    var selectList: String { entity.fields.map { SQL.identifier($0.column) }.joined(separator: ", ") }

    func bind(_ position: Int, _ field: Field) -> String {
        "$\(position)::\(field.type.bindCast(in: schema))"
    }

    /// `value` as the column's type, with the field's default when it is NULL.
    func valueOrDefault(_ value: String, _ field: Field) -> String {
        guard let preset = field.defaultValue, let fallback = field.type.sqlDefault(preset, in: schema) else {
            return value
        }
        return "COALESCE(\(value), \(fallback))"
    }

    var find: String {
        "SELECT \(selectList) FROM \(table) WHERE \(primaryKey) = \(bind(1, entity.primaryKey))"
    }

    var findAll: String {
        "SELECT \(selectList) FROM \(table) ORDER BY \(primaryKey) LIMIT $1::bigint OFFSET $2::bigint"
    }

    var create: String {
        guard !insertFields.isEmpty else { return "INSERT INTO \(table) DEFAULT VALUES RETURNING \(selectList)" }
        let columns = insertFields.map { SQL.identifier($0.column) }.joined(separator: ", ")
        let values = insertFields.enumerated()
            .map { valueOrDefault(bind($0.offset + 1, $0.element), $0.element) }
            .joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns)) VALUES (\(values)) RETURNING \(selectList)"
    }

    /// One statement for any number of rows: each column travels as one array, `unnest` zips them.
    var createMany: String {
        let columns = insertFields.map { SQL.identifier($0.column) }.joined(separator: ", ")
        let arrays = insertFields.enumerated().map { position, field in
            let element = field.type.travelsAsText ? "text" : field.type.bindCast(in: schema)
            return "$\(position + 1)::\(element)[]"
        }
        let aliases = insertFields.indices.map { "c\($0 + 1)" }
        let values = zip(insertFields, aliases).map { field, alias in
            let column = "input." + alias
            let cast = field.type.travelsAsText ? column + "::" + field.type.bindCast(in: schema) : column
            return valueOrDefault(cast, field)
        }
        return "INSERT INTO \(table) (\(columns)) SELECT \(values.joined(separator: ", ")) "
            + "FROM unnest(\(arrays.joined(separator: ", "))) AS input(\(aliases.joined(separator: ", "))) "
            + "RETURNING \(selectList)"
    }

    /// Each patchable column has a flag and a value: `CASE WHEN $2::boolean THEN $3::text ELSE title END`.
    var update: String {
        let assignments = patchFields.enumerated().map { offset, field in
            let column = SQL.identifier(field.column)
            let flag = 2 + offset * 2
            return "\(column) = CASE WHEN $\(flag)::boolean THEN \(bind(flag + 1, field)) ELSE \(column) END"
        }
        let setList = assignments.isEmpty ? "\(primaryKey) = \(primaryKey)" : assignments.joined(separator: ", ")
        return "UPDATE \(table) SET \(setList) "
            + "WHERE \(primaryKey) = \(bind(1, entity.primaryKey)) RETURNING \(selectList)"
    }

    var delete: String {
        "DELETE FROM \(table) WHERE \(primaryKey) = \(bind(1, entity.primaryKey))"
    }

    var count: String {
        "SELECT count(*) FROM \(table)"
    }

    var exists: String {
        "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(primaryKey) = \(bind(1, entity.primaryKey)))"
    }
}
