/// Everything the entity and repository templates print for one entity, decided here in Swift.
///
/// Templates only lay this text out; they never derive a name, a type or a piece of SQL.
struct EntityContext {
    /// One stored property of the entity struct.
    struct Property {
        let name: String
        let type: String
        let column: String
        let decode: String
        let isLast: Bool
    }

    /// One parameter of the create input (`NewQuote`).
    struct InputProperty {
        let name: String
        let type: String
        let defaultArgument: String
        let doc: String
        let isLast: Bool
    }

    /// One bind appended before a statement runs (`binds.append(input.title)`).
    struct Bind {
        let line: String
    }

    /// A prepared statement of the repository.
    struct Statement {
        let property: String
        let name: String
        let sqlLiteral: String
        let parameterTypes: String
    }

    let name: String
    let table: String
    let newName: String
    let patchName: String
    let repositoryName: String
    let repositoryProperty: String
    let primaryKeyName: String
    let primaryKeyType: String
    let needsIdentifiable: Bool
    let properties: [Property]
    let inputProperties: [InputProperty]
    let patchProperties: [InputProperty]
    let createBinds: [Bind]
    let createManyBinds: [Bind]
    let updateBinds: [Bind]
    let statements: [Statement]
}
