extension Naming {
    /// The problems of a `--namespace`: it must be a Swift type name Swift and the runtime leave free, and the types
    /// derived from it (`<Namespace>Repositories`, `<Namespace>RepositoriesProtocol`, `InMemory<Namespace>Repositories`,
    /// `<Namespace>Schema`) may not be a type of the schema.
    ///
    /// ```swift
    /// Naming.namespaceDiagnostics("App", schema: schema, schemaFile: "schema.yaml")   // [] unless the schema
    ///                                                                                  // declares AppSchema...
    /// ```
    public static func namespaceDiagnostics(_ namespace: String, schema: Schema, schemaFile: String) -> [Diagnostic] {
        let derived = ReservedNames.namespaceSuffixes.map { namespace + $0 } + ["InMemory" + namespace + "Repositories"]
        guard isUsableSwiftTypeName(namespace), derived.allSatisfy(isUsableSwiftTypeName) else {
            let shown = String(reflecting: namespace)
            return [.error("--namespace \(shown) is not usable: it must be a Swift identifier (ASCII letters, digits "
                           + "and underscores, starting with a letter) that is neither a keyword nor a type of "
                           + "Swift or the Repogen runtime", at: .start(of: schemaFile))]
        }
        var diagnostics: [Diagnostic] = []
        for (name, location) in schemaTypeNames(schema) where derived.contains(name) {
            diagnostics.append(.error(
                "type name '\(name)' clashes with the type '\(name)' that --namespace \(namespace) generates; "
                    + "rename it or pass another --namespace", at: location))
        }
        return diagnostics
    }

    /// Every Swift type the schema generates, with where it is declared: enums, entities and each entity's
    /// `New<Entity>`, `<Entity>Patch` and `<Entity>Repository`.
    static func schemaTypeNames(_ schema: Schema) -> [(String, SourceLocation)] {
        var names = schema.enums.map { ($0.name, $0.location) }
        for entity in schema.entities {
            for name in [entity.name] + derivedTypeNames(ofEntity: entity.name) {
                names.append((name, entity.location))
            }
        }
        return names
    }

    /// The types every entity generates besides its own: `New<Entity>`, `<Entity>Patch`, `<Entity>Repository`, its
    /// protocol `<Entity>RepositoryProtocol` and in-memory double `InMemory<Entity>Repository`, and for nested
    /// includes `<Entity>Include` and `<Entity>Node`.
    public static func derivedTypeNames(ofEntity name: String) -> [String] {
        [
            "New" + name, name + "Patch", name + "Repository", name + "RepositoryProtocol",
            "InMemory" + name + "Repository", name + "Include", name + "Node",
        ]
    }
}
