import RepogenCore

/// Derives a second schema from an accepted one by a few random edits, so the diff between them is a migration:
/// fields added, dropped, renamed (`renamed_from`), made optional or required; indexes added and dropped; an enum
/// label added; an entity added; a table renamed; behaviours switched.
struct SchemaMutator {
    var generator: SchemaGenerator

    /// A mutator whose choices follow `seed` (a different stream from the schema's own).
    init(seed: UInt64) {
        generator = SchemaGenerator(seed: seed ^ 0x5EED_0F_0A11_CE55)
    }

    /// `model` after one to three edits; `schema` is what the reader made of it (for the tables it resolved).
    mutating func mutate(_ model: SchemaModel, schema: Schema) -> SchemaModel {
        var next = model
        for _ in 0..<generator.random.int(in: 1...3) {
            let target = generator.random.int(in: 0...(next.entities.count - 1))
            switch generator.random.int(in: 0...10) {
            case 0, 1: addField(to: &next.entities[target], schema: next)
            case 2: dropField(of: &next, at: target, schema: schema)
            case 3: renameField(of: &next.entities[target])
            case 4: next.entities[target].indexes.append(generator.index(of: next.entities[target]))
            case 5: if !next.entities[target].indexes.isEmpty { next.entities[target].indexes.removeLast() }
            case 6: addEnumLabel(to: &next)
            case 7: addEntity(to: &next)
            case 8: renameTable(of: &next.entities[target], schema: schema)
            case 9: toggleOptional(in: &next.entities[target])
            default: toggleBehaviour(of: &next.entities[target])
            }
        }
        return next
    }

    private mutating func addField(to entity: inout EntityModel, schema: SchemaModel) {
        var taken = Set(entity.fields.map(\.name))
        var field = generator.field(taken: &taken, entities: schema.entities.map(\.name), enums: schema.enums)
        field.renamedFrom = nil
        if field.defaultValue == nil || generator.random.chance(50) { field.optional = true }
        entity.fields.append(field)
    }

    private mutating func dropField(of model: inout SchemaModel, at target: Int, schema: Schema) {
        let entity = model.entities[target]
        let candidates = entity.fields.filter { field in
            field.primary != true && field.belongsTo == nil && entity.tenant != field.name
                && entity.tenant != field.column
        }
        guard let field = candidates.randomElement(using: &generator.random) else { return }
        model.entities[target].fields.removeAll { $0.name == field.name }
        model.entities[target].indexes.removeAll { Self.mentions($0, field) }
        model.entities[target].finders.removeAll { finder in
            (finder.by + (finder.order ?? [])).contains { Self.names($0, field) }
        }
        if let table = schema.entities.first(where: { $0.name == entity.name })?.table {
            model.acknowledgements.append(("drop_column", table + "." + field.column))
        }
    }

    private mutating func renameField(of entity: inout EntityModel) {
        guard let position = entity.fields.indices.filter({ entity.fields[$0].primary != true
            && entity.fields[$0].belongsTo == nil && entity.tenant != entity.fields[$0].name })
            .randomElement(using: &generator.random) else { return }
        let old = entity.fields[position]
        var taken = Set(entity.fields.map(\.name))
        let name = generator.snakeName(taken: &taken)
        entity.fields[position].name = name
        entity.fields[position].renamedFrom = old.column
        for index in entity.indexes.indices where Self.mentions(entity.indexes[index], old) {
            entity.indexes[index].predicate = nil
            entity.indexes[index].columns = entity.indexes[index].columns.map { Self.renamed($0, old, to: name) }
        }
        for finder in entity.finders.indices {
            entity.finders[finder].by = entity.finders[finder].by.map { Self.renamed($0, old, to: name) }
            entity.finders[finder].order = entity.finders[finder].order?.map { Self.renamed($0, old, to: name) }
        }
    }

    private mutating func addEnumLabel(to model: inout SchemaModel) {
        guard !model.enums.isEmpty else { return }
        let position = generator.random.int(in: 0...(model.enums.count - 1))
        var taken = Set(model.enums[position].values)
        model.enums[position].values.append(generator.snakeName(taken: &taken))
    }

    private mutating func addEntity(to model: inout SchemaModel) {
        var taken = Set(model.entities.map(\.name) + model.enums.map(\.name))
        let name = generator.pascalName(taken: &taken)
        var fieldNames = Set<String>()
        var entity = EntityModel(name: name)
        entity.fields = [generator.primaryKey(taken: &fieldNames)]
        entity.fields.append(generator.field(taken: &fieldNames, entities: model.entities.map(\.name) + [name],
                                             enums: model.enums))
        entity.fields[1].renamedFrom = nil
        model.entities.append(entity)
    }

    private mutating func renameTable(of entity: inout EntityModel, schema: Schema) {
        guard let table = schema.entities.first(where: { $0.name == entity.name })?.table else { return }
        var taken: Set<String> = [table]
        entity.table = generator.snakeName(taken: &taken)
        entity.renamedFrom = table
    }

    private mutating func toggleOptional(in entity: inout EntityModel) {
        guard let position = entity.fields.indices.filter({ entity.fields[$0].primary != true })
            .randomElement(using: &generator.random) else { return }
        entity.fields[position].optional = entity.fields[position].optional == true ? nil : true
    }

    private mutating func toggleBehaviour(of entity: inout EntityModel) {
        switch generator.random.int(in: 0...2) {
        case 0: entity.softDelete = entity.softDelete == true ? nil : true
        case 1: entity.timestamps = entity.timestamps == true ? nil : true
        default: entity.versioned = entity.versioned == true ? nil : true
        }
    }

    /// Whether an index names the field (by field name or column) or its predicate mentions the column.
    private static func mentions(_ index: IndexModel, _ field: FieldModel) -> Bool {
        index.columns.contains { names($0, field) } || (index.predicate?.contains(field.column) ?? false)
    }

    /// Whether a list entry such as `title desc` names the field.
    private static func names(_ entry: String, _ field: FieldModel) -> Bool {
        let word = entry.split(separator: " ").first.map(String.init) ?? entry
        return word == field.name || word == field.column
    }

    private static func renamed(_ entry: String, _ field: FieldModel, to name: String) -> String {
        guard names(entry, field) else { return entry }
        let rest = entry.split(separator: " ", maxSplits: 1).dropFirst().first.map { " " + $0 } ?? ""
        return name + rest
    }
}
