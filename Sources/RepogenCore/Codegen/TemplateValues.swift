/// The contexts as nested dictionaries and arrays, read by swift-mustache through its `MustacheParent` lookup.
///
/// swift-mustache reads a struct's value by name with a `Mirror` of the whole struct on every `{{name}}`, and
/// again for every enclosing context a name is not found in; for 500 entities that was most of the generation
/// time. Reflecting each context once gives the same values under the same names: a nil optional is left out,
/// as the `Mirror` lookup treats it as missing (the lookup then climbs the stack in both cases). Types are
/// recognised by identity, not by a protocol cast, which costs a conformance lookup per value; a context type
/// missing from `contexts` is still rendered correctly, through swift-mustache's own `Mirror` lookup.
enum TemplateValues {
    /// The context types turned into dictionaries.
    static let contexts: Set<ObjectIdentifier> = [
        ObjectIdentifier(SchemaContext.self), ObjectIdentifier(SchemaContext.EnumCase.self),
        ObjectIdentifier(SchemaContext.EnumContext.self), ObjectIdentifier(SchemaContext.MigrationContext.self),
        ObjectIdentifier(EntityContext.self), ObjectIdentifier(EntityContext.Property.self),
        ObjectIdentifier(EntityContext.InputProperty.self), ObjectIdentifier(EntityContext.Bind.self),
        ObjectIdentifier(EntityContext.Statement.self), ObjectIdentifier(EntityContext.FinderMethod.self),
        ObjectIdentifier(EntityContext.RelationMethod.self), ObjectIdentifier(EntityContext.MethodText.self),
        ObjectIdentifier(EntityContext.ColumnReference.self), ObjectIdentifier(ReadMethods.self),
        ObjectIdentifier(DocComment.Line.self), ObjectIdentifier(CacheText.Policy.self),
        ObjectIdentifier(EntityContext.IncludeContext.self), ObjectIdentifier(EntityContext.IncludeContext.Member.self),
        ObjectIdentifier(InMemoryText.self),
    ]
    /// Arrays of context types, mapped element by element.
    static let arrays: Set<ObjectIdentifier> = [
        ObjectIdentifier([SchemaContext.EnumCase].self), ObjectIdentifier([SchemaContext.EnumContext].self),
        ObjectIdentifier([SchemaContext.MigrationContext].self), ObjectIdentifier([EntityContext].self),
        ObjectIdentifier([EntityContext.Property].self), ObjectIdentifier([EntityContext.InputProperty].self),
        ObjectIdentifier([EntityContext.Bind].self), ObjectIdentifier([EntityContext.Statement].self),
        ObjectIdentifier([EntityContext.FinderMethod].self), ObjectIdentifier([EntityContext.RelationMethod].self),
        ObjectIdentifier([EntityContext.MethodText].self), ObjectIdentifier([EntityContext.ColumnReference].self),
        ObjectIdentifier([DocComment.Line].self), ObjectIdentifier([CacheText.Policy].self),
        ObjectIdentifier([EntityContext.IncludeContext.Member].self), ObjectIdentifier([InMemoryText].self),
    ]
    /// Values that are neither optional nor contexts: kept as they are without a look at their type's shape.
    static let plain: Set<ObjectIdentifier> = [
        ObjectIdentifier(String.self), ObjectIdentifier(Bool.self), ObjectIdentifier(Int.self),
    ]

    /// `value` with every context in it, in arrays and optionals too, turned into a `[String: Any]`.
    static func tree(_ value: Any) -> Any {
        let type = ObjectIdentifier(Swift.type(of: value))
        if contexts.contains(type) {
            var values: [String: Any] = [:]
            for child in Mirror(reflecting: value).children {
                guard let label = child.label, values[label] == nil, let child = unwrapped(child.value) else {
                    continue
                }
                values[label] = tree(child)
            }
            return values
        }
        if arrays.contains(type), let array = value as? [Any] {
            return array.map(tree)
        }
        return value
    }

    /// The value of an optional, or nil when it holds none; any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        let type = ObjectIdentifier(Swift.type(of: value))
        if plain.contains(type) || contexts.contains(type) || arrays.contains(type) {
            return value
        }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { $0.value }
    }
}
