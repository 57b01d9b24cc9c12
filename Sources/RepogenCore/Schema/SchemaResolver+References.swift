extension SchemaResolver {
    /// Builds the fields of an entity: types, `belongs_to` references and defaults.
    /// A field whose type cannot be resolved is left out; its error is already recorded.
    mutating func resolveFields(of entity: EntityDeclaration, types: [FieldType?]) -> [Field] {
        zip(entity.fields, types).compactMap { declaration, declaredType in
            var type = declaredType
            var reference: ForeignKey?
            if declaration.type == nil, let target = declaration.belongsTo {
                guard let resolved = resolveReference(to: target, for: declaration) else { return nil }
                (type, reference) = resolved
            }
            guard let type else { return nil }
            let defaultValue = declaration.defaultValue.flatMap { resolveDefault($0, of: declaration, type: type) }
            return Field(
                name: declaration.name.value, column: declaration.column,
                swiftName: Naming.camelCase(declaration.column), type: type,
                isPrimary: declaration.primary, isOptional: declaration.optional,
                isUnique: declaration.isUnique?.value == true, defaultValue: defaultValue,
                reference: reference, location: declaration.name.location,
                doc: declaration.doc?.value, renamedFrom: declaration.renamedFrom?.value
            )
        }
    }

    /// The type and foreign key of a `belongs_to`: the target's primary key.
    private mutating func resolveReference(
        to target: Located<String>, for field: FieldDeclaration
    ) -> (FieldType, ForeignKey)? {
        guard let position = entityPositions[target.value] else {
            if enumsByName[target.value] != nil {
                error("'\(target.value)' is an enum, not an entity (use 'type: \(target.value)')",
                      at: target.location)
            } else {
                let suggestion = didYouMean(target.value, in: suggestions.entities)
                error("'belongs_to' refers to unknown entity '\(target.value)'\(suggestion)", at: target.location)
            }
            return nil
        }
        let entity = declaration.entities[position].name.value
        guard let table = tablesByEntity[entity], let primaryKey = primaryKeys[entity] else { return nil }
        let onDelete = field.onDelete?.value ?? .restrict
        let key = ForeignKey(entity: entity, table: table, column: primaryKey.column, onDelete: onDelete)
        return (primaryKey.type, key)
    }

    /// Checks a `default:` against the field type.
    private mutating func resolveDefault(
        _ spelling: Located<DefaultSpelling>, of field: FieldDeclaration, type: FieldType
    ) -> FieldDefault? {
        let cases: [String]
        if case .enumeration(let name) = type { cases = enumsByName[name]?.cases ?? [] } else { cases = [] }
        do {
            let value = try DefaultValueChecker.check(spelling.value, type: type, enumCases: cases)
            if value == .identity && field.optional {
                error("an identity column cannot be optional", at: spelling.location)
                return nil
            }
            return value
        } catch {
            self.error(error.message, at: spelling.location)
            return nil
        }
    }

    /// Checks that column names are valid and that no two fields share a column or a Swift name.
    mutating func checkColumns(of entity: EntityDeclaration, fields: [Field]) {
        var columnOwners = FirstOwners(capacity: entity.fields.count)
        var swiftNameOwners = FirstOwners(capacity: entity.fields.count)
        for field in entity.fields {
            let name = field.name.value
            let column = field.column
            guard Naming.isValidSQLIdentifier(name) else { continue }
            guard Naming.isValidSQLIdentifier(column) else {
                error("column name '\(column)' of field '\(name)' is longer than 63 bytes", at: field.name.location)
                continue
            }
            if ReservedNames.systemColumns.contains(column) {
                error("field '\(name)' maps to column '\(column)', a system column every PostgreSQL table already has; "
                      + "rename the field or set 'column'", at: field.name.location)
                continue
            }
            if let owner = columnOwners[column] {
                error("field '\(name)' maps to column '\(column)', already used by field '\(owner)'",
                      at: field.name.location)
                continue
            }
            columnOwners.claim(column, for: name)
            let swiftName = Naming.camelCase(column)
            guard checkFieldSwiftName(swiftName, of: field) else { continue }
            if let owner = swiftNameOwners[swiftName] {
                error("field '\(name)' maps to Swift property '\(swiftName)', already used by field '\(owner)'",
                      at: field.name.location)
            }
            swiftNameOwners.claim(swiftName, for: name)
        }
    }
}
