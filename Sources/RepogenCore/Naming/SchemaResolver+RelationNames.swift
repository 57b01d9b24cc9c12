extension SchemaResolver {
    /// Names PostgreSQL gives relations before any declared index: tables, primary keys, unique constraints and
    /// identity sequences share one namespace (`pg_class`) with indexes, so an index may not take one of them, and
    /// a table that takes one is reported (`notes_pkey`, `events_id_seq`).
    mutating func reservedRelationNames(_ fieldsByEntity: [[Field]]) -> [String: RelationOwner] {
        var names = [String: RelationOwner](minimumCapacity: 2 * declaration.entities.count)
        var tableLocations = [String: SourceLocation](minimumCapacity: declaration.entities.count)
        for entity in declaration.entities {
            guard let table = tablesByEntity[entity.name.value] else { continue }
            names[table] = .table(ofEntity: entity.name.value)
            tableLocations[table] = entity.table?.location ?? entity.name.location
        }
        for (table, owner) in implicitRelationNames(fieldsByEntity) {
            if let location = tableLocations[table] {
                error("table '\(table)' is also the name of \(owner) (tables, indexes, sequences and types "
                      + "share one namespace in PostgreSQL); choose another table name", at: location)
                tableLocations[table] = nil
            }
            if names[table] == nil { names[table] = owner }
        }
        return names
    }

    /// The relations and types the DDL names or PostgreSQL derives, with a description of each owner.
    private func implicitRelationNames(_ fieldsByEntity: [[Field]]) -> [(String, RelationOwner)] {
        var names: [(String, RelationOwner)] = []
        names.reserveCapacity(declaration.entities.count)
        for (entity, fields) in zip(declaration.entities, fieldsByEntity) {
            guard let table = tablesByEntity[entity.name.value] else { continue }
            let name = entity.name.value
            names.append((Naming.boundedName(table, suffix: "_pkey"), .primaryKey(ofEntity: name)))
            for field in fields where field.isUnique && !field.isPrimary {
                names.append((Naming.boundedName(table + "_" + field.column, suffix: "_key"),
                              .uniqueConstraint(ofField: field.name)))
            }
            for field in fields where field.defaultValue == .identity {
                names.append((Naming.boundedName(table + "_" + field.column, suffix: "_seq"),
                              .identitySequence(ofField: field.name)))
            }
        }
        for enumType in declaration.enums {
            names.append((Naming.boundedName(enumType.sqlName, suffix: "_repogen_old"),
                          .renamedEnum(enumType.name)))
        }
        return names
    }

    /// Checks the Swift property every table gets on `<Namespace>Repositories` and `DatabaseExecutor`: a valid,
    /// unreserved name that no other table's property takes (`a_b` and `a__b` both give `aB`); `owners` maps each
    /// property taken so far to its entity.
    mutating func checkRepositoryProperty(
        of entity: EntityDeclaration, table: String, at location: SourceLocation, owners: inout [String: String]
    ) {
        let property = Naming.camelCase(table)
        if let problem = Naming.swiftMemberNameProblem(property) {
            error("table '\(table)' gives the repository property '\(property)', which \(problem); "
                  + "choose another table name", at: location)
        } else if ReservedNames.repositoryProperties.contains(property) {
            error("table '\(table)' gives the repository property '\(property)', a name the generated code "
                  + "already uses; choose another table name", at: location)
        } else if let owner = owners[property] {
            error("table '\(table)' gives the repository property '\(property)', already given by the table of "
                  + "entity '\(owner)'; choose another table name", at: location)
        } else {
            owners[property] = entity.name.value
        }
    }
}

/// What owns a relation name in PostgreSQL's shared namespace, described only when a clash is reported (so a large
/// schema does not format one message per table).
enum RelationOwner: CustomStringConvertible {
    case table(ofEntity: String)
    case primaryKey(ofEntity: String)
    case uniqueConstraint(ofField: String)
    case identitySequence(ofField: String)
    case renamedEnum(String)
    case index(ofEntity: String)

    /// The owner as the clash message names it.
    var description: String {
        switch self {
        case .table(let entity): "the table of entity '\(entity)'"
        case .primaryKey(let entity): "the primary key of entity '\(entity)'"
        case .uniqueConstraint(let field): "the unique constraint of field '\(field)'"
        case .identitySequence(let field): "the identity sequence of field '\(field)'"
        case .renamedEnum(let name): "the type a migration renames enum '\(name)' to while it changes"
        case .index(let entity): "an index of entity '\(entity)'"
        }
    }
}
