/// What `factories.mustache` prints: one `create<Entity>` method per entity of `<Namespace>Factories`, which inserts
/// a valid row through the schema's repositories protocol.
///
/// A method fills every create-input field an insert needs, and every unique one (a sequence number makes it differ
/// from row to row); other fields keep their column default or NULL. A required parent not given is created first
/// by its own method, unless the required `belongs_to` chain from it comes back to an entity (a self-reference, a
/// cycle): such a parent has no way to be created first, so the method requires it.
struct FactoriesContext {
    /// One entity's `create<Entity>` method: its documentation, parameter lines and body lines.
    struct Method {
        let name: String
        let docLines: [String]
        let parameters: [String]
        let newName: String
        let returnType: String
        let body: [String]
    }

    /// Names the method body declares or reads unqualified, which a parent parameter may not take (it is renamed
    /// `<name>Parent`); the body reaches the struct's members through `self.`, so they need not be listed.
    static let bodyNames: Set<String> = ["number", "input", "customize", "self"]

    let sourceFile: String
    let factoriesName: String
    let repositoriesName: String
    let repositoriesProtocolName: String
    let exampleMethod: String
    let methods: [Method]

    init(schema: Schema, namespace: String, sourceFile: String) {
        self.sourceFile = sourceFile
        factoriesName = namespace + "Factories"
        repositoriesName = namespace + "Repositories"
        repositoriesProtocolName = namespace + "RepositoriesProtocol"
        let creatable = Self.entitiesCreatableFirst(schema)
        methods = schema.entities.map { Self.method($0, schema: schema, creatable: creatable) }
        exampleMethod = methods.first?.name ?? "create"
    }

    /// The values the template reads, as dictionaries (swift-mustache looks names up in them directly).
    var values: [String: Any] {
        [
            "sourceFile": sourceFile, "factoriesName": factoriesName, "repositoriesName": repositoriesName,
            "repositoriesProtocolName": repositoriesProtocolName, "exampleMethod": exampleMethod,
            "methods": methods.map { method -> [String: Any] in
                [
                    "name": method.name, "newName": method.newName, "returnType": method.returnType,
                    "docLines": method.docLines.map { ["line": $0] },
                    "parameters": method.parameters.map { ["line": $0] },
                    "body": method.body.map { ["line": $0] },
                ]
            },
        ]
    }

    /// The entities whose method takes no required parent: every required `belongs_to` chain from them ends
    /// without coming back to an entity already on it.
    static func entitiesCreatableFirst(_ schema: Schema) -> Set<String> {
        var creatable: Set<String> = []
        for entity in schema.entities where chainEnds(from: entity.name, schema: schema, path: []) {
            creatable.insert(entity.name)
        }
        return creatable
    }

    private static func chainEnds(from name: String, schema: Schema, path: Set<String>) -> Bool {
        guard !path.contains(name), let entity = schema.entity(named: name) else { return false }
        return requiredParents(of: entity, schema: schema).allSatisfy { field in
            chainEnds(from: field.reference!.entity, schema: schema, path: path.union([name]))
        }
    }

    /// The `belongs_to` fields of the create input that may not be NULL.
    static func requiredParents(of entity: Entity, schema: Schema) -> [Field] {
        RepositorySQL(entity: entity, schema: schema).insertFields.filter {
            $0.reference != nil && !$0.isOptional && $0.defaultValue == nil
        }
    }
}
