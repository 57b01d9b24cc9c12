extension SchemaResolver {
    /// Checks `renamed_from:` on entities and fields: it must name something that no longer exists under that
    /// name, and no two renames may claim the same old name.
    mutating func checkRenames(_ entities: [Entity]) {
        let tables = Dictionary(entities.map { ($0.table, $0.name) }, uniquingKeysWith: { first, _ in first })
        var claimed: [String: String] = [:]
        for (declaration, entity) in zip(declaration.entities, entities) {
            if let old = declaration.renamedFrom {
                if let owner = tables[old.value] {
                    let problem = owner == entity.name ? "is the entity's current table"
                        : "is the table of entity '\(owner)'"
                    error("'renamed_from: \(old.value)' \(problem)", at: old.location)
                } else if let other = claimed[old.value] {
                    error("table '\(old.value)' is already renamed to entity '\(other)'", at: old.location)
                } else {
                    claimed[old.value] = entity.name
                }
            }
            checkFieldRenames(declaration, entity: entity)
        }
    }

    /// The field half of `checkRenames`, within one entity.
    private mutating func checkFieldRenames(_ declaration: EntityDeclaration, entity: Entity) {
        guard declaration.fields.contains(where: { $0.renamedFrom != nil }) else { return }
        let columns = Dictionary(entity.fields.map { ($0.column, $0.name) }, uniquingKeysWith: { first, _ in first })
        var claimed: [String: String] = [:]
        for field in declaration.fields {
            guard let old = field.renamedFrom else { continue }
            if let owner = columns[old.value] {
                let problem = owner == field.name.value ? "is the field's current column"
                    : "is the column of field '\(owner)'"
                error("'renamed_from: \(old.value)' \(problem)", at: old.location)
            } else if let other = claimed[old.value] {
                error("column '\(old.value)' is already renamed to field '\(other)'", at: old.location)
            } else {
                claimed[old.value] = field.name.value
            }
        }
    }
}
