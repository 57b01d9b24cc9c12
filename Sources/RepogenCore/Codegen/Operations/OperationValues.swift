/// The template values that depend on the rendered repositories: each entity's protocol lines, read back from the
/// repository struct the templates printed (so a template override's methods are listed too).
enum OperationValues {
    /// `values` (the `TemplateValues` tree of a `SchemaContext`) with, on every entity, `protocolName`,
    /// `protocolBase`, `requirements` and `requirementDefaults` (line lists) for the `protocols` template, and on
    /// every in-memory double its `methods` for the `inmemory` template.
    static func attach(_ operations: [String: [RepositoryOperation]], to values: Any) -> Any {
        guard var schema = values as? [String: Any], let entities = schema["entities"] as? [[String: Any]] else {
            return values
        }
        schema["entities"] = entities.map { entity in
            var entity = entity
            let repository = entity["repositoryName"] as? String ?? ""
            let methods = operations[repository] ?? []
            let searchable = entity["isSearchable"] as? Bool ?? false
            entity["protocolName"] = ProtocolText.protocolName(of: repository)
            entity["protocolBase"] = searchable ? "SearchOperations" : "QueryOperations"
            entity["requirements"] = lines(ProtocolText.requirements(methods))
            let defaults = ProtocolText.defaults(methods)
            entity["requirementDefaults"] = lines(defaults)
            entity["hasRequirementDefaults"] = !defaults.isEmpty
            return entity
        }
        schema["inMemory"] = (schema["inMemory"] as? [[String: Any]] ?? []).map { double in
            var double = double
            let methods = operations[double["repositoryName"] as? String ?? ""] ?? []
            double["methods"] = lines(InMemoryMethods.lines(methods))
            return double
        }
        return schema
    }

    /// Lines as the `[{line}]` lists the templates iterate.
    static func lines(_ texts: [String]) -> [[String: Any]] {
        texts.map { ["line": $0] }
    }
}
