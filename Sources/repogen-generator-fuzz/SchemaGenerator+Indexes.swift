extension SchemaGenerator {
    /// An index over a few of the entity's columns (named by column or by field), with random options.
    mutating func index(of entity: EntityModel) -> IndexModel {
        let fields = random.sample(entity.fields, count: random.int(in: 1...min(3, entity.fields.count)))
        var columns = fields.map { random.chance(80) ? $0.column : $0.name }
        if random.chance(20) { columns[columns.count - 1] += random.pick([" desc", " asc", " DESC"]) }
        var index = IndexModel(columns: columns)
        if random.chance(15) { index.unique = true }
        if random.chance(12) {
            var names = Set<String>()
            index.name = snakeName(taken: &names)
        }
        if random.chance(30) { index.predicate = predicate(over: entity.fields) }
        if random.chance(15) {
            let descending = columns.last?.contains(" ") == true
            index.using = method(for: fields, unique: index.unique == true, descending: descending)
        }
        return index
    }

    /// An access method that suits the columns (any method when invalid input is allowed).
    private mutating func method(for fields: [FieldModel], unique: Bool, descending: Bool) -> String {
        if allowsInvalid && random.chance(50) { return random.pick(["btree", "brin", "hash", "gin", "gist"]) }
        if unique || descending { return "btree" }
        if fields.count == 1 && fields[0].type == "json" { return random.pick(["gin", "btree"]) }
        return fields.count == 1 ? random.pick(["btree", "brin", "hash"]) : random.pick(["btree", "brin"])
    }

    /// A `where:` predicate over the entity's columns: semantically valid SQL (PostgreSQL only takes immutable
    /// expressions, and repogen does not type-check predicates), with hostile literals inside the quotes.
    mutating func predicate(over fields: [FieldModel], depth: Int = 0) -> String {
        if depth < 2 && random.chance(25) {
            let left = predicate(over: fields, depth: depth + 1)
            let right = predicate(over: fields, depth: depth + 1)
            return random.pick(["(\(left)) AND (\(right))", "(\(left)) OR \(right)", "NOT (\(left))"])
        }
        let texts = fields.filter { $0.type == "string" || $0.type == "text" }
        let field = texts.isEmpty || random.chance(30) ? random.pick(fields) : random.pick(texts)
        let column = random.chance(50) ? field.column : "\"\(field.column)\""
        guard field.type == "string" || field.type == "text" else {
            return column + random.pick([" IS NULL", " IS NOT NULL"])
        }
        let literal = sqlString(random.pick(HostileNames.hostileStrings))
        switch random.int(in: 0...9) {
        case 0: return "\(column) IS NOT NULL"
        case 1: return "\(column) = \(literal)"
        case 2: return "lower(\(column)) LIKE \(literal)"
        case 3: return "\(column) IN (\(literal), \(sqlString("a")))"
        case 4 where random.chance(50): return "\(column) <> E\(literal)"
        case 5 where random.chance(50): return "\(column) = U&\(literal)"
        case 6 where random.chance(60):
            return random.pick(Self.rawPredicates).replacingOccurrences(of: "COL", with: column)
        default: return "\(column) <> \(literal)"
        }
    }

    /// A standard SQL string constant (quotes doubled); rarely left undoubled, which the reader must refuse.
    private mutating func sqlString(_ text: String) -> String {
        let doubled = allowsInvalid && random.chance(20) ? text : text.replacingOccurrences(of: "'", with: "''")
        return "'" + doubled + "'"
    }

    static let rawPredicates = [
        "COL = '\\'", "COL = '\\' OR true OR '' = ''", "COL = E'\\'' OR ''=''", "COL = $1", "COL = $$x$$",
        "COL IS NULL; DROP TABLE zz_repogen_canary", "COL IS NULL -- c", "COL /* c */ IS NULL", "(COL IS NULL",
        "COL = 'é'", "COL = 'a''b'", "COL = e'x'", "COL = b'1'", "COL = x'1F'", "COL = n'x'", "COL IS NULL OR é",
        "COL = 'a' 'b'", "COL = 'a'\n'b'", "COL = U&'\\0041' UESCAPE '!'", "COL = '\\'' OR ''=''",
    ]

    /// A finder over one or two fields; a unique one is over a unique field when there is one.
    mutating func finder(of entity: EntityModel) -> FinderModel {
        let fields = random.sample(entity.fields, count: random.int(in: 1...min(2, entity.fields.count)))
        let nameSource = random.chance(hostility) ? random.pick(HostileNames.swiftKeywords + ["all", "id", "type"])
            : fields[0].name
        let name = random.chance(10) ? "all" : "by" + pascal(nameSource) + (random.chance(30) ? "\(counter)" : "")
        var finder = FinderModel(name: name, by: fields.map { random.chance(70) ? $0.name : $0.column })
        if random.chance(25), let unique = entity.fields.first(where: { $0.unique == true || $0.primary == true }) {
            finder.by = [unique.name]
            finder.unique = true
        } else if random.chance(35) {
            let order = random.pick(entity.fields)
            finder.order = [order.column + random.pick(["", " desc", " asc"])]
        }
        counter += 1
        return finder
    }

    /// `snake_name` as `SnakeName`, keeping only ASCII letters and digits.
    private func pascal(_ name: String) -> String {
        name.split(separator: "_").map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }.joined().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// `has_many` / `has_one` inverses of some `belongs_to` fields, and many-to-many through join entities.
    mutating func addRelations(to model: inout SchemaModel) {
        var names: [String: Set<String>] = [:]
        for child in model.entities {
            for field in child.fields {
                guard let parent = field.belongsTo, let parentIndex = model.entityIndex(named: parent),
                      random.chance(40) else { continue }
                var taken = names[parent] ?? Set(model.entities[parentIndex].fields.map(\.name))
                let relation = RelationModel(
                    name: snakeName(taken: &taken), entity: child.name, by: random.chance(70) ? field.name : nil)
                names[parent] = taken
                if random.chance(70) {
                    model.entities[parentIndex].hasMany.append(relation)
                } else {
                    model.entities[parentIndex].hasOne.append(relation)
                }
            }
            addThrough(join: child, to: &model, names: &names)
        }
    }

    private mutating func addThrough(
        join: EntityModel, to model: inout SchemaModel, names: inout [String: Set<String>]
    ) {
        let targets = join.fields.compactMap(\.belongsTo)
        guard targets.count >= 2, targets[0] != targets[1], random.chance(50),
              let owner = model.entityIndex(named: targets[0]) else { return }
        var taken = names[targets[0]] ?? Set(model.entities[owner].fields.map(\.name))
        let relation = RelationModel(name: snakeName(taken: &taken), entity: targets[1], through: join.name)
        names[targets[0]] = taken
        model.entities[owner].hasMany.append(relation)
    }

    /// A few acknowledgements, mostly well-formed.
    mutating func acknowledgements(_ model: SchemaModel) -> [(kind: String, target: String)] {
        let tables = model.entities.map { $0.table ?? "some_table" }
        return (0..<random.int(in: 1...3)).map { _ in
            let kind = random.pick(["drop_table", "drop_index", "drop_column", "narrow_type", "set_not_null",
                                    "drop_enum_value", "rewrite_table"])
            let table = random.pick(tables)
            let qualified = ["drop_column", "narrow_type", "set_not_null", "drop_enum_value"].contains(kind)
            return (kind, qualified ? table + "." + random.pick(Self.plainSnake) : table)
        }
    }
}
