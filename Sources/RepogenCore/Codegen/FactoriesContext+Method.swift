/// The text of one `create<Entity>` method.
extension FactoriesContext {
    /// A parent parameter: its label, and how the body gets the parent's key.
    private struct Parent {
        let field: Field
        let label: String
        let type: String
        /// Created first when not given (a required parent whose own chain ends), else given or NULL.
        let createdOnDemand: Bool
        /// Required, with no way to create it first: the parameter has no default.
        let mustBeGiven: Bool
        let key: String
    }

    static func method(_ entity: Entity, schema: Schema, creatable: Set<String>) -> Method {
        // The order of the create input's initializer (EntityContext.inputProperties): required fields first.
        let insertFields = RepositorySQL(entity: entity, schema: schema).insertFields
        let isRequired = { (field: Field) in !field.isOptional && field.defaultValue == nil }
        let fields = insertFields.filter(isRequired) + insertFields.filter { !isRequired($0) }
        let parentNames = fields.filter { $0.reference != nil }.map { Naming.camelCase($0.name) }
        let parents = fields.compactMap { parent($0, schema: schema, creatable: creatable, taken: parentNames) }
        let uniqueColumns = Set(entity.indexes.filter(\.isUnique).flatMap(\.columns).map(\.column))
        var arguments: [String] = []
        var numbered = false
        for field in fields {
            let label = Naming.swiftArgumentLabel(field.swiftName)
            if let parent = parents.first(where: { $0.field == field }) {
                let optional = parent.mustBeGiven || parent.createdOnDemand ? "" : "?"
                arguments.append("\(label): \(parent.label)\(optional).\(parent.key)")
            } else if isRequired(field) || field.isUnique || uniqueColumns.contains(field.column) {
                arguments.append("\(label): \(value(of: field))")
                numbered = true
            }
        }
        let newName = "New" + entity.name
        let input = arguments.isEmpty ? ["var input = \(newName)()"]
            : ["var input = \(newName)("] + arguments.enumerated().map { position, argument in
                "    " + argument + (position == arguments.count - 1 ? "" : ",")
            } + [")"]
        let property = SwiftLiteral.identifier(Naming.camelCase(entity.table))
        let body = (numbered ? ["let number = self.sequence.next()"] : [])
            + parents.filter(\.createdOnDemand).map {
                "let \($0.label) = if let \($0.label) { \($0.label) } else { try await self.create\($0.type)() }"
            }
            + input + ["try customize(&input)", "return try await self.repositories.\(property).create(input)"]
        return Method(
            name: "create" + entity.name, docLines: docLines(entity, parents: parents),
            parameters: parents.map { "\($0.label): \($0.type)\($0.mustBeGiven ? "" : "? = nil")," },
            newName: newName, returnType: entity.name, body: body
        )
    }

    /// `taken`: every parent parameter's name before renaming, which a renamed one may not take either.
    private static func parent(_ field: Field, schema: Schema, creatable: Set<String>, taken: [String]) -> Parent? {
        guard let reference = field.reference, let target = schema.entity(named: reference.entity) else { return nil }
        let required = !field.isOptional && field.defaultValue == nil
        var name = Naming.camelCase(field.name)
        if bodyNames.contains(name) {
            repeat { name += "Parent" } while taken.contains(name)
        }
        let label = SwiftLiteral.identifier(name)
        return Parent(
            field: field, label: label, type: target.name,
            createdOnDemand: required && creatable.contains(target.name),
            mustBeGiven: required && !creatable.contains(target.name),
            key: SwiftLiteral.identifier(target.primaryKey.swiftName)
        )
    }

    /// `FactoryValue.string("title", number, maxLength: 200)` and the like: a valid value differing with `number`.
    static func value(of field: Field) -> String {
        let name = SwiftLiteral.string(field.column)
        switch field.type {
        case .uuid: return "FactoryValue.uuid(number)"
        case .string(let maxLength?): return "FactoryValue.string(\(name), number, maxLength: \(maxLength))"
        case .string(nil), .text: return "FactoryValue.string(\(name), number)"
        case .int: return "FactoryValue.int32(number)"
        case .bigint: return "FactoryValue.int64(number)"
        case .bool: return "FactoryValue.bool(number)"
        case .decimal(let precision, let scale):
            return "FactoryValue.decimal(number, precision: \(precision), scale: \(scale))"
        case .double: return "FactoryValue.double(number)"
        case .timestamp: return "FactoryValue.timestamp(number)"
        case .date: return "FactoryValue.date(number)"
        case .json: return "FactoryValue.json(number)"
        case .bytes: return "FactoryValue.bytes(number)"
        case .enumeration(let type): return "FactoryValue.element(of: \(type).allCases, number)"
        }
    }

    private static func docLines(_ entity: Entity, parents: [Parent]) -> [String] {
        var lines = [
            "/// Creates a row of `\(entity.table)`, after `customize` has changed its input as it likes; each value",
            "/// the row needs takes a new number of `sequence`.",
        ]
        for parent in parents {
            let how = parent.createdOnDemand ? "created first when nil"
                : parent.mustBeGiven ? "never created first: its required parents lead back round"
                : "NULL when nil"
            lines.append("/// - `\(parent.label)`: the `\(parent.type)` row `\(parent.field.swiftName)` points at, \(how).")
        }
        return lines
    }
}
