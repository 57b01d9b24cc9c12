extension SchemaResolver {
    /// Type names the generated code already uses: a schema type of the same name would not compile
    /// or would silently shadow them.
    static let reservedSwiftTypeNames: Set<String> = [
        "Any", "Array", "Bool", "CalendarDate", "Codable", "Data", "Database", "DatabaseExecutor", "Date",
        "Decimal", "Dictionary", "Double", "Error", "Float", "Hashable", "Identifiable", "Int", "Int32", "Int64",
        "JSONValue", "Migration", "Never", "Optional", "PostgresBindings", "PostgresEnum", "PostgresQueryResult",
        "PostgresRow", "PostgresStatement", "PostgresType", "Protocol", "RepogenError", "Self", "Sendable", "Set",
        "String", "Transaction", "Type", "UUID", "Void",
    ]

    /// Reports entity and enum names that clash with a Swift, Foundation or runtime type, or with a name the
    /// generator derives from another entity (`NewQuote`, `QuotePatch`, `QuoteRepository`).
    mutating func checkSwiftTypeNames() {
        var derived: [String: String] = [:]
        for entity in declaration.entities {
            let name = entity.name.value
            for generated in ["New" + name, name + "Patch", name + "Repository"] {
                derived[generated] = "the generated type '\(generated)' of entity '\(name)'"
            }
        }
        let declared = declaration.enums.map { ($0.name, $0.location) }
            + declaration.entities.map { ($0.name.value, $0.name.location) }
        for (name, location) in declared {
            if Self.reservedSwiftTypeNames.contains(name) {
                error("type name '\(name)' is already used by Swift or the Repogen runtime; choose another",
                      at: location)
            } else if let owner = derived[name] {
                error("type name '\(name)' clashes with \(owner)", at: location)
            }
        }
    }
}
