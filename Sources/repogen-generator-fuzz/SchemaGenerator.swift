/// Builds a random schema from a seed: every schema key, hostile names, hostile literals.
///
/// The same seed gives the same schema. A share of each schema's names come from `HostileNames`; that share is
/// itself random, so some schemas are tame (to reach code generation and the database) and some are mostly hostile.
/// ```swift
/// let model = SchemaGenerator(seed: 7).schema()
/// let yaml = YAMLWriter.text(of: model)
/// ```
struct SchemaGenerator {
    var random: SplitMix64
    /// The percentage of names drawn from the hostile pools.
    let hostility: Int
    /// Whether names and values the reader must refuse may appear.
    let allowsInvalid: Bool
    var counter = 0

    /// A generator for `seed`.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        hostility = random.pick([5, 20, 40, 70])
        allowsInvalid = random.chance(15)
    }

    static let plainSnake = [
        "title", "amount", "notes", "status", "code", "label", "score", "email", "city", "price", "body", "slug",
        "rank", "weight", "color", "size", "flag", "kind", "stamp", "payload", "summary", "handle", "due_on",
    ]
    static let plainPascal = [
        "Quote", "Customer", "Invoice", "Author", "Book", "Genre", "Ticket", "Listing", "Member", "Team",
        "Project", "Milestone", "Organisation", "Shipment", "Parcel", "Widget", "Gadget", "Review", "Profile",
    ]

    /// The whole schema.
    mutating func schema() -> SchemaModel {
        var model = SchemaModel()
        var typeNames = Set<String>()
        for _ in 0..<random.int(in: 0...2) {
            model.enums.append(enumModel(taken: &typeNames))
        }
        let names = (0..<random.int(in: 1...4)).map { _ in pascalName(taken: &typeNames) }
        for name in names {
            model.entities.append(entity(name, entities: names, enums: model.enums))
        }
        if model.entities.contains(where: { $0.audited == true }), random.chance(60) {
            model.entities.append(auditEntry(enums: model.enums))
        }
        addRelations(to: &model)
        if random.chance(10) { model.acknowledgements = acknowledgements(model) }
        return model
    }

    // MARK: - Names

    /// A snake_case name not in `taken` (which it joins): plain or hostile, rarely invalid.
    mutating func snakeName(taken: inout Set<String>) -> String {
        for _ in 0..<6 {
            let name = candidateSnake()
            if taken.insert(name).inserted { return name }
        }
        counter += 1
        let name = (random.chance(50) ? random.pick(Self.plainSnake) : random.pick(HostileNames.sqlKeywords))
            + "_\(counter)"
        taken.insert(name)
        return name
    }

    private mutating func candidateSnake() -> String {
        if allowsInvalid && random.chance(4) { return random.pick(HostileNames.invalidSnake) }
        guard random.chance(hostility) else { return random.pick(Self.plainSnake) }
        switch random.int(in: 0...9) {
        case 0, 1: return random.pick(HostileNames.sqlKeywords)
        case 2, 3: return random.pick(HostileNames.swiftKeywords)
        case 4, 5: return random.pick(HostileNames.generatedMembers)
        case 6: return random.pick(HostileNames.postgresNames)
        case 7, 8: return random.pick(HostileNames.nearCollisions)
        default:
            let length = allowsInvalid && random.chance(30) ? 64 : random.pick([50, 60, 62, 63])
            return HostileNames.longName(length, seed: random.int(in: 0...99))
        }
    }

    /// A PascalCase name not in `taken` (which it joins).
    mutating func pascalName(taken: inout Set<String>) -> String {
        for _ in 0..<6 {
            let name = candidatePascal()
            if taken.insert(name).inserted { return name }
        }
        counter += 1
        let name = random.pick(Self.plainPascal) + "\(counter)"
        taken.insert(name)
        return name
    }

    private mutating func candidatePascal() -> String {
        if allowsInvalid && random.chance(4) { return random.pick(HostileNames.invalidPascal) }
        guard random.chance(hostility / 3) else { return random.pick(Self.plainPascal) }
        if random.chance(8) {
            return "L" + String(repeating: "ong", count: random.int(in: 15...25))
        }
        return random.pick(HostileNames.pascalNames)
    }

    /// Text for a doc comment: plain, or hostile (comment terminators, NUL, bidi, line separators).
    mutating func docText() -> String {
        guard random.chance(hostility + 20) else { return "Plain documentation." }
        let parts = (0..<random.int(in: 1...3)).map { _ in random.pick(HostileNames.hostileStrings) }
        return "Doc " + parts.joined(separator: " ")
    }

    // MARK: - Enums

    private mutating func enumModel(taken: inout Set<String>) -> EnumModel {
        let name = pascalName(taken: &taken)
        var labels = Set<String>()
        let values = (0..<random.int(in: 1...4)).map { _ in snakeName(taken: &labels) }
        return EnumModel(name: name, values: values, doc: random.chance(30) ? docText() : nil)
    }

    // MARK: - Entities

    private mutating func entity(_ name: String, entities: [String], enums: [EnumModel]) -> EntityModel {
        var entity = EntityModel(name: name)
        var taken = Set<String>()
        entity.fields = [primaryKey(taken: &taken)]
        for _ in 0..<random.int(in: 1...5) {
            entity.fields.append(field(taken: &taken, entities: entities, enums: enums))
        }
        var tables = Set<String>()
        if random.chance(35) { entity.table = snakeName(taken: &tables) }
        if random.chance(25) { entity.doc = docText() }
        if random.chance(5) { entity.renamedFrom = snakeName(taken: &tables) }
        addBehaviours(to: &entity)
        entity.indexes = (0..<random.int(in: 0...3)).map { _ in index(of: entity) }
        entity.finders = (0..<random.int(in: 0...2)).map { _ in finder(of: entity) }
        return entity
    }

    private mutating func addBehaviours(to entity: inout EntityModel) {
        if random.chance(8) {
            entity.appendOnly = true
        } else {
            if random.chance(20) { entity.softDelete = random.chance(90) }
            if random.chance(20) { entity.versioned = random.chance(90) }
        }
        if allowsInvalid && random.chance(10) { entity.softDelete = true }
        if random.chance(15) { entity.audited = random.chance(90) }
        if random.chance(25) { entity.timestamps = random.chance(90) }
        let candidates = entity.fields.filter { $0.primary != true && $0.optional != true }
        if random.chance(15), let tenant = candidates.randomElement(using: &random) {
            entity.tenant = random.chance(70) ? tenant.name : tenant.column
        }
        if random.chance(15) && (entity.tenant == nil || allowsInvalid) { entity.cache = cache() }
    }

    private mutating func cache() -> CacheModel {
        var cache = CacheModel()
        if random.chance(60) { cache.ttl = random.pick([1, 60, 3600, 604_800, allowsInvalid ? 0 : 5]) }
        if random.chance(50) { cache.tier = random.pick(["l1", "l2", "both"]) }
        if random.chance(25) {
            cache.queriesAll = random.pick([1, 30, 604_800])
        } else if random.chance(30) {
            cache.queries = random.sample(["find", "count", "exists"], count: random.int(in: 1...3))
                .map { ($0, random.int(in: 1...600)) }
        }
        return cache
    }

    private mutating func auditEntry(enums: [EnumModel]) -> EntityModel {
        var entry = EntityModel(name: "AuditEntry", appendOnly: random.chance(50) ? true : nil)
        let action = enums.first { Set(["create", "update", "delete"]).isSubset(of: $0.values) }
        entry.fields = [
            FieldModel(name: "id", type: "bigint", primary: true, defaultValue: "identity"),
            FieldModel(name: "action", type: action?.name ?? "string", max: action == nil ? 16 : nil),
            FieldModel(name: "entity", type: "string", max: 64),
            FieldModel(name: "entity_id", type: "string", max: 64),
            FieldModel(name: "before", type: "json", optional: true),
            FieldModel(name: "after", type: "json", optional: true),
            FieldModel(name: "at", type: "timestamp", defaultValue: "now"),
        ]
        return entry
    }
}
