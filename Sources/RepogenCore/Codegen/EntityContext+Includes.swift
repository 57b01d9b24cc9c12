/// Nested includes: `db.quotes.include(QuoteInclude(owner: UserInclude(), labels: LabelInclude()), for: quotes)`
/// returns `QuoteNode`s with the relations asked for, loaded with one statement per included relation at each level
/// (the loads above, run over every row of the level at once), however many rows there are.
extension EntityContext {
    /// The `Include` and `Node` types of one entity and its `include(_:for:)` method.
    struct IncludeContext {
        /// One relation as a member of both types.
        struct Member {
            /// The Swift property (escaped when a keyword).
            let name: String
            let includeType: String
            /// `UserNode?` for a to-one relation, `[LabelNode]?` for a to-many one.
            let nodeType: String
            let doc: String
            let nodeDoc: String
            let isLast: Bool
        }

        let entity: String
        let includeName: String
        let nodeName: String
        let members: [Member]
        /// Whether `members` is not empty (a comma after the node's `row` parameter).
        let hasMembers: Bool
        /// `include(_:for:)`, printed with the repository's other methods.
        let method: MethodText
    }

    /// One relation an include can follow: its Swift name, target, load method and how a row finds its entry.
    struct IncludeEdge {
        let name: String
        let target: Entity
        let isMany: Bool
        let load: String
        /// The expression giving a row's key in the loaded dictionary (`row.ownerID`, `row.id`).
        let key: String
        let isOptionalKey: Bool
        /// The Swift type of the loaded dictionary's keys.
        let keyType: String
    }

    /// The relations of `entity` an include follows: its belongs_to fields, then its declared relations.
    static func includeEdges(of entity: Entity, schema: Schema) -> [IncludeEdge] {
        let primaryKey = "row." + SwiftLiteral.identifier(entity.primaryKey.swiftName)
        let parents = parentReferences(of: entity, schema: schema).map { field, target in
            IncludeEdge(name: parentRelationName(field), target: target, isMany: false, load: parentLoadName(field),
                        key: "row." + SwiftLiteral.identifier(field.swiftName), isOptionalKey: field.isOptional,
                        keyType: target.primaryKey.type.swiftType)
        }
        let children = entity.relations.compactMap { relation -> IncludeEdge? in
            guard let target = schema.entity(named: relation.entity),
                  RelationPlan(relation, of: entity, schema: schema) != nil else { return nil }
            return IncludeEdge(name: relation.swiftName, target: target, isMany: relation.kind != .hasOne,
                               load: relationName(relation), key: primaryKey, isOptionalKey: false,
                               keyType: entity.primaryKey.type.swiftType)
        }
        return parents + children
    }

    /// The entities that take part in an include: those with a relation, and every relation's target.
    static func includedEntities(_ schema: Schema) -> Set<String> {
        var names = Set<String>()
        for entity in schema.entities {
            let edges = includeEdges(of: entity, schema: schema)
            if !edges.isEmpty { names.insert(entity.name) }
            names.formUnion(edges.map(\.target.name))
        }
        return names
    }

    static func includeContext(of entity: Entity, schema: Schema) -> IncludeContext {
        let edges = includeEdges(of: entity, schema: schema)
        let members = edges.enumerated().map { index, edge in
            let (include, node) = (edge.target.name + "Include", edge.target.name + "Node")
            let what = edge.isMany ? "rows" : "row"
            return IncludeContext.Member(
                name: SwiftLiteral.identifier(edge.name), includeType: include,
                nodeType: edge.isMany ? "[\(node)]?" : node + "?",
                doc: "Loads the `\(edge.name)` \(what), with what `\(include)` loads under "
                    + (edge.isMany ? "them" : "it") + "; nil: not loaded.",
                nodeDoc: edge.isMany ? "The `\(edge.name)` rows; nil when the include did not ask for them."
                    : "The `\(edge.name)` row; nil when the include did not ask for it or there is none.",
                isLast: index == edges.count - 1)
        }
        return IncludeContext(
            entity: entity.name, includeName: entity.name + "Include", nodeName: entity.name + "Node",
            members: members, hasMembers: !members.isEmpty, method: includeMethod(edges, of: entity))
    }
}
