/// Enum types that appear, disappear, gain labels, or lose or reorder them.
extension SchemaDiff {
    /// Enums in both schemas, as (old, new), matched by SQL name.
    var commonEnums: [(old: EnumType, new: EnumType)] {
        new.enums.compactMap { type in old.enums.first { $0.sqlName == type.sqlName }.map { ($0, type) } }
    }

    func createdEnumSteps() -> [MigrationStep] {
        let ddl = SchemaDDL(schema: new)
        return new.enums.filter { type in !old.enums.contains { $0.sqlName == type.sqlName } }.map { type in
            MigrationStep(
                summary: "create enum \(type.sqlName)", up: [ddl.createEnum(type)],
                down: ["DROP TYPE \(SQL.identifier(type.sqlName));"], location: type.location)
        }
    }

    func droppedEnumSteps() -> [MigrationStep] {
        let ddl = SchemaDDL(schema: old)
        return old.enums.filter { type in !new.enums.contains { $0.sqlName == type.sqlName } }.map { type in
            MigrationStep(
                summary: "drop enum \(type.sqlName)", up: ["DROP TYPE \(SQL.identifier(type.sqlName));"],
                down: [ddl.createEnum(type)], location: type.location)
        }
    }

    /// Labels added with every old label kept in order: `ADD VALUE` outside the transaction, so the rest of
    /// the migration can use them (PostgreSQL refuses a label added in the same transaction).
    func addedEnumValueSteps() -> [MigrationStep] {
        commonEnums.filter { Self.isSubsequence($0.old.cases, of: $0.new.cases) }.flatMap { pair in
            let added = pair.new.cases.enumerated().filter { !pair.old.cases.contains($0.element) }
            return added.enumerated().map { position, label in
                let next = pair.new.cases[(label.offset + 1)...].first { pair.old.cases.contains($0) }
                let placement = next.map { " BEFORE \(SQL.stringLiteral($0))" } ?? ""
                let down = position == 0 ? recreateEnum(pair.old.sqlName, labels: pair.old.cases) : []
                return MigrationStep(
                    summary: "add value '\(label.element)' to enum \(pair.new.sqlName)",
                    up: ["ALTER TYPE \(SQL.identifier(pair.new.sqlName)) ADD VALUE IF NOT EXISTS "
                        + "\(SQL.stringLiteral(label.element))\(placement);"],
                    down: down, location: pair.new.location, isTransactional: false)
            }
        }
    }

    /// Labels removed or reordered: the type is rebuilt and every column converted through text.
    func recreatedEnumSteps() -> [MigrationStep] {
        commonEnums.filter { !Self.isSubsequence($0.old.cases, of: $0.new.cases) }.map { pair in
            let risks = pair.old.cases.filter { !pair.new.cases.contains($0) }.map { label in
                MigrationRisk(
                    kind: .dropEnumValue, target: "\(pair.new.sqlName).\(label)",
                    message: "removes value '\(label)' from enum \(pair.new.sqlName); "
                        + "rows holding it fail the migration",
                    location: pair.new.location)
            }
            return MigrationStep(
                summary: "rebuild enum \(pair.new.sqlName) with values \(pair.new.cases.joined(separator: ", "))",
                up: recreateEnum(pair.new.sqlName, labels: pair.new.cases),
                down: recreateEnum(pair.old.sqlName, labels: pair.old.cases), location: pair.new.location,
                risks: risks)
        }
    }

    /// Renames the type aside, creates it with `labels`, converts every column of the old schema that uses it
    /// (its default dropped and restored around the conversion), then drops the old type.
    func recreateEnum(_ sqlName: String, labels: [String]) -> [String] {
        let name = SQL.identifier(sqlName)
        let aside = SQL.identifier(Naming.boundedName(sqlName, suffix: "_repogen_old"))
        var statements = [
            "ALTER TYPE \(name) RENAME TO \(aside);",
            "CREATE TYPE \(name) AS ENUM (\(labels.map(SQL.stringLiteral).joined(separator: ", ")));",
        ]
        for entity in old.entities {
            for field in entity.fields {
                guard case .enumeration(let typeName) = field.type, old.enumType(named: typeName)?.sqlName == sqlName
                else { continue }
                let column = "ALTER TABLE \(SQL.identifier(entity.table)) ALTER COLUMN \(SQL.identifier(field.column))"
                let defaultValue = field.defaultValue.flatMap { value -> String? in
                    if case .literal(let label) = value, !labels.contains(label) { return nil }
                    return field.type.sqlDefault(value, in: old)
                }
                statements += field.defaultValue == nil ? [] : ["\(column) DROP DEFAULT;"]
                statements.append("\(column) TYPE \(name) USING \(SQL.identifier(field.column))::text::\(name);")
                statements += defaultValue.map { ["\(column) SET DEFAULT \($0);"] } ?? []
            }
        }
        return statements + ["DROP TYPE \(aside);"]
    }

    /// Whether `part` appears in `whole` in the same order, possibly with other elements between.
    static func isSubsequence(_ part: [String], of whole: [String]) -> Bool {
        var remaining = part[...]
        for element in whole where element == remaining.first {
            remaining = remaining.dropFirst()
        }
        return remaining.isEmpty
    }
}
