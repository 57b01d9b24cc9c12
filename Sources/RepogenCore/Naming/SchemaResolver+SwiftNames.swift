extension SchemaResolver {
    /// Reports entity and enum names that clash with a Swift, Foundation or runtime type, or with a name the
    /// generator derives from another entity (`NewQuote`, `QuotePatch`, `QuoteRepository`).
    mutating func checkSwiftTypeNames() {
        // Derived type name -> its entity; the message is only built for a clash.
        var derived = [String: String](minimumCapacity: 5 * declaration.entities.count)
        for entity in declaration.entities {
            let name = entity.name.value
            for generated in Naming.derivedTypeNames(ofEntity: name) {
                derived[generated] = name
            }
        }
        let declared = declaration.enums.map { ($0.name, $0.location) }
            + declaration.entities.map { ($0.name.value, $0.name.location) }
        for (name, location) in declared {
            if ReservedNames.typeNames.contains(name) {
                error("type name '\(name)' is already used by Swift or the Repogen runtime; choose another",
                      at: location)
            } else if let owner = derived[name] {
                error("type name '\(name)' clashes with the generated type '\(name)' of entity '\(owner)'",
                      at: location)
            }
        }
        for entity in declaration.entities {
            let name = entity.name.value
            for generated in Naming.derivedTypeNames(ofEntity: name)
            where ReservedNames.typeNames.contains(generated) {
                error("entity '\(name)' would generate the type '\(generated)', which Swift or the Repogen runtime "
                      + "already uses; choose another entity name", at: entity.name.location)
            }
        }
    }

    /// Checks the Swift property of a field: a name Swift accepts (escaped if it is a keyword) that no generated
    /// member, local or parameter of the entity's types and repository already takes.
    mutating func checkFieldSwiftName(_ swiftName: String, of field: FieldDeclaration) -> Bool {
        let name = field.name.value
        if let problem = Naming.swiftMemberNameProblem(swiftName) {
            error("field '\(name)' maps to Swift property '\(swiftName)', which \(problem); rename the field",
                  at: field.name.location)
            return false
        }
        if ReservedNames.fieldNames.contains(swiftName) {
            error("field '\(name)' maps to Swift property '\(swiftName)', a name the generated code already uses "
                  + "(see the reserved names in docs/schema-reference.md); rename the field", at: field.name.location)
            return false
        }
        return true
    }
}
