extension SchemaResolver {
    /// Resolves `has_many` / `has_one`: the target entity, and the `belongs_to` fields that join the two.
    mutating func resolveRelations(
        of declaration: EntityDeclaration, resolved entity: Entity, targets: [String: RelationTarget]
    ) -> [Relation] {
        guard !declaration.relations.isEmpty else { return [] }
        var swiftNames = Dictionary(entity.fields.map { ($0.swiftName, "field '\($0.name)'") },
                                    uniquingKeysWith: { first, _ in first })
        for field in entity.fields where field.reference != nil {
            swiftNames[Naming.camelCase(field.name)] = "belongs_to field '\(field.name)'"
        }
        var relations: [Relation] = []
        for relation in declaration.relations {
            let swiftName = Naming.camelCase(relation.name.value)
            if swiftName == Self.includeRowProperty {
                error("relation '\(relation.name.value)' maps to Swift property '\(swiftName)', which every generated "
                      + "include node uses for its own row; rename the relation", at: relation.name.location)
                continue
            }
            if let owner = swiftNames[swiftName] {
                error("relation '\(relation.name.value)' maps to Swift property '\(swiftName)', already used by "
                      + owner, at: relation.name.location)
                continue
            }
            swiftNames[swiftName] = "relation '\(relation.name.value)'"
            guard Naming.isValidSQLIdentifier(relation.name.value), let target = relation.entity,
                  let targetFields = relatedTarget(target, key: "entity", targets: targets) else { continue }
            let resolved: Relation?
            if let through = relation.through {
                resolved = resolveManyToMany(relation, from: entity.name, to: target.value, through: through,
                                             targets: targets)
            } else {
                resolved = resolveInverse(relation, from: entity.name, to: target.value, targetFields: targetFields)
            }
            if var resolved {
                resolved.swiftName = swiftName
                relations.append(resolved)
            }
        }
        return relations
    }

    /// The property of a generated include node (`QuoteNode.row`) that no relation may take.
    static let includeRowProperty = "row"

    /// Checks the names a `belongs_to` gives as a relation (`owner` → `loadOwner(for:)`, `QuoteNode.owner`): usable
    /// as a Swift property, not `row`, and not the name of another `belongs_to` of the same entity.
    mutating func checkParentRelationNames(of entity: EntityDeclaration, fields: [Field]) {
        var owners: [String: String] = [:]
        for field in fields where field.reference != nil {
            let name = Naming.camelCase(field.name)
            let location = entity.fields.first { $0.name.value == field.name }?.name.location ?? entity.name.location
            let problem = Naming.swiftMemberNameProblem(name)
                ?? (name == Self.includeRowProperty ? "is the property every generated include node uses for its row"
                    : owners[name].map { "is already given by belongs_to field '\($0)'" })
            if let problem {
                error("belongs_to field '\(field.name)' gives the relation name '\(name)' (`load\(name.prefix(1).uppercased())"
                      + "\(name.dropFirst())(for:)`), which \(problem); rename the field", at: location)
            }
            owners[name] = owners[name] ?? field.name
        }
    }

    /// The fields of a related entity, or nil after reporting an unknown name.
    private mutating func relatedTarget(
        _ name: Located<String>, key: String, targets: [String: RelationTarget]
    ) -> RelationTarget? {
        if let target = targets[name.value] { return target }
        if enumsByName[name.value] != nil {
            error("'\(name.value)' is an enum, not an entity", at: name.location)
        } else {
            let suggestion = didYouMean(name.value, in: suggestions.entities)
            error("'\(key)' refers to unknown entity '\(name.value)'\(suggestion)", at: name.location)
        }
        return nil
    }

    /// `has_many` / `has_one` by a `belongs_to` of the target that points back at this entity.
    private mutating func resolveInverse(
        _ relation: RelationDeclaration, from source: String, to target: String, targetFields: RelationTarget
    ) -> Relation? {
        guard let key = backReference(in: target, fields: targetFields, to: source, by: relation.by,
                                      at: relation.name.location) else { return nil }
        return Relation(name: relation.name.value, swiftName: "", kind: relation.isMany ? .hasMany : .hasOne,
                        entity: target, foreignKey: key.column, location: relation.name.location)
    }

    /// Many-to-many through a join entity with one `belongs_to` back here and one to the target.
    private mutating func resolveManyToMany(
        _ relation: RelationDeclaration, from source: String, to target: String, through: Located<String>,
        targets: [String: RelationTarget]
    ) -> Relation? {
        guard let joinFields = relatedTarget(through, key: "through", targets: targets),
              let back = backReference(in: through.value, fields: joinFields, to: source, by: relation.by,
                                       at: relation.name.location) else { return nil }
        let forward = (joinFields.references[target] ?? []).filter { $0.column != back.column }
        guard forward.count == 1, let targetKey = forward.first else {
            let problem = forward.isEmpty ? "no other belongs_to field" : "several belongs_to fields ("
                + forward.map { "'\($0.name)'" }.joined(separator: ", ") + ")"
            error("join entity '\(through.value)' has \(problem) pointing at '\(target)'", at: through.location)
            return nil
        }
        return Relation(name: relation.name.value, swiftName: "", kind: .manyToMany, entity: target,
                        foreignKey: back.column, through: through.value, targetKey: targetKey.column,
                        location: relation.name.location)
    }

    /// The `belongs_to` field of `owner` that points at `source`: the one `by` names, else the only one.
    private mutating func backReference(
        in owner: String, fields: RelationTarget, to source: String, by: Located<String>?, at location: SourceLocation
    ) -> Field? {
        let candidates = fields.references[source] ?? []
        if let by {
            guard let field = fields.byName[by.value] else {
                if hasUnresolvedField(named: by.value, in: owner) { return nil }
                let suggestion = didYouMean(by.value, in: candidates.map(\.name))
                error("entity '\(owner)' has no field '\(by.value)'\(suggestion)", at: by.location)
                return nil
            }
            guard field.reference?.entity == source else {
                error("field '\(field.name)' of entity '\(owner)' is not a belongs_to pointing at '\(source)'",
                      at: by.location)
                return nil
            }
            return field
        }
        guard candidates.count == 1, let only = candidates.first else {
            let declared = entityDeclaration(named: owner)?.fields.filter { $0.belongsTo?.value == source }.count ?? 0
            if declared > candidates.count { return nil }
            let names = candidates.map { "'\($0.name)'" }.joined(separator: ", ")
            let problem = candidates.isEmpty ? "has no belongs_to field pointing at '\(source)'"
                : "has several belongs_to fields pointing at '\(source)' (\(names)); choose one with 'by'"
            error("entity '\(owner)' \(problem)", at: location)
            return nil
        }
        return only
    }

    /// Whether `entity` declares a field of that name or column that did not resolve (already reported).
    private func hasUnresolvedField(named name: String, in entity: String) -> Bool {
        entityDeclaration(named: entity)?.fields.contains { $0.name.value == name || $0.column == name } == true
    }
}

/// The fields of a possible relation target, looked up by name or column and grouped by referenced entity.
struct RelationTarget {
    /// Fields by name and by column.
    var byName: [String: Field] = [:]
    /// `belongs_to` fields by the entity they reference, in field order.
    var references: [String: [Field]] = [:]

    /// Indexes one entity's resolved fields.
    init(fields: [Field]) {
        for field in fields {
            if byName[field.name] == nil { byName[field.name] = field }
            if byName[field.column] == nil { byName[field.column] = field }
            if let reference = field.reference { references[reference.entity, default: []].append(field) }
        }
    }
}
