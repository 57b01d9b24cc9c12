/// The columns of one entity, looked up by column or field name, built once so lookups stay constant-time.
struct EntityColumns {
    /// What a column name refers to.
    enum Match {
        /// A resolved field.
        case found(Field)
        /// A declared field whose own error is already reported.
        case unresolved
        /// No field has that column or name.
        case unknown
    }

    private var byColumn: [String: Field] = [:]
    private var byName: [String: Field] = [:]
    private var declared: Set<String> = []
    /// Every column, in field order (for suggestions).
    private(set) var columnNames: [String] = []

    /// Indexes the resolved fields (declared and synthesized) and the names of every declared field.
    init(declaration: EntityDeclaration, fields: [Field]) {
        for field in fields {
            if byColumn[field.column] == nil { byColumn[field.column] = field }
            if byName[field.name] == nil { byName[field.name] = field }
            columnNames.append(field.column)
        }
        for field in declaration.fields {
            declared.insert(field.name.value)
            declared.insert(field.column)
        }
    }

    /// The field stored in `name` as a column, else the field called `name`.
    func lookup(_ name: String) -> Match {
        if let field = byColumn[name] ?? byName[name] { return .found(field) }
        return declared.contains(name) ? .unresolved : .unknown
    }

    /// Whether `name` is a column of the entity.
    func contains(column name: String) -> Bool {
        byColumn[name] != nil
    }
}
