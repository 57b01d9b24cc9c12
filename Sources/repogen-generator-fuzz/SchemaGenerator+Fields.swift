extension SchemaGenerator {
    static let scalarTypes = [
        "uuid", "string", "string", "text", "int", "bigint", "bool", "decimal", "double", "timestamp", "date",
        "json", "bytes",
    ]

    /// The primary key: `id` or a hostile name, of a key type, usually with a generated default.
    mutating func primaryKey(taken: inout Set<String>) -> FieldModel {
        let name = random.chance(60) ? "id" : snakeName(taken: &taken)
        taken.insert(name)
        var field = FieldModel(name: name, type: random.pick(["uuid", "uuid", "int", "bigint", "string"]))
        field.primary = true
        switch field.type {
        case "uuid": field.defaultValue = random.chance(70) ? "random" : nil
        case "int", "bigint": field.defaultValue = random.chance(60) ? "identity" : nil
        default: field.max = random.chance(70) ? random.int(in: 1...80) : nil
        }
        if random.chance(10) { field.doc = docText() }
        return field
    }

    /// A field: a `belongs_to` (a quarter of the time) or a typed column, with random options.
    mutating func field(taken: inout Set<String>, entities: [String], enums: [EnumModel]) -> FieldModel {
        var field = FieldModel(name: snakeName(taken: &taken))
        if random.chance(25) {
            field.belongsTo = random.pick(entities)
            field.optional = random.chance(35) ? true : nil
            if random.chance(60) {
                field.onDelete = random.pick(["restrict", "cascade", "set_null", "no_action"])
                if field.onDelete == "set_null" && !allowsInvalid { field.optional = true }
            }
            if random.chance(15) { field.unique = true }
        } else {
            let enumNames = enums.map(\.name)
            let useEnum = random.chance(15) && !enumNames.isEmpty
            field.type = useEnum ? random.pick(enumNames) : random.pick(Self.scalarTypes)
            addTypeOptions(to: &field, enums: enums)
            if random.chance(30) { field.optional = true }
            if random.chance(12) { field.unique = true }
            if random.chance(40) { addDefault(to: &field, enums: enums) }
        }
        if random.chance(15) { field.doc = docText() }
        if random.chance(5) {
            var old = taken
            field.renamedFrom = snakeName(taken: &old)
        }
        return field
    }

    private mutating func addTypeOptions(to field: inout FieldModel, enums: [EnumModel]) {
        switch field.type {
        case "string":
            if random.chance(75) { field.max = random.pick([1, 2, 3, 10, 63, 200, 10_485_760]) }
        case "decimal":
            let precision = random.pick([1, 2, 10, 12, 38, 1000])
            field.precision = precision
            if random.chance(70) { field.scale = random.int(in: 0...min(precision, 6)) }
        default:
            if allowsInvalid && random.chance(5) { field.max = 10 }
        }
    }

    /// A default for the field's type: generated (`random`, `now`, `identity`) or a literal, often hostile.
    private mutating func addDefault(to field: inout FieldModel, enums: [EnumModel]) {
        let type = field.type ?? ""
        if let enumType = enums.first(where: { $0.name == type }) {
            field.defaultValue = random.chance(85) || !allowsInvalid ? random.pick(enumType.values) : "no_such_label"
            return
        }
        switch type {
        case "string", "text":
            field.defaultIsText = true
            field.defaultValue = stringDefault(max: field.max)
        case "json":
            field.defaultIsText = true
            field.defaultValue = random.pick(Self.jsonDefaults)
        default:
            guard let values = Self.literalDefaults[type] else { return }
            let invalid = values.valid.isEmpty || (allowsInvalid && random.chance(40))
            if invalid && !allowsInvalid { return }
            field.defaultValue = random.pick(invalid ? values.invalid : values.valid)
        }
    }

    private mutating func stringDefault(max: Int?) -> String {
        var text = random.chance(hostility + 30)
            ? (0..<random.int(in: 1...2)).map { _ in random.pick(HostileNames.hostileStrings) }.joined()
            : random.pick(["", "hello", "0", "draft", "a b"])
        if let max, !allowsInvalid || random.chance(50) {
            text = String(text.prefix(max))
        }
        return text
    }

    /// Literal defaults the reader should take (first) and ones it should refuse (second), by type.
    static let literalDefaults: [String: (valid: [String], invalid: [String])] = [
        "uuid": (["random", "00000000-0000-0000-0000-000000000000", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"],
                 ["not-a-uuid", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"]),
        "int": (["0", "1", "-1", "42", "2147483647", "-2147483648", "+7", "007", "identity"],
                ["2147483648", "1e3", "0x10"]),
        "bigint": (["0", "9223372036854775807", "-9223372036854775808", "identity", "-0"], ["9223372036854775808"]),
        "bool": (["true", "false"], ["yes", "TRUE", "1"]),
        "decimal": (["0", "-0.5", ".5", "5.", "0.0"], ["NaN", "Infinity", "1e2", "99999999999999"]),
        "double": (["1.5", "-0", "1e308", "-1.5e-10", "0", "2E-3"], ["1e309", "NaN", "Infinity", "0x10"]),
        "timestamp": (["now"], ["2020-01-01"]),
        "date": (["now", "2024-02-29", "0001-01-01", "9999-12-31"], ["2023-02-29", "2024-13-01", "20240101"]),
        "bytes": ([], ["x"]),
    ]

    static let jsonDefaults = [
        "{}", "[]", "{\"a\":\"'; DROP TABLE zz_repogen_canary; --\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\\\\"}",
        "\"$$\"", "1", "null", "{\"a\":1,\"a\":2}", "[1,2", "{\"k\":\"\u{202E}\"}", "\"\\\\'\"", "\"E'\\\\''\"",
        "{\"{{x}}\":\"\\\\(y)\"}", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "\"\u{2028}\"",
    ]
}
