extension SchemaResolver {
    /// A column a behaviour needs: what it is called, the role it plays, and what a declared one must be.
    private struct BehaviourColumn {
        var column: String
        /// The behaviour key that asks for the column.
        var behaviour: String
        var role: FieldRole
        var type: FieldType
        var isOptional: Bool
        var defaultValue: FieldDefault?
        /// What a declared field of that column must be, for the diagnostic.
        var requirement: String
        /// Whether a declared field of that column can play the role.
        var fits: @Sendable (Field) -> Bool
    }

    private static let createdAt = BehaviourColumn(
        column: "created_at", behaviour: "timestamps",
        role: .createdAt, type: .timestamp, isOptional: false, defaultValue: .now,
        requirement: "a timestamp that is not optional", fits: { $0.type == .timestamp && !$0.isOptional })
    private static let updatedAt = BehaviourColumn(
        column: "updated_at", behaviour: "timestamps",
        role: .updatedAt, type: .timestamp, isOptional: false, defaultValue: .now,
        requirement: "a timestamp that is not optional", fits: { $0.type == .timestamp && !$0.isOptional })
    private static let deletedAt = BehaviourColumn(
        column: "deleted_at", behaviour: "soft_delete",
        role: .softDelete, type: .timestamp, isOptional: true, defaultValue: nil,
        requirement: "an optional timestamp without a default",
        fits: { $0.type == .timestamp && $0.isOptional && $0.defaultValue == nil })
    private static let version = BehaviourColumn(
        column: "version", behaviour: "versioned",
        role: .version, type: .bigint, isOptional: false, defaultValue: .literal("1"),
        requirement: "an int or bigint that is not optional",
        fits: { ($0.type == .int || $0.type == .bigint) && !$0.isOptional && !$0.isPrimary })

    /// Sets the entity's behaviours and adds (or adopts) the columns they need, in a fixed order:
    /// `created_at`, `updated_at` (timestamps), `deleted_at` (soft_delete), `version` (versioned).
    mutating func applyBehaviours(of declaration: EntityDeclaration, to entity: inout Entity) {
        let declared = declaration.behaviours
        var behaviours = EntityBehaviours(
            softDelete: declared.softDelete?.value == true, versioned: declared.versioned?.value == true,
            audited: declared.audited?.value == true, timestamps: declared.timestamps?.value == true,
            appendOnly: declared.appendOnly?.value == true)
        if let appendOnly = declared.appendOnly, appendOnly.value {
            for (key, flag) in [("soft_delete", declared.softDelete), ("versioned", declared.versioned)]
            where flag?.value == true {
                error("'append_only' contradicts '\(key)': an append-only entity is never updated or deleted",
                      at: appendOnly.keyLocation)
            }
        }
        let requested: [(Located<Bool>?, [BehaviourColumn])] = [
            (declared.timestamps, [Self.createdAt, Self.updatedAt]),
            (declared.softDelete, [Self.deletedAt]),
            (declared.versioned, [Self.version]),
        ]
        for (flag, columns) in requested {
            guard let flag, flag.value else { continue }
            for column in columns {
                addColumn(column, for: flag, declaration: declaration, to: &entity)
            }
        }
        if let tenant = declared.tenant {
            behaviours.tenantColumn = adoptTenant(tenant, declaration: declaration, entity: &entity)
        }
        entity.behaviours = behaviours
    }

    /// Gives a declared field of the column its role, or appends a synthesized field at the behaviour key.
    private mutating func addColumn(
        _ column: BehaviourColumn, for flag: Located<Bool>, declaration: EntityDeclaration, to entity: inout Entity
    ) {
        let behaviour = flag.keyLocation
        if let position = entity.fields.firstIndex(where: { $0.column == column.column }) {
            let field = entity.fields[position]
            guard column.fits(field), field.role == nil else {
                error("field '\(field.name)' cannot be the '\(column.behaviour)' column '\(column.column)': it must be "
                      + column.requirement, at: field.location)
                return
            }
            entity.fields[position].role = column.role
            return
        }
        if declaration.fields.contains(where: { $0.column == column.column }) { return }
        let swiftName = Naming.camelCase(column.column)
        if let other = entity.fields.first(where: { $0.swiftName == swiftName }) {
            error("field '\(other.name)' maps to Swift property '\(swiftName)', which the '\(column.behaviour)' "
                  + "column '\(column.column)' needs", at: other.location)
            return
        }
        entity.fields.append(Field(
            name: column.column, column: column.column, swiftName: swiftName, type: column.type,
            isOptional: column.isOptional, defaultValue: column.defaultValue, location: behaviour,
            role: column.role))
    }

    /// Gives the `tenant:` field its role and returns its column; it must exist, be required, not the key, not an enum.
    private mutating func adoptTenant(
        _ tenant: Located<String>, declaration: EntityDeclaration, entity: inout Entity
    ) -> String? {
        let columns = EntityColumns(declaration: declaration, fields: entity.fields)
        guard let field = column(named: tenant.value, at: tenant.location, of: declaration, columns: columns,
                                 in: "tenant"),
              let position = entity.fields.firstIndex(where: { $0.column == field.column }) else { return nil }
        let problem: String?
        if field.isPrimary {
            problem = "is the primary key"
        } else if field.isOptional {
            problem = "is optional"
        } else if field.role != nil {
            problem = "is already a behaviour column"
        } else {
            problem = nil
        }
        if let problem {
            error("tenant field '\(field.name)' \(problem); the tenant must be a required column", at: tenant.location)
            return nil
        }
        if case .enumeration = field.type {
            // The row-level security policy names the tenant column, and PostgreSQL cannot change the type of a
            // column a policy uses, which a later migration of the enum's labels would have to do.
            error("tenant field '\(field.name)' has an enum type; a tenant column must not be an enum, since its "
                  + "row-level security policy would block every later change of the enum's labels",
                  at: tenant.location)
            return nil
        }
        entity.fields[position].role = .tenant
        return field.column
    }
}
